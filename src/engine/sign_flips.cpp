#include "samspel/engine/sign_flips.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <numeric>

namespace samspel::engine {

std::vector<int> SignFlips::named() const {
  std::vector<int> out;
  if (flips < kMinFlipsToLocate) return out;
  for (std::size_t f = 0; f < factors.size(); ++f) {
    if (std::abs(factors[f].z) > z_bound) out.push_back(static_cast<int>(f));
  }
  std::sort(out.begin(), out.end(), [this](int a, int b) {
    return std::abs(factors[static_cast<std::size_t>(a)].z) >
           std::abs(factors[static_cast<std::size_t>(b)].z);
  });
  return out;
}

SignFlips sign_flips(int factors, std::span<const double> values, double reference,
                     const std::function<double(std::size_t point, int factor)>& position) {
  SignFlips out;
  const auto k = static_cast<std::size_t>(std::max(factors, 0));
  out.z_bound = boost::math::quantile(boost::math::complement(
      boost::math::normal(), 0.025 / static_cast<double>(std::max(k, std::size_t{1}))));
  out.factors.assign(k, FlipFactor{0, 0, 1, 0, 0});
  std::vector<double> sum(k, 0);
  std::vector<double> squares(k, 0);
  std::vector<double> sum_flips(k, 0);
  const bool signed_reference = std::isfinite(reference) && reference != 0;
  for (std::size_t p = 0; p < values.size(); ++p) {
    if (!std::isfinite(values[p])) continue;
    ++out.points;
    const bool flipped = signed_reference && values[p] * reference < 0;
    out.flips += flipped ? 1 : 0;
    for (std::size_t f = 0; f < k; ++f) {
      const double x = position(p, static_cast<int>(f));
      sum[f] += x;
      squares[f] += x * x;
      if (!flipped) continue;
      sum_flips[f] += x;
      out.factors[f].low = std::min(out.factors[f].low, x);
      out.factors[f].high = std::max(out.factors[f].high, x);
    }
  }
  const auto n = static_cast<double>(out.points);
  const auto m = static_cast<double>(out.flips);
  for (std::size_t f = 0; f < k; ++f) {
    FlipFactor& row = out.factors[f];
    if (out.points == 0) continue;
    row.mean_all = sum[f] / n;
    if (out.flips == 0) {
      row.low = row.high = 0;
      continue;
    }
    row.mean_flips = sum_flips[f] / m;
    if (out.flips == out.points) continue;  // everything reverses: nothing to locate
    // The mean of m points drawn without replacement from the n: variance s²/m (n - m)/(n - 1),
    // s² the positions' variance over all n.
    const double s2 = std::max(squares[f] / n - row.mean_all * row.mean_all, 0.0);
    const double variance = s2 / m * (n - m) / (n - 1);
    if (variance > 0) row.z = (row.mean_flips - row.mean_all) / std::sqrt(variance);
  }
  return out;
}

}  // namespace samspel::engine
