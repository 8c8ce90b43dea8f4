// Summary statistics across replicates, computed in a fixed order so that output does not
// depend on how replicates were scheduled.
#pragma once

#include <iterator>
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

// The 97.5% quantile of Student's t with `df` degrees of freedom: the multiplier of a
// two-sided 95% confidence interval.
double t_quantile_975(int df);

// The mean of b[i] - a[i] over the pairs where both are finite (common random numbers: a[i]
// and b[i] come from replicate i of two configurations), with its 95% confidence interval.
struct PairedDifference {
  int n = 0;
  double mean = 0;
  double standard_error = 0;
  double low = 0;
  double high = 0;
};

PairedDifference paired_difference(std::span<const double> a, std::span<const double> b);

// The quantile levels reported for every monthly series, and the names of the statistics of
// a band: the mean, then those quantiles.
inline constexpr double kQuantileLevels[] = {0.05, 0.25, 0.50, 0.75, 0.95};
inline constexpr const char* kBandStatistics[] = {"mean", "q05", "q25", "q50", "q75", "q95"};
inline constexpr std::size_t kBandSize = std::size(kBandStatistics);

// The mean and the kQuantileLevels quantiles of `values` (reordered in place) into out[0],
// out[stride], ..., out[5 * stride]: the same numbers as summarize(values).mean and
// quantile_sorted on the sorted values.
void band(std::span<double> values, double* out, std::size_t stride);
// The same for single-precision values, computed in double: equal to the band of the values
// converted to double.
void band(std::span<float> values, double* out, std::size_t stride);

}  // namespace samspel::engine
