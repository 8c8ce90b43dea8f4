// Per-run measures: one number per replicate for each, from its summary and its own monthly
// series. They are the columns of replicates.csv and the quantities `samspel compare` compares.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "samspel/model/observation.hpp"

namespace samspel::io {

struct MeasureInfo {
  std::string name;
  std::string meaning;
};

// The measures in column order: summary counts, fragility, final values, then the mean over
// the run of every monthly metric ("mean_<metric>").
const std::vector<MeasureInfo>& run_measure_info();

// Fills `out` (run_measure_info().size() values; NaN where undefined) for one run whose
// series holds `months` rows of model::kMetricCount values.
void run_measures(const model::RunSummary& summary, std::span<const double> series, int months,
                  std::span<double> out);

// The mean of metric `metric` over observed years from_year..to_year (1-based, inclusive) of
// one run's series: a measure of a time window, e.g. cooperation in years 1-2 or the fit of
// the governing ideas after year 8 (validation files, docs/VALIDATION.md).
double window_mean(std::span<const double> series, std::size_t metric, int from_year, int to_year);

}  // namespace samspel::io
