// Pieces shared by the run and store paths of the results document (results_json.hpp).
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

#include "samspel/engine/calendar.hpp"

namespace samspel::io::document {

using Json = nlohmann::ordered_json;

// Six significant digits, as in the CSV files (and no more than a float32 store holds); null
// for NaN or infinity, which JSON cannot carry.
Json number(double v);

// Fields every document starts with, in order: format version, kind, title, replicates, start,
// months (YYYY-MM labels), metrics and measures (name and meaning).
Json head(std::string_view kind, const std::string& title, int replicates,
          const engine::Calendar& calendar);

// Swedish general elections fall in September of the years = 2 (mod 4) (model process 9).
Json election_months(const engine::Calendar& calendar);

// One per-run measure across replicates: n (finite values), mean with its 95% confidence
// interval (Student t), and the 5%, 50% and 95% quantiles of the replicates.
Json measure_summary(std::string_view name, std::span<const double> values);

// Parses a number as written by the CSV files ("NA" = NaN); nullopt when malformed.
bool parse_number(std::string_view text, double& out);

}  // namespace samspel::io::document
