// The body of POST /api/runs: a scenario as JSON (the structure of a scenario file) and
// optionally variants, each the scenario with changes merged in (RFC 7386 merge patch). Checked
// by the scenario file rules; a problem is a BadRequest naming the JSON field and what is
// allowed (docs/api.md).
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "samspel/io/variants.hpp"
#include "samspel/web/limits.hpp"

namespace samspel::web {

// HTTP 400 with this one-line message.
class BadRequest : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The scenario at `field` of a request (e.g. "scenario"), validated. Refuses population files:
// the web app runs single municipalities and never opens files a client names.
io::Scenario scenario_field(const nlohmann::json& body, const char* field);

// The variants to run (one when the body has no "variants"), within `limits`.
std::vector<io::Variant> parse_run_request(const nlohmann::json& body, const Limits& limits);

// Replicates x years of running all `variants`.
long replicate_years(const std::vector<io::Variant>& variants);

}  // namespace samspel::web
