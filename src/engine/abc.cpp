#include "samspel/engine/abc.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <utility>

namespace samspel::engine {

double abc_distance(std::span<const double> statistics, std::span<const AbcTarget> targets) {
  if (statistics.size() != targets.size())
    throw std::invalid_argument("abc_distance: one statistic per target");
  double sum = 0;
  for (std::size_t k = 0; k < targets.size(); ++k) {
    if (std::isnan(statistics[k])) return std::numeric_limits<double>::infinity();
    const double z = (statistics[k] - targets[k].centre()) / targets[k].half_width();
    sum += z * z;
  }
  return std::sqrt(sum);
}

std::vector<std::size_t> abc_accept(std::span<const double> distances, double fraction) {
  if (distances.empty()) throw std::invalid_argument("abc_accept: no draws");
  if (!(fraction > 0 && fraction <= 1))
    throw std::invalid_argument("abc_accept: the fraction must be in (0, 1]");
  const auto n = distances.size();
  const auto keep = std::clamp<std::size_t>(
      static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(n) - 1e-9)), 1, n);
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return distances[a] < distances[b]; });
  order.resize(keep);
  return order;
}

std::vector<double> epanechnikov_weights(std::span<const double> accepted_distances) {
  double d_max = 0;
  for (const double d : accepted_distances)
    d_max = std::max(d_max, d);
  std::vector<double> w;
  w.reserve(accepted_distances.size());
  for (const double d : accepted_distances) {
    const double r = d_max > 0 ? d / d_max : 0;
    w.push_back(1 - r * r);
  }
  // The farthest accepted draw has weight 0; with a single draw that would leave none.
  if (std::all_of(w.begin(), w.end(), [](double x) { return x <= 0; }))
    std::fill(w.begin(), w.end(), 1.0);
  return w;
}

namespace {

// Solves a x = b (n x n, row-major) by Gaussian elimination with partial pivoting; false when
// singular.
bool solve(std::vector<double> a, std::vector<double>& b, std::size_t n) {
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t pivot = col;
    for (std::size_t r = col + 1; r < n; ++r)
      if (std::abs(a[r * n + col]) > std::abs(a[pivot * n + col])) pivot = r;
    if (std::abs(a[pivot * n + col]) < 1e-12) return false;
    if (pivot != col) {
      for (std::size_t c = 0; c < n; ++c)
        std::swap(a[col * n + c], a[pivot * n + c]);
      std::swap(b[col], b[pivot]);
    }
    for (std::size_t r = col + 1; r < n; ++r) {
      const double f = a[r * n + col] / a[col * n + col];
      for (std::size_t c = col; c < n; ++c)
        a[r * n + c] -= f * a[col * n + c];
      b[r] -= f * b[col];
    }
  }
  for (std::size_t r = n; r-- > 0;) {
    double v = b[r];
    for (std::size_t c = r + 1; c < n; ++c)
      v -= a[r * n + c] * b[c];
    b[r] = v / a[r * n + r];
  }
  return true;
}

}  // namespace

std::vector<double> regression_adjust(std::span<const double> theta,
                                      std::span<const double> statistics,
                                      std::span<const AbcTarget> targets,
                                      std::span<const double> weights) {
  const std::size_t n = theta.size();
  const std::size_t q = targets.size();
  const std::size_t p = q + 1;  // intercept and one slope per statistic
  if (statistics.size() != n * q || weights.size() != n)
    throw std::invalid_argument("regression_adjust: sizes do not match");
  std::vector<double> z(n * q);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = 0; k < q; ++k)
      z[i * q + k] = (statistics[i * q + k] - targets[k].centre()) / targets[k].half_width();
  // Normal equations X'WX beta = X'W theta with X = [1, z].
  std::vector<double> xtx(p * p, 0.0);
  std::vector<double> xty(p, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto x = [&](std::size_t c) { return c == 0 ? 1.0 : z[i * q + c - 1]; };
    for (std::size_t r = 0; r < p; ++r) {
      xty[r] += weights[i] * x(r) * theta[i];
      for (std::size_t c = 0; c < p; ++c)
        xtx[r * p + c] += weights[i] * x(r) * x(c);
    }
  }
  std::vector<double> adjusted(theta.begin(), theta.end());
  if (!solve(xtx, xty, p)) return adjusted;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = 0; k < q; ++k)
      adjusted[i] -= xty[k + 1] * z[i * q + k];
  return adjusted;
}

WeightedSummary weighted_summary(std::span<const double> values, std::span<const double> weights) {
  if (values.empty() || values.size() != weights.size())
    throw std::invalid_argument("weighted_summary: one weight per value, at least one value");
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (!(total > 0)) throw std::invalid_argument("weighted_summary: weights sum to 0");
  WeightedSummary s;
  for (std::size_t i = 0; i < values.size(); ++i)
    s.mean += weights[i] * values[i] / total;
  double var = 0;
  for (std::size_t i = 0; i < values.size(); ++i)
    var += weights[i] * (values[i] - s.mean) * (values[i] - s.mean) / total;
  s.sd = std::sqrt(var);
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  const auto quantile = [&](double prob) {
    double cumulative = 0;
    for (const std::size_t i : order) {
      cumulative += weights[i] / total;
      if (cumulative >= prob - 1e-12) return values[i];
    }
    return values[order.back()];
  };
  s.q05 = quantile(0.05);
  s.q50 = quantile(0.5);
  s.q95 = quantile(0.95);
  return s;
}

}  // namespace samspel::engine
