// Scenarios as JSON, for the web API: a JSON object with the structure of a scenario file
// (docs/scenarios.md) is turned into a TOML table and read by the scenario file parser, so the
// same keys, types, ranges and messages apply. Errors name `source` and the key, e.g.
// "scenario: strategy.foundation: \"role\" is not allowed; allowed: one of chemistry, roles".
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "samspel/io/scenario.hpp"

namespace samspel::io {

// JSON integers become TOML integers and JSON numbers with a fraction or exponent TOML floats,
// so `30000` is an integer and `30000.0` is not, as in a file. Throws ScenarioError.
Scenario scenario_from_json(const nlohmann::json& scenario, std::string_view source);

// A scenario file's text as JSON of the same structure (presets for the web app). Throws
// ScenarioError when the text is not TOML.
nlohmann::json scenario_text_to_json(std::string_view toml_text, std::string_view source);

}  // namespace samspel::io
