// Per-run measures: one number per replicate for each, from its summary and its own monthly
// series. They are the columns of replicates.csv and the quantities `samspel compare` compares.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "samspel/model/observation.hpp"

namespace samspel::analysis {

struct MeasureInfo {
  std::string name;
  std::string meaning;
  // The short label the pages and the report show in Swedish and in English (web/src/i18n.js);
  // empty for a measure they show by its name.
  std::string_view sv;
  std::string_view en;
};

// The measures in column order: summary counts, fragility, final values, then the mean over
// the run of every monthly metric ("mean_<metric>").
const std::vector<MeasureInfo>& run_measure_info();

// Fills `out` (run_measure_info().size() values; NaN where undefined) for one run whose
// series holds `months` rows of model::kMetricCount values.
void run_measures(const model::RunSummary& summary, std::span<const double> series, int months,
                  std::span<double> out);

// The 24-month risk of one change of person, as unrecovered_share_24 and
// restricted_recovery_months define it (the change month is month 0). A change is at risk when
// cooperation was observed before it and its state at month 24 is known: back at 90% by then,
// or followed through month 24; otherwise it is censored and both functions give NaN.
inline constexpr int kRecoveryHorizon = 24;
// 1 if cooperation was not back at 90% within 24 months, 0 if it was, NaN if censored.
double unrecovered_24(const model::ChangeRecord& change);
// min(recovery months, 24), 24 if not back within 24 months, NaN if censored.
double restricted_recovery_24(const model::ChangeRecord& change);

// The mean of metric `metric` over observed years from_year..to_year (1-based, inclusive) of
// one run's series: a measure of a time window, e.g. cooperation in years 1-2 or the fit of
// the governing ideas after year 8 (validation files, docs/VALIDATION.md).
double window_mean(std::span<const double> series, std::size_t metric, int from_year, int to_year);

}  // namespace samspel::analysis
