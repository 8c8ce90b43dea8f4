// Summary statistics across replicates, computed in a fixed order so that output does not
// depend on how replicates were scheduled.
#pragma once

#include <span>
#include <vector>

namespace samspel::engine {

// Quantile with linear interpolation between order statistics (Hyndman & Fan type 7, the
// default of R and NumPy). Sorts `values` in place. NaN for an empty span.
double quantile_sorted(std::span<const double> sorted, double q);

struct Summary {
  double mean = 0;
  double standard_error = 0;
};

Summary summarize(std::span<const double> values);

// The quantile levels reported for every monthly series.
inline constexpr double kQuantileLevels[] = {0.05, 0.25, 0.50, 0.75, 0.95};

}  // namespace samspel::engine
