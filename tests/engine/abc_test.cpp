// ABC rejection and regression adjustment: distances in target half-widths, acceptance of the
// closest fraction independent of order, and the adjustment removing an exact linear relation.
#include "samspel/engine/abc.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace samspel::engine {
namespace {

const std::vector<AbcTarget> kTargets{{"a", 0.18, 0.22}, {"b", 0.37, 0.44}};

TEST(AbcDistance, IsZeroAtTheCentresAndOneAtTheEdgeOfOneInterval) {
  EXPECT_DOUBLE_EQ(abc_distance(std::vector<double>{0.20, 0.405}, kTargets), 0.0);
  EXPECT_NEAR(abc_distance(std::vector<double>{0.22, 0.405}, kTargets), 1.0, 1e-12);
  EXPECT_NEAR(abc_distance(std::vector<double>{0.20, 0.37}, kTargets), 1.0, 1e-12);
  // Two half-widths off in both: sqrt(4 + 4).
  EXPECT_NEAR(abc_distance(std::vector<double>{0.24, 0.475}, kTargets), std::sqrt(8.0), 1e-12);
}

TEST(AbcDistance, NothingMeasuredIsInfinitelyFar) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(std::isinf(abc_distance(std::vector<double>{0.2, nan}, kTargets)));
  EXPECT_THROW(abc_distance(std::vector<double>{0.2}, kTargets), std::invalid_argument);
}

TEST(AbcAccept, KeepsTheClosestFractionRoundedUpInIncreasingDistance) {
  const std::vector<double> d{5, 1, 4, 2, 3};
  EXPECT_EQ(abc_accept(d, 0.4), (std::vector<std::size_t>{1, 3}));
  EXPECT_EQ(abc_accept(d, 0.5), (std::vector<std::size_t>{1, 3, 4}));  // ceil(2.5)
  EXPECT_EQ(abc_accept(d, 0.01), (std::vector<std::size_t>{1}));       // at least one
  EXPECT_EQ(abc_accept(d, 1.0).size(), 5U);
}

TEST(AbcAccept, TiesGoToTheLowerIndex) {
  const std::vector<double> d{2, 1, 1, 1, 0};
  EXPECT_EQ(abc_accept(d, 0.6), (std::vector<std::size_t>{4, 1, 2}));
}

TEST(AbcAccept, RefusesNoDrawsAndFractionsOutsideTheUnitInterval) {
  EXPECT_THROW(abc_accept(std::vector<double>{}, 0.1), std::invalid_argument);
  EXPECT_THROW(abc_accept(std::vector<double>{1.0}, 0.0), std::invalid_argument);
  EXPECT_THROW(abc_accept(std::vector<double>{1.0}, 1.5), std::invalid_argument);
}

TEST(EpanechnikovWeights, FallFromOneAtDistanceZeroToZeroAtTheFarthest) {
  const auto w = epanechnikov_weights(std::vector<double>{0.0, 1.0, 2.0});
  EXPECT_DOUBLE_EQ(w[0], 1.0);
  EXPECT_DOUBLE_EQ(w[1], 0.75);
  EXPECT_DOUBLE_EQ(w[2], 0.0);
  // A single accepted draw keeps its weight.
  EXPECT_EQ(epanechnikov_weights(std::vector<double>{3.0}), std::vector<double>{1.0});
}

TEST(RegressionAdjust, RemovesAnExactLinearRelationToTheStatistics) {
  // theta = 2 + 3 z_a - 1 z_b, z in target half-widths: every adjusted value is the intercept.
  std::vector<double> theta;
  std::vector<double> stats;
  const double za[] = {-1, 0.5, 0.2, 1, -0.3, 0.8};
  const double zb[] = {0.4, -1, 0.7, 0.1, -0.6, 0.9};
  for (int i = 0; i < 6; ++i) {
    stats.push_back(kTargets[0].centre() + za[i] * kTargets[0].half_width());
    stats.push_back(kTargets[1].centre() + zb[i] * kTargets[1].half_width());
    theta.push_back(2 + 3 * za[i] - zb[i]);
  }
  const std::vector<double> w{1, 0.9, 0.8, 0.7, 0.6, 0.5};
  for (const double v : regression_adjust(theta, stats, kTargets, w))
    EXPECT_NEAR(v, 2.0, 1e-9);
}

TEST(RegressionAdjust, LeavesTheValuesWhenTheFitIsSingular) {
  // Two draws cannot fit an intercept and two slopes.
  const std::vector<double> theta{1.0, 2.0};
  const std::vector<double> stats{0.2, 0.4, 0.21, 0.41};
  EXPECT_EQ(regression_adjust(theta, stats, kTargets, std::vector<double>{1, 1}), theta);
}

TEST(WeightedSummary, GivesMeanSdAndQuantilesOfTheWeightedValues) {
  const std::vector<double> v{4, 1, 3, 2};
  const auto equal = weighted_summary(v, std::vector<double>{1, 1, 1, 1});
  EXPECT_DOUBLE_EQ(equal.mean, 2.5);
  EXPECT_DOUBLE_EQ(equal.sd, std::sqrt(1.25));
  EXPECT_DOUBLE_EQ(equal.q05, 1);
  EXPECT_DOUBLE_EQ(equal.q50, 2);
  EXPECT_DOUBLE_EQ(equal.q95, 4);
  const auto skewed = weighted_summary(v, std::vector<double>{0, 1, 0, 0});
  EXPECT_DOUBLE_EQ(skewed.mean, 1);
  EXPECT_DOUBLE_EQ(skewed.q95, 1);
  EXPECT_THROW(weighted_summary(v, std::vector<double>{0, 0, 0, 0}), std::invalid_argument);
}

}  // namespace
}  // namespace samspel::engine
