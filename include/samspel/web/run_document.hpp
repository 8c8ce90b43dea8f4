// The JSON document of a run or a comparison that the web API returns and the pages draw: per
// variant, the band (mean and 5/25/50/75/95% quantiles) of every monthly metric, the mean of
// every per-run measure; the paired differences of each variant to the first; the scripted
// events as markers. Same statistics as series.csv and compare.csv.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "samspel/io/results.hpp"
#include "samspel/io/variants.hpp"

namespace samspel::web {

// `results[i]` are the results of `variants[i]`; all share the calendar, seed and replicates.
nlohmann::json run_document(const std::vector<io::Variant>& variants,
                            const std::vector<io::RunResults>& results);

// The per-run measures of every replicate: values[replicate * measures + measure].
std::vector<double> measure_matrix(const io::RunResults& results);

}  // namespace samspel::web
