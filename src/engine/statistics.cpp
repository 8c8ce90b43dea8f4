#include "samspel/engine/statistics.hpp"

#include <algorithm>
#include <bit>
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

void band(std::span<double> values, double* out, std::size_t stride) {
  out[0] = summarize(values).mean;
  std::sort(values.begin(), values.end());
  for (std::size_t q = 0; q < std::size(kQuantileLevels); ++q) {
    out[(q + 1) * stride] = quantile_sorted(values, kQuantileLevels[q]);
  }
}

BandsInOrder::BandsInOrder(std::size_t runs)
    : values_(runs), runs_(runs), keys_(runs), other_runs_(runs) {
  restart();
  // quantile_sorted's positions for this many values.
  for (std::size_t q = 0; q < std::size(kQuantileLevels) && runs > 0; ++q) {
    const double position = kQuantileLevels[q] * static_cast<double>(runs - 1);
    below_[q] = static_cast<std::size_t>(std::floor(position));
    above_[q] = below_[q] + 1 < runs ? below_[q] + 1 : below_[q];
    fraction_[q] = position - static_cast<double>(below_[q]);
  }
}

void BandsInOrder::restart() {
  for (std::size_t r = 0; r < runs_.size(); ++r)
    runs_[r] = static_cast<std::uint32_t>(r);
}

void BandsInOrder::band(std::span<const float> values, double* out, std::size_t stride) {
  double sum = 0;
  for (const float v : values)
    sum += v;
  out[0] = values.empty() ? std::numeric_limits<double>::quiet_NaN()
                          : sum / static_cast<double>(values.size());
  quantiles([&values](std::uint32_t r) { return values[r]; }, out + stride, stride);
}

void BandsInOrder::sort_from_previous() {
  const std::size_t n = values_.size();
  // How far the previous order is from this cell's: the number of places where it descends.
  // Few descents: insertion sort, linear; many (a metric that jumps from month to month): a
  // fresh sort first, rather than insertions that would cost more. The threshold n / 4 is the
  // cheapest measured (bench/README.md).
  std::uint32_t descents = 0;
  for (std::size_t i = 1; i < n; ++i)
    descents += values_[i] < values_[i - 1] ? 1U : 0U;
  if (descents == 0) return;
  if (descents > n / 4) sort_afresh();
  sort_by_insertion();
}

void BandsInOrder::sort_by_insertion() {
  const std::size_t n = values_.size();
  for (std::size_t i = 1; i < n; ++i) {
    const float v = values_[i];
    if (!(v < values_[i - 1])) continue;
    const std::uint32_t r = runs_[i];
    std::size_t j = i;
    if (v < values_[0]) {  // to the front; otherwise values_[0] stops the loop below
      std::copy_backward(values_.begin(), values_.begin() + static_cast<std::ptrdiff_t>(i),
                         values_.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      std::copy_backward(runs_.begin(), runs_.begin() + static_cast<std::ptrdiff_t>(i),
                         runs_.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      j = 0;
    } else {
      for (; v < values_[j - 1]; --j) {
        values_[j] = values_[j - 1];
        runs_[j] = runs_[j - 1];
      }
    }
    values_[j] = v;
    runs_[j] = r;
  }
}

namespace {

// Integers that order like the floats (the sign bit flipped for positive numbers, all bits for
// negative ones), and back.
std::uint32_t order_key(float v) {
  const auto bits = std::bit_cast<std::uint32_t>(v);
  return bits ^ ((bits >> 31) != 0 ? 0xFFFFFFFFU : 0x80000000U);
}
float from_order_key(std::uint32_t key) {
  return std::bit_cast<float>(key ^ ((key >> 31) != 0 ? 0x80000000U : 0xFFFFFFFFU));
}

// A bucket this small is left to the insertion sort that follows (on average about
// kInsertionBucket / 4 moves a value); a larger one gets a pass of its own. Without that bound a
// cell whose values share their leading bits but for one far away would be one bucket, sorted
// by insertion alone: about n / 4 moves a value. The bound of 64 costs little in the common
// case (bench/README.md).
constexpr std::uint32_t kInsertionBucket = 64;

}  // namespace

// A cell whose runs came in much changed order: passes of a radix sort from the highest bits
// (MSD) put the values in buckets by the highest bits in which they differ (about one bucket
// for every one or two values), as integers that order like them; a bucket that still holds
// more than kInsertionBucket values (values that mostly share their leading bits, with some
// far away) gets a pass of its own on its next bits, so no bucket is left for insertion with
// more than that. sort_by_insertion() then orders the few values that share a bucket, comparing
// floats, so the result is a sort whatever the buckets (-0 and +0, one bucket apart, stay
// equal). Unlike a comparison sort of values that jumped since the previous cell, whose
// branches mispredict often, a pass takes no branch that depends on the data.
void BandsInOrder::sort_afresh() {
  sort_afresh(0, values_.size());
}

void BandsInOrder::sort_afresh(std::size_t first, std::size_t last) {
  const std::size_t n = last - first;
  std::uint32_t differ = 0;
  for (std::size_t i = first; i < last; ++i) {
    keys_[i] = order_key(values_[i]);
    differ |= keys_[i] ^ keys_[first];
  }
  if (differ == 0) return;  // all equal
  // Above the highest `bits` bits in which the keys differ, all keys agree.
  const int bits = std::clamp(static_cast<int>(std::bit_width(n)) - 1, 4, 8);
  const std::uint32_t buckets = 1U << bits;
  const int width = std::bit_width(differ);
  const int shift = width > bits ? width - bits : 0;
  std::array<std::uint32_t, 256> start;
  std::fill_n(start.begin(), buckets, 0U);
  for (std::size_t i = first; i < last; ++i)
    ++start[(keys_[i] >> shift) & (buckets - 1)];
  std::uint32_t sum = 0;
  for (std::uint32_t b = 0; b < buckets; ++b) {
    const std::uint32_t count = start[b];
    start[b] = sum;
    sum += count;
  }
  for (std::size_t i = first; i < last; ++i) {
    const std::uint32_t key = keys_[i];
    const std::size_t to = first + start[(key >> shift) & (buckets - 1)]++;
    values_[to] = from_order_key(key);
    other_runs_[to] = runs_[i];
  }
  if (n == runs_.size()) {
    std::swap(runs_, other_runs_);
  } else {
    std::copy(other_runs_.begin() + static_cast<std::ptrdiff_t>(first),
              other_runs_.begin() + static_cast<std::ptrdiff_t>(last),
              runs_.begin() + static_cast<std::ptrdiff_t>(first));
  }
  // start[b] is now where bucket b ends. The keys of a bucket agree above `shift`, so its own
  // pass looks at lower bits: the depth is at most 32 / 4 passes.
  std::uint32_t begin = 0;
  for (std::uint32_t b = 0; b < buckets; ++b) {
    if (start[b] - begin > kInsertionBucket) sort_afresh(first + begin, first + start[b]);
    begin = start[b];
  }
}

// quantile_sorted's interpolation, on the values in double.
void BandsInOrder::interpolate(double* out, std::size_t stride) const {
  for (std::size_t q = 0; q < std::size(kQuantileLevels); ++q) {
    if (values_.empty()) {
      out[q * stride] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    const double low = values_[below_[q]];
    out[q * stride] = low + fraction_[q] * (static_cast<double>(values_[above_[q]]) - low);
  }
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
