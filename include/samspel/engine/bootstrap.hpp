// The nonparametric bootstrap (Efron 1979): a statistic's sampling spread from resamples of
// its rows drawn with replacement, and the 95% percentile interval. Shared by the sensitivity
// indices, whose estimators have no simple standard error.
#pragma once

#include <algorithm>
#include <span>
#include <vector>

#include "samspel/engine/random.hpp"
#include "samspel/engine/statistics.hpp"

namespace samspel::engine {

struct Interval {
  double low = 0;
  double high = 0;
};

// `statistic(rows)` computes the statistics (a fixed number of them) from the rows named in
// `rows` (indices into 0..n-1, repeats allowed). Each of `resamples` resamples draws n rows
// with replacement from `rng`; the result holds each statistic's 2.5% and 97.5% quantiles
// over the resamples.
template <class Statistic>
std::vector<Interval> bootstrap_intervals(int n, int resamples, Rng& rng,
                                          const Statistic& statistic) {
  std::vector<std::vector<double>> draws;
  std::vector<int> rows(static_cast<std::size_t>(n));
  for (int b = 0; b < resamples; ++b) {
    for (auto& r : rows)
      r = static_cast<int>(rng.below(static_cast<std::uint32_t>(n)));
    const std::vector<double> values = statistic(std::span<const int>(rows));
    if (draws.empty()) draws.resize(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
      draws[i].push_back(values[i]);
  }
  std::vector<Interval> out;
  for (auto& d : draws) {
    std::sort(d.begin(), d.end());
    out.push_back({quantile_sorted(d, 0.025), quantile_sorted(d, 0.975)});
  }
  return out;
}

}  // namespace samspel::engine
