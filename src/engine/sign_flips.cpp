#include "samspel/engine/sign_flips.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace samspel::engine {

std::vector<int> SignFlips::named() const {
  std::vector<int> out;
  if (flips < kMinFlipsToLocate || clusters < 2) return out;
  for (std::size_t f = 0; f < factors.size(); ++f) {
    if (std::abs(factors[f].z) > z_bound) out.push_back(static_cast<int>(f));
  }
  std::sort(out.begin(), out.end(), [this](int a, int b) {
    return std::abs(factors[static_cast<std::size_t>(a)].z) >
           std::abs(factors[static_cast<std::size_t>(b)].z);
  });
  return out;
}

namespace {

// Two-sided 5% with a Bonferroni correction over k factors, from Student's t with
// clusters - 1 degrees of freedom (near the normal's when the clusters are many).
double bound(std::size_t k, std::size_t clusters) {
  const double tail = 0.025 / static_cast<double>(std::max(k, std::size_t{1}));
  if (clusters < 2) return std::numeric_limits<double>::infinity();
  const boost::math::students_t t(static_cast<double>(clusters - 1));
  return boost::math::quantile(boost::math::complement(t, tail));
}

}  // namespace

// Under the null, the reversals do not depend on the factor: which cluster's pattern of
// reversals falls on which cluster's positions is then arbitrary, and the sum T of the reversing
// points' positions has, over the C! ways to assign the C patterns (rows F_c of 0 and 1) to the
// clusters' positions (rows X_c), the mean and variance (Hoeffding's combinatorial central limit
// theorem, 1951)
//   E T = C <Fbar, Xbar>,   Var T = <F~' F~, X~' X~> / (C - 1),
// with Fbar, Xbar the mean rows and F~, X~ the rows less them; <A, B> sums the products of the
// entries. z = (T - E T) / sqrt(Var T) is the z of the reversing points' mean position, as T / m
// is that mean. With clusters of one point this is drawing m of n points without replacement.
SignFlips sign_flips(int factors, std::span<const double> values, double reference,
                     const std::function<double(std::size_t point, int factor)>& position,
                     std::size_t cluster_size) {
  const std::size_t length = std::max(cluster_size, std::size_t{1});
  if (values.size() % length != 0) {
    throw std::invalid_argument("sign_flips: the points are not whole clusters");
  }
  SignFlips out;
  const auto k = static_cast<std::size_t>(std::max(factors, 0));
  const std::size_t clusters = values.size() / length;
  out.factors.assign(k, FlipFactor{0, 0, 1, 0, 0});
  const bool signed_reference = std::isfinite(reference) && reference != 0;
  // A point whose value is undefined is left out of the means and counts as not reversing.
  std::vector<double> flip(values.size(), 0);
  for (std::size_t c = 0; c < clusters; ++c) {
    bool any = false;
    for (std::size_t p = c * length; p < (c + 1) * length; ++p) {
      if (!std::isfinite(values[p])) continue;
      any = true;
      ++out.points;
      flip[p] = signed_reference && values[p] * reference < 0 ? 1 : 0;
      out.flips += flip[p] > 0 ? 1 : 0;
    }
    out.clusters += any ? 1 : 0;
  }
  out.z_bound = bound(k, out.clusters);

  // One pass over the points, each asked for every factor in turn: per factor the sums for the
  // means, T, and the sums over clusters of X_c and X_c X_c'.
  std::vector<double> sum(k, 0);
  std::vector<double> row_sum(k * length, 0);             // [f][i]: sum_c X_c[i]
  std::vector<double> products(k * length * length, 0);   // [f][i][j]: sum_c X_c[i] X_c[j]
  std::vector<double> x(length * k);                      // the current cluster's [i][f]
  std::vector<double> flip_mean(length, 0);               // Fbar
  std::vector<double> flip_products(length * length, 0);  // sum_c F_c[i] F_c[j]
  for (std::size_t c = 0; c < clusters; ++c) {
    for (std::size_t i = 0; i < length; ++i) {
      const std::size_t p = c * length + i;
      const bool defined = std::isfinite(values[p]);
      for (std::size_t f = 0; f < k; ++f) {
        const double at = position(p, static_cast<int>(f));
        x[i * k + f] = at;
        if (!defined) continue;
        FlipFactor& row = out.factors[f];
        sum[f] += at;
        if (flip[p] == 0) continue;
        row.mean_flips += at;  // T until divided below
        row.low = std::min(row.low, at);
        row.high = std::max(row.high, at);
      }
      flip_mean[i] += flip[p];
      for (std::size_t j = 0; j < length; ++j)
        flip_products[i * length + j] += flip[p] * flip[c * length + j];
    }
    for (std::size_t f = 0; f < k; ++f) {
      for (std::size_t i = 0; i < length; ++i) {
        const double xi = x[i * k + f];
        row_sum[f * length + i] += xi;
        double* const to = &products[(f * length + i) * length];
        for (std::size_t j = 0; j < length; ++j)
          to[j] += xi * x[j * k + f];
      }
    }
  }
  if (out.points == 0) return out;
  const auto n = static_cast<double>(out.points);
  const auto m = static_cast<double>(out.flips);
  const auto cs = static_cast<double>(clusters);
  for (double& v : flip_mean)
    v /= cs;
  for (std::size_t f = 0; f < k; ++f) {
    FlipFactor& row = out.factors[f];
    row.mean_all = sum[f] / n;
    if (out.flips == 0) {
      row.low = row.high = 0;
      continue;
    }
    const double t = row.mean_flips;
    row.mean_flips = t / m;
    if (out.flips == out.points || out.clusters < 2) continue;  // nothing to set apart
    double expected = 0;
    double variance = 0;
    for (std::size_t i = 0; i < length; ++i) {
      const double xbar_i = row_sum[f * length + i] / cs;
      expected += cs * flip_mean[i] * xbar_i;
      for (std::size_t j = 0; j < length; ++j) {
        const double xbar_j = row_sum[f * length + j] / cs;
        const double gx = products[(f * length + i) * length + j] - cs * xbar_i * xbar_j;
        const double gf = flip_products[i * length + j] - cs * flip_mean[i] * flip_mean[j];
        variance += gf * gx;
      }
    }
    variance /= cs - 1;
    if (variance > 0) row.z = (t - expected) / std::sqrt(variance);
  }
  return out;
}

}  // namespace samspel::engine
