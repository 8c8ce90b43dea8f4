// Approximate Bayesian computation by rejection (Pritchard et al. 1999) with local-linear
// regression adjustment (Beaumont, Zhang & Balding 2002): draws from the prior are simulated,
// the draws whose summary statistics lie closest to the observed targets are accepted, and each
// accepted draw is corrected along the regression of parameters on statistics, so that the
// posterior does not keep the slope of the acceptance window. Knows nothing of the model.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace samspel::engine {

// An observed statistic known as an interval [low, high] (a range of published values); the
// distance measures in half-widths from its centre.
struct AbcTarget {
  std::string name;
  double low = 0;
  double high = 0;

  double centre() const { return (low + high) / 2; }
  double half_width() const { return (high - low) / 2; }
};

// sqrt(sum_k ((s_k - centre_k) / half_width_k)^2): 1 at the edge of one interval with the
// others hit at their centres. A NaN statistic (nothing to measure) is infinitely far.
double abc_distance(std::span<const double> statistics, std::span<const AbcTarget> targets);

// The indices of the ceil(fraction * n) smallest distances (at least one), in increasing
// distance; ties go to the lower index, so the result does not depend on evaluation order.
// Throws std::invalid_argument unless 0 < fraction <= 1 and distances is non-empty.
std::vector<std::size_t> abc_accept(std::span<const double> distances, double fraction);

// Epanechnikov weights 1 - (d / d_max)^2 of the accepted draws, d_max the largest accepted
// distance (all 1 when every accepted distance is equal).
std::vector<double> epanechnikov_weights(std::span<const double> accepted_distances);

// Regression adjustment of one parameter: theta_i - beta . (z_i - z_obs), beta from the weighted
// least-squares fit theta ~ a + beta . z over the accepted draws, where z are the statistics in
// target half-widths. `statistics` holds the accepted draws' statistics row-major
// (draws x targets). Returns the unadjusted values when the fit is singular (fewer distinct
// draws than statistics + 1).
std::vector<double> regression_adjust(std::span<const double> theta,
                                      std::span<const double> statistics,
                                      std::span<const AbcTarget> targets,
                                      std::span<const double> weights);

struct WeightedSummary {
  double mean = 0;
  double sd = 0;
  double q05 = 0;
  double q50 = 0;
  double q95 = 0;
};

// Weighted mean, standard deviation and quantiles (weighted empirical distribution, lower
// value at a step). Throws std::invalid_argument for no values or weights summing to 0.
WeightedSummary weighted_summary(std::span<const double> values, std::span<const double> weights);

}  // namespace samspel::engine
