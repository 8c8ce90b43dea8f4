#include "samspel/engine/sobol_indices.hpp"

#include <boost/random/sobol.hpp>
#include <numeric>
#include <stdexcept>

#include "samspel/engine/random.hpp"

namespace samspel::engine {

namespace {

void check(int factors, int samples) {
  if (factors < 1) throw std::invalid_argument("saltelli_design: factors must be at least 1");
  if (samples < 2) throw std::invalid_argument("saltelli_design: samples must be at least 2");
}

// Appends the k + 2 points of one base sample, given its 2k Sobol' coordinates.
void append_row(UnitDesign& d, std::span<const double> u) {
  const auto k = static_cast<std::size_t>(d.dims);
  const auto a = u.subspan(0, k);
  const auto b = u.subspan(k, k);
  d.points.insert(d.points.end(), a.begin(), a.end());
  d.points.insert(d.points.end(), b.begin(), b.end());
  for (std::size_t i = 0; i < k; ++i) {
    const std::size_t start = d.points.size();
    d.points.insert(d.points.end(), a.begin(), a.end());
    d.points[start + i] = b[i];
  }
}

// The Sobol' engine's 64-bit integers as coordinates in [0, 1).
std::vector<double> next_point(boost::random::sobol& sequence, std::size_t dims) {
  std::vector<double> u(dims);
  for (auto& x : u)
    x = static_cast<double>(sequence() >> 11U) * 0x1.0p-53;
  return u;
}

// The indices of the base samples named in `rows` (repeats allowed).
std::vector<double> estimate(std::size_t k, std::span<const double> f, std::span<const int> rows) {
  const std::size_t stride = k + 2;
  double sum = 0;
  double squares = 0;
  for (const int j : rows) {
    for (const std::size_t at : {0UL, 1UL}) {
      const double y = f[static_cast<std::size_t>(j) * stride + at];
      sum += y;
      squares += y * y;
    }
  }
  const double m = 2.0 * static_cast<double>(rows.size());
  const double variance = (squares - sum * sum / m) / (m - 1);
  std::vector<double> out(2 * k);
  for (std::size_t i = 0; i < k; ++i) {
    double first = 0;
    double total = 0;
    for (const int j : rows) {
      const std::size_t row = static_cast<std::size_t>(j) * stride;
      const double a = f[row];
      const double b = f[row + 1];
      const double ab = f[row + 2 + i];
      first += b * (ab - a);             // Saltelli et al. (2010), eq. (b) of Table 2
      total += (a - ab) * (a - ab) / 2;  // Jansen (1999)
    }
    const double n = static_cast<double>(rows.size());
    out[i] = variance > 0 ? first / n / variance : 0.0;
    out[k + i] = variance > 0 ? total / n / variance : 0.0;
  }
  return out;
}

}  // namespace

UnitDesign saltelli_design(int factors, int samples) {
  check(factors, samples);
  const auto dims = static_cast<std::size_t>(2 * factors);
  boost::random::sobol sequence(dims);
  UnitDesign d;
  d.dims = factors;
  d.points.reserve(static_cast<std::size_t>(samples) * (dims / 2) * (dims / 2 + 2));
  for (int j = 0; j < samples; ++j)
    append_row(d, next_point(sequence, dims));
  return d;
}

UnitDesign saltelli_row(int factors, int sample) {
  check(factors, 2);
  const auto dims = static_cast<std::size_t>(2 * factors);
  boost::random::sobol sequence(dims);
  sequence.discard(dims * static_cast<std::size_t>(sample));
  UnitDesign d;
  d.dims = factors;
  append_row(d, next_point(sequence, dims));
  return d;
}

std::vector<SobolIndex> sobol_indices(int factors, std::span<const double> outputs, int resamples,
                                      std::uint64_t seed) {
  const auto k = static_cast<std::size_t>(factors);
  if (factors < 1 || outputs.size() % (k + 2) != 0 || outputs.size() / (k + 2) < 2)
    throw std::invalid_argument(
        "sobol_indices: outputs must be (factors + 2) * samples, samples >= 2");
  const int n = static_cast<int>(outputs.size() / (k + 2));
  std::vector<int> all(static_cast<std::size_t>(n));
  std::iota(all.begin(), all.end(), 0);
  const std::vector<double> point = estimate(k, outputs, all);
  Rng rng(stream_seed(seed, 0, kSobolStream));
  const auto intervals = bootstrap_intervals(
      n, resamples, rng, [&](std::span<const int> rows) { return estimate(k, outputs, rows); });
  std::vector<SobolIndex> out(k);
  for (std::size_t i = 0; i < k; ++i) {
    out[i].first = point[i];
    out[i].total = point[k + i];
    if (!intervals.empty()) {
      out[i].first_interval = intervals[i];
      out[i].total_interval = intervals[k + i];
    }
  }
  return out;
}

}  // namespace samspel::engine
