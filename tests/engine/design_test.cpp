#include "samspel/engine/design.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "samspel/engine/statistics.hpp"

namespace samspel::engine {
namespace {

std::vector<double> column(const UnitDesign& design, int dim) {
  std::vector<double> values;
  for (std::size_t p = 0; p < design.size(); ++p)
    values.push_back(design.at(p, dim));
  return values;
}

TEST(GridDesign, SizeIsLevelsToTheDims) {
  const auto g = grid_design(3, 4);
  EXPECT_EQ(g.dims, 3);
  EXPECT_EQ(g.size(), 64U);
  EXPECT_EQ(g.points.size(), 192U);
  EXPECT_EQ(grid_design(1, 7).size(), 7U);
  EXPECT_EQ(grid_design(5, 1).size(), 1U);
}

TEST(GridDesign, LevelsAreEquallySpacedWithBothEnds) {
  const auto g = grid_design(1, 5);
  const std::vector<double> expected{0.0, 0.25, 0.5, 0.75, 1.0};
  EXPECT_EQ(column(g, 0), expected);
  const auto two = grid_design(1, 2);
  EXPECT_EQ(column(two, 0), (std::vector<double>{0.0, 1.0}));
  // One level has no spread: the centre.
  const auto one = grid_design(3, 1);
  for (int d = 0; d < 3; ++d)
    EXPECT_EQ(one.at(0, d), 0.5);
}

TEST(GridDesign, CornersAreFirstAndLast) {
  const auto g = grid_design(4, 3);
  for (int d = 0; d < 4; ++d) {
    EXPECT_EQ(g.at(0, d), 0.0);
    EXPECT_EQ(g.at(g.size() - 1, d), 1.0);
  }
}

TEST(GridDesign, LastDimensionVariesFastest) {
  const auto g = grid_design(2, 3);
  const std::vector<double> expected{0,   0, 0,   0.5, 0,   1,  //
                                     0.5, 0, 0.5, 0.5, 0.5, 1,  //
                                     1,   0, 1,   0.5, 1,   1};
  EXPECT_EQ(g.points, expected);
  // In general, point p's level in dimension d is digit d of p written in base `levels`, most
  // significant first.
  const auto big = grid_design(3, 4);
  for (std::size_t p = 0; p < big.size(); ++p) {
    std::size_t rest = p;
    for (int d = 2; d >= 0; --d) {
      EXPECT_EQ(big.at(p, d), static_cast<double>(rest % 4) / 3.0) << p << " " << d;
      rest /= 4;
    }
  }
}

TEST(GridDesign, RefusesTooManyPoints) {
  EXPECT_THROW(grid_design(3, 10, 999), std::invalid_argument);
  EXPECT_EQ(grid_design(3, 10, 1000).size(), 1000U);
  // 10^40 would overflow 64 bits; the check stops before it does.
  EXPECT_THROW(grid_design(40, 10), std::invalid_argument);
  EXPECT_THROW(grid_design(0, 3), std::invalid_argument);
  EXPECT_THROW(grid_design(2, 0), std::invalid_argument);
}

TEST(GridDesign, MeanIsTheCentre) {
  // Symmetric levels: every dimension's mean is 1/2 up to rounding.
  const auto g = grid_design(3, 6);
  for (int d = 0; d < 3; ++d) {
    const auto values = column(g, d);
    EXPECT_NEAR(summarize(values).mean, 0.5, 1e-12);
  }
}

TEST(LatinHypercube, OnePointPerStratumInEveryDimension) {
  for (const int n : {1, 2, 7, 100, 1000}) {
    const auto design = latin_hypercube(4, n, 11);
    ASSERT_EQ(design.dims, 4);
    ASSERT_EQ(design.size(), static_cast<std::size_t>(n));
    for (int d = 0; d < 4; ++d) {
      std::vector<int> hits(static_cast<std::size_t>(n), 0);
      for (const double x : column(design, d)) {
        ASSERT_GE(x, 0.0);
        ASSERT_LT(x, 1.0);
        ++hits[static_cast<std::size_t>(std::floor(x * n))];
      }
      for (int k = 0; k < n; ++k)
        EXPECT_EQ(hits[static_cast<std::size_t>(k)], 1) << "n " << n << " dim " << d << " k " << k;
    }
  }
}

TEST(LatinHypercube, DeterministicPerSeed) {
  EXPECT_EQ(latin_hypercube(3, 50, 5).points, latin_hypercube(3, 50, 5).points);
  EXPECT_NE(latin_hypercube(3, 50, 5).points, latin_hypercube(3, 50, 6).points);
  // The first dimensions do not depend on how many follow.
  const auto two = latin_hypercube(2, 50, 5);
  const auto five = latin_hypercube(5, 50, 5);
  for (int d = 0; d < 2; ++d)
    EXPECT_EQ(column(two, d), column(five, d));
}

TEST(LatinHypercube, DimensionsArePermutedIndependently) {
  // Identical permutations would put every point on the diagonal: strata equal in all dims.
  const int n = 200;
  const auto design = latin_hypercube(3, n, 3);
  int same = 0;
  for (std::size_t p = 0; p < design.size(); ++p) {
    if (std::floor(design.at(p, 0) * n) == std::floor(design.at(p, 1) * n)) ++same;
  }
  EXPECT_LT(same, 10);  // about 1 expected for independent permutations
}

TEST(LatinHypercube, MeansAreCentredAndOffsetsUniform) {
  const int n = 2000;
  const auto design = latin_hypercube(3, n, 17);
  for (int d = 0; d < 3; ++d) {
    const auto values = column(design, d);
    // The mean is (sum of k + sum of offsets) / n^2 = (n - 1) / (2n) + (mean offset) / n, so
    // within 1 / (2n) of 1/2 whatever the draws.
    EXPECT_LE(std::abs(summarize(values).mean - 0.5), 1.0 / (2.0 * n));
    // The placement within strata: offsets x n - k should be uniform on [0, 1), mean 1/2 to
    // within a few standard errors (fixed seed: this cannot flake).
    std::vector<double> offsets;
    for (const double x : values)
      offsets.push_back(x * n - std::floor(x * n));
    const Summary s = summarize(offsets);
    EXPECT_NEAR(s.mean, 0.5, 4 * s.standard_error);
    // And the standard error is that of a uniform, sqrt(1/12 / n).
    EXPECT_NEAR(s.standard_error, std::sqrt(1.0 / 12.0 / n), 0.1 * std::sqrt(1.0 / 12.0 / n));
  }
}

TEST(LatinHypercube, RefusesEmptyDesigns) {
  EXPECT_THROW(latin_hypercube(0, 10, 1), std::invalid_argument);
  EXPECT_THROW(latin_hypercube(2, 0, 1), std::invalid_argument);
}

}  // namespace
}  // namespace samspel::engine

TEST(SpreadOrder, IsAPermutation) {
  for (const std::size_t n : {0U, 1U, 2U, 3U, 7U, 8U, 9U, 290U}) {
    std::vector<std::size_t> order = samspel::engine::spread_order(n);
    std::sort(order.begin(), order.end());
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), std::size_t{0});
    EXPECT_EQ(order, all) << n;
  }
}

TEST(SpreadOrder, EveryPrefixReachesAcrossTheRange) {
  // Among the first k of the order, no gap between neighbours (nor from the last to n) exceeds
  // 2n/k: a study cut short after k configurations has some from every part of the design.
  // (Bit reversal puts the first 2^j at multiples of 2^(bits - j); dropping the values >= n at
  // most doubles a gap.)
  for (const std::size_t n : {5U, 64U, 100U, 290U, 1000U}) {
    const std::vector<std::size_t> order = samspel::engine::spread_order(n);
    EXPECT_EQ(order[0], 0U);
    for (std::size_t k = 1; k <= n; ++k) {
      std::vector<std::size_t> prefix(order.begin(), order.begin() + static_cast<long>(k));
      std::sort(prefix.begin(), prefix.end());
      std::size_t widest = n - prefix.back();
      for (std::size_t i = 1; i < k; ++i)
        widest = std::max(widest, prefix[i] - prefix[i - 1]);
      EXPECT_LE(widest * k, 2 * n) << "n " << n << ", after " << k;
    }
  }
}
