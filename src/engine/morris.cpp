#include "samspel/engine/morris.hpp"

#include <cmath>
#include <numeric>
#include <stdexcept>

#include "samspel/engine/bootstrap.hpp"
#include "samspel/engine/random.hpp"

namespace samspel::engine {

MorrisDesign morris_design(int factors, int trajectories, int levels, std::uint64_t seed) {
  if (factors < 1) throw std::invalid_argument("morris_design: factors must be at least 1");
  if (trajectories < 2)
    throw std::invalid_argument("morris_design: trajectories must be at least 2");
  if (levels < 2 || levels % 2 != 0)
    throw std::invalid_argument("morris_design: levels must be an even number, at least 2");
  Rng rng(stream_seed(seed, 0, kMorrisStream));
  MorrisDesign d;
  d.factors = factors;
  d.levels = levels;
  d.delta = levels / (2.0 * (levels - 1));
  d.points.dims = factors;
  // With an even number of levels, delta is levels / 2 grid steps: the lower half of the grid
  // moved up by delta lands on the upper half, so a start in the lower half (or, moving down,
  // in the upper half) keeps every step on the grid.
  const int half = levels / 2;
  const double step = 1.0 / (levels - 1);
  for (int t = 0; t < trajectories; ++t) {
    std::vector<double> x(static_cast<std::size_t>(factors));
    std::vector<int> sign(static_cast<std::size_t>(factors));
    for (int i = 0; i < factors; ++i) {
      const auto k = static_cast<std::size_t>(i);
      sign[k] = rng.bernoulli(0.5) ? 1 : -1;
      const int level = static_cast<int>(rng.below(static_cast<std::uint32_t>(half)));
      x[k] = (sign[k] > 0 ? level : level + half) * step;
    }
    std::vector<int> order(static_cast<std::size_t>(factors));
    std::iota(order.begin(), order.end(), 0);
    for (int i = factors - 1; i > 0; --i)  // Fisher-Yates
      std::swap(order[static_cast<std::size_t>(i)],
                order[rng.below(static_cast<std::uint32_t>(i + 1))]);
    d.points.points.insert(d.points.points.end(), x.begin(), x.end());
    std::vector<int> signs;
    for (const int i : order) {
      const auto k = static_cast<std::size_t>(i);
      x[k] += sign[k] * d.delta;
      // Snap to the grid, so that rounding never leaves [0, 1].
      x[k] = std::round(x[k] / step) * step;
      d.points.points.insert(d.points.points.end(), x.begin(), x.end());
      signs.push_back(sign[k]);
    }
    d.order.push_back(std::move(order));
    d.sign.push_back(std::move(signs));
  }
  return d;
}

namespace {

// effects[t][i]: the elementary effect of factor i in trajectory t.
std::vector<std::vector<double>> elementary_effects(const MorrisDesign& d,
                                                    std::span<const double> outputs) {
  const auto k = static_cast<std::size_t>(d.factors);
  std::vector<std::vector<double>> effects(static_cast<std::size_t>(d.trajectories()),
                                           std::vector<double>(k));
  for (std::size_t t = 0; t < effects.size(); ++t) {
    const std::size_t first = t * (k + 1);
    for (std::size_t s = 0; s < k; ++s) {
      const double change = outputs[first + s + 1] - outputs[first + s];
      effects[t][static_cast<std::size_t>(d.order[t][s])] = change / (d.sign[t][s] * d.delta);
    }
  }
  return effects;
}

double mean_absolute(const std::vector<std::vector<double>>& effects, std::span<const int> rows,
                     std::size_t factor) {
  double sum = 0;
  for (const int t : rows)
    sum += std::abs(effects[static_cast<std::size_t>(t)][factor]);
  return sum / static_cast<double>(rows.size());
}

}  // namespace

std::vector<MorrisIndex> morris_indices(const MorrisDesign& design, std::span<const double> outputs,
                                        int resamples, std::uint64_t seed) {
  const auto k = static_cast<std::size_t>(design.factors);
  const int r = design.trajectories();
  if (outputs.size() != design.points.size())
    throw std::invalid_argument("morris_indices: one output per design point is needed");
  const auto effects = elementary_effects(design, outputs);
  std::vector<int> all(static_cast<std::size_t>(r));
  std::iota(all.begin(), all.end(), 0);
  std::vector<MorrisIndex> out(k);
  for (std::size_t i = 0; i < k; ++i) {
    double sum = 0;
    for (const auto& e : effects)
      sum += e[i];
    out[i].mu = sum / r;
    out[i].mu_star = mean_absolute(effects, all, i);
    double squares = 0;
    for (const auto& e : effects)
      squares += (e[i] - out[i].mu) * (e[i] - out[i].mu);
    out[i].sigma = std::sqrt(squares / (r - 1));
  }
  Rng rng(stream_seed(seed, 1, kMorrisStream));
  const auto intervals = bootstrap_intervals(r, resamples, rng, [&](std::span<const int> rows) {
    std::vector<double> mu_star(k);
    for (std::size_t i = 0; i < k; ++i)
      mu_star[i] = mean_absolute(effects, rows, i);
    return mu_star;
  });
  for (std::size_t i = 0; i < k && i < intervals.size(); ++i) {
    out[i].mu_star_low = intervals[i].low;
    out[i].mu_star_high = intervals[i].high;
  }
  return out;
}

}  // namespace samspel::engine
