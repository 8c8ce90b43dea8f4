#include "samspel/engine/sobol_indices.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <vector>

namespace samspel::engine {
namespace {

using std::numbers::pi;

// The model at every design point.
template <class F>
std::vector<double> evaluate(const UnitDesign& d, const F& f) {
  std::vector<double> out;
  for (std::size_t p = 0; p < d.size(); ++p) {
    std::vector<double> x(static_cast<std::size_t>(d.dims));
    for (int i = 0; i < d.dims; ++i)
      x[static_cast<std::size_t>(i)] = d.at(p, i);
    out.push_back(f(x));
  }
  return out;
}

// An estimate agrees with the analytic value when the value lies within the bootstrap interval
// widened by half its width on each side: about 4 bootstrap standard errors in all, so that a
// correct estimator fails rarely and a wrong one (a bias of the size of the index) always.
void expect_within(double truth, double estimate, Interval interval, const char* what, int i) {
  const double half = (interval.high - interval.low) / 2;
  EXPECT_LE(interval.low, estimate) << what << i;
  EXPECT_GE(interval.high, estimate) << what << i;
  EXPECT_GE(truth, interval.low - half) << what << i << ": " << estimate;
  EXPECT_LE(truth, interval.high + half) << what << i << ": " << estimate;
  EXPECT_LT(half, 0.05) << what << i;  // the test has the power to tell
}

// Ishigami & Homma (1990), a = 7, b = 0.1, on [-pi, pi]^3; analytic indices from the
// decomposition: V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2, V1 = (1 + b pi^4/5)^2 / 2,
// V2 = a^2/8, V3 = 0, V13 = 8 b^2 pi^8 / 225.
TEST(SobolIndices, IshigamiFunction) {
  const double a = 7;
  const double b = 0.1;
  const auto ishigami = [&](const std::vector<double>& u) {
    const double x1 = -pi + 2 * pi * u[0];
    const double x2 = -pi + 2 * pi * u[1];
    const double x3 = -pi + 2 * pi * u[2];
    return std::sin(x1) + a * std::sin(x2) * std::sin(x2) + b * std::pow(x3, 4) * std::sin(x1);
  };
  const double pi4 = std::pow(pi, 4);
  const double pi8 = pi4 * pi4;
  const double v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5;
  const double v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5);
  const double v2 = a * a / 8;
  const double v13 = 8 * b * b * pi8 / 225;
  const std::array<double, 3> first = {v1 / v, v2 / v, 0};
  const std::array<double, 3> total = {(v1 + v13) / v, v2 / v, v13 / v};

  const UnitDesign d = saltelli_design(3, 1 << 13);
  const auto indices = sobol_indices(3, evaluate(d, ishigami), 500, 1);
  ASSERT_EQ(indices.size(), 3U);
  for (int i = 0; i < 3; ++i) {
    const auto& s = indices[static_cast<std::size_t>(i)];
    expect_within(first[static_cast<std::size_t>(i)], s.first, s.first_interval, "S1 of x", i + 1);
    expect_within(total[static_cast<std::size_t>(i)], s.total, s.total_interval, "ST of x", i + 1);
  }
}

// Sobol' G-function on [0, 1]^8 with a = (0, 1, 4.5, 9, 99, 99, 99, 99): V_i = 1 / (3 (1 +
// a_i)^2), V = prod(1 + V_i) - 1, S1_i = V_i / V, ST_i = V_i prod_{j != i}(1 + V_j) / V.
TEST(SobolIndices, GFunction) {
  const std::array<double, 8> a = {0, 1, 4.5, 9, 99, 99, 99, 99};
  const auto g = [&](const std::vector<double>& u) {
    double product = 1;
    for (std::size_t i = 0; i < a.size(); ++i)
      product *= (std::abs(4 * u[i] - 2) + a[i]) / (1 + a[i]);
    return product;
  };
  std::array<double, 8> vi{};
  double all = 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    vi[i] = 1 / (3 * (1 + a[i]) * (1 + a[i]));
    all *= 1 + vi[i];
  }
  const double v = all - 1;

  const UnitDesign d = saltelli_design(8, 1 << 14);
  const auto indices = sobol_indices(8, evaluate(d, g), 500, 1);
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double first = vi[i] / v;
    const double total = vi[i] * all / (1 + vi[i]) / v;
    expect_within(first, indices[i].first, indices[i].first_interval, "S1 of x",
                  static_cast<int>(i) + 1);
    expect_within(total, indices[i].total, indices[i].total_interval, "ST of x",
                  static_cast<int>(i) + 1);
  }
}

TEST(SaltelliDesign, RowsAreABThenAWithOneColumnFromB) {
  const UnitDesign d = saltelli_design(3, 4);
  ASSERT_EQ(d.size(), 4U * 5U);
  for (std::size_t j = 0; j < 4; ++j) {
    const std::size_t row = j * 5;
    for (int i = 0; i < 3; ++i) {
      for (int c = 0; c < 3; ++c) {
        const double expected = c == i ? d.at(row + 1, c) : d.at(row, c);
        EXPECT_EQ(d.at(row + 2 + static_cast<std::size_t>(i), c), expected);
      }
    }
    // Each row stands alone: made again from its index, it is the same.
    const UnitDesign alone = saltelli_row(3, static_cast<int>(j));
    for (std::size_t p = 0; p < 5; ++p) {
      for (int c = 0; c < 3; ++c)
        EXPECT_EQ(alone.at(p, c), d.at(row + p, c));
    }
  }
  // The sequence starts at the centre, after the all-zero point, which would put A and B on
  // the corner of the cube.
  EXPECT_EQ(d.at(0, 0), 0.5);
  EXPECT_EQ(d.at(1, 2), 0.5);
  EXPECT_THROW(saltelli_design(0, 4), std::invalid_argument);
  EXPECT_THROW(sobol_indices(3, std::vector<double>(7), 10, 1), std::invalid_argument);
}

}  // namespace
}  // namespace samspel::engine
