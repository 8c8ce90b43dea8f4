#include "samspel/engine/sign_flips.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <stdexcept>

namespace samspel::engine {

SignFlips sign_flips(const UnitDesign& design, std::span<const double> values, double reference) {
  if (values.size() != design.size())
    throw std::invalid_argument("sign_flips: one value per design point");
  SignFlips out;
  const int k = design.dims;
  out.z_bound =
      boost::math::quantile(boost::math::complement(boost::math::normal(), 0.025 / std::max(k, 1)));
  std::vector<std::size_t> defined;
  std::vector<bool> flipped;
  for (std::size_t p = 0; p < values.size(); ++p) {
    if (!std::isfinite(values[p])) continue;
    defined.push_back(p);
    flipped.push_back(std::isfinite(reference) && values[p] * reference < 0);
  }
  out.points = defined.size();
  out.flips = static_cast<std::size_t>(std::count(flipped.begin(), flipped.end(), true));
  const auto n = static_cast<double>(out.points);
  const auto m = static_cast<double>(out.flips);
  if (out.flips == 0 || out.flips == out.points) return out;
  for (int f = 0; f < k; ++f) {
    FlipFactor row;
    row.factor = f;
    row.low = 1;
    row.high = 0;
    double sum = 0;
    double sum_flips = 0;
    for (std::size_t i = 0; i < defined.size(); ++i) {
      const double x = design.at(defined[i], f);
      sum += x;
      if (!flipped[i]) continue;
      sum_flips += x;
      row.low = std::min(row.low, x);
      row.high = std::max(row.high, x);
    }
    row.mean_all = sum / n;
    row.mean_flips = sum_flips / m;
    double squares = 0;
    for (const std::size_t p : defined)
      squares += (design.at(p, f) - row.mean_all) * (design.at(p, f) - row.mean_all);
    // The mean of m points drawn without replacement from the n: variance s²/m (n - m)/(n - 1).
    const double variance = squares / n / m * (n - m) / (n - 1);
    if (variance <= 0) continue;
    row.z = (row.mean_flips - row.mean_all) / std::sqrt(variance);
    if (std::abs(row.z) > out.z_bound) out.factors.push_back(row);
  }
  std::sort(out.factors.begin(), out.factors.end(),
            [](const FlipFactor& a, const FlipFactor& b) { return std::abs(a.z) > std::abs(b.z); });
  return out;
}

}  // namespace samspel::engine
