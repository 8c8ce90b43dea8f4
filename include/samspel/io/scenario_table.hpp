// A scenario from a TOML table already in memory: the parser of scenario files without the
// text. The web API builds such a table from JSON so that a scenario sent as JSON is checked by
// exactly the rules and the dictionary of a file. A table without source positions reports
// errors as "SOURCE: KEY: PROBLEM; allowed: ..." with `source` standing for the position.
#pragma once

#include <toml++/toml.h>

#include <string_view>

#include "samspel/io/scenario.hpp"

namespace samspel::io {

Scenario scenario_from_table(const toml::table& root, std::string_view source,
                             std::string_view other_section = {});

}  // namespace samspel::io
