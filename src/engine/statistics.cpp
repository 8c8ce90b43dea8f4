#include "samspel/engine/statistics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace samspel::engine {

double quantile_sorted(std::span<const double> sorted, double q) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = below + 1 < sorted.size() ? below + 1 : below;
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

Summary summarize(std::span<const double> values) {
  Summary s;
  if (values.empty()) {
    s.mean = s.standard_error = std::numeric_limits<double>::quiet_NaN();
    return s;
  }
  double sum = 0;
  for (const double v : values)
    sum += v;
  s.mean = sum / static_cast<double>(values.size());
  if (values.size() > 1) {
    double squares = 0;
    for (const double v : values)
      squares += (v - s.mean) * (v - s.mean);
    const double variance = squares / static_cast<double>(values.size() - 1);
    s.standard_error = std::sqrt(variance / static_cast<double>(values.size()));
  }
  return s;
}

namespace {

// Puts the elements of the given ranks (ascending, within [lo, hi)) of values[lo, hi) where a
// sort would put them, selecting the middle rank first so that each selection halves the
// range the others search.
template <typename T>
void select_ranks(std::span<T> values, std::span<const std::size_t> ranks, std::size_t lo,
                  std::size_t hi) {
  if (ranks.empty()) return;
  const std::size_t middle = ranks.size() / 2;
  const std::size_t k = ranks[middle];
  std::nth_element(values.begin() + static_cast<std::ptrdiff_t>(lo),
                   values.begin() + static_cast<std::ptrdiff_t>(k),
                   values.begin() + static_cast<std::ptrdiff_t>(hi));
  select_ranks(values, ranks.first(middle), lo, k);
  select_ranks(values, ranks.subspan(middle + 1), k + 1, hi);
}

// Below this many values a sort is as fast as selecting the ranks.
constexpr std::size_t kSortBelow = 32;

// The quantiles need only the order statistics around their positions, not a sorted copy: a
// band of 100 replicates costs a fraction of a sort. The values are the same as
// quantile_sorted's on the sorted values, computed the same way in double.
template <typename T>
void band_of(std::span<T> values, double* out, std::size_t stride) {
  const std::size_t n = values.size();
  double sum = 0;
  for (const T v : values)
    sum += static_cast<double>(v);
  out[0] = n > 0 ? sum / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN();
  if (n == 0) {
    for (std::size_t q = 0; q < std::size(kQuantileLevels); ++q)
      out[(q + 1) * stride] = std::numeric_limits<double>::quiet_NaN();
    return;
  }
  std::array<std::size_t, 2 * std::size(kQuantileLevels)> ranks{};
  std::array<double, std::size(kQuantileLevels)> fractions{};
  for (std::size_t q = 0; q < std::size(kQuantileLevels); ++q) {
    const double position = kQuantileLevels[q] * static_cast<double>(n - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    ranks[2 * q] = below;
    ranks[2 * q + 1] = below + 1 < n ? below + 1 : below;
    fractions[q] = position - static_cast<double>(below);
  }
  if (n < kSortBelow) {
    std::sort(values.begin(), values.end());
  } else {
    std::array<std::size_t, ranks.size()> distinct = ranks;
    std::sort(distinct.begin(), distinct.end());
    const auto end = std::unique(distinct.begin(), distinct.end());
    select_ranks(values,
                 std::span<const std::size_t>(distinct.begin(),
                                              static_cast<std::size_t>(end - distinct.begin())),
                 0, n);
  }
  for (std::size_t q = 0; q < std::size(kQuantileLevels); ++q) {
    const auto below = static_cast<double>(values[ranks[2 * q]]);
    const auto above = static_cast<double>(values[ranks[2 * q + 1]]);
    out[(q + 1) * stride] = below + fractions[q] * (above - below);
  }
}

}  // namespace

void band(std::span<double> values, double* out, std::size_t stride) {
  band_of(values, out, stride);
}

void band(std::span<float> values, double* out, std::size_t stride) {
  band_of(values, out, stride);
}

double t_quantile_975(int df) {
  // Exact to the printed digits for small df (standard tables); beyond, the Cornish-Fisher
  // expansion around the normal quantile, within 1e-4 of the exact value for df > 30.
  static constexpr double kTable[] = {
      12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
      2.2010,  2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
      2.0796,  2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
  if (df < 1) return std::numeric_limits<double>::quiet_NaN();
  if (df <= 30) return kTable[df - 1];
  const double z = 1.959963984540054;
  const double v = df;
  return z + (z * z * z + z) / (4 * v) +
         (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * v * v);
}

PairedDifference paired_difference(std::span<const double> a, std::span<const double> b) {
  PairedDifference d;
  const std::size_t n = std::min(a.size(), b.size());
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isfinite(a[i]) && std::isfinite(b[i])) {
      sum += b[i] - a[i];
      ++d.n;
    }
  }
  if (d.n == 0) {
    d.mean = d.standard_error = d.low = d.high = std::numeric_limits<double>::quiet_NaN();
    return d;
  }
  d.mean = sum / d.n;
  double squares = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isfinite(a[i]) && std::isfinite(b[i])) {
      const double e = b[i] - a[i] - d.mean;
      squares += e * e;
    }
  }
  if (d.n < 2) {
    d.standard_error = d.low = d.high = std::numeric_limits<double>::quiet_NaN();
    return d;
  }
  d.standard_error = std::sqrt(squares / (d.n - 1) / d.n);
  const double half = t_quantile_975(d.n - 1) * d.standard_error;
  d.low = d.mean - half;
  d.high = d.mean + half;
  return d;
}

}  // namespace samspel::engine
