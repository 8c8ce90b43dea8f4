#include "samspel/engine/statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace samspel::engine {
namespace {

TEST(Statistics, QuantilesInterpolateBetweenOrderStatistics) {
  const std::vector<double> v{1, 2, 4, 8};
  EXPECT_DOUBLE_EQ(quantile_sorted(v, 0.0), 1);
  EXPECT_DOUBLE_EQ(quantile_sorted(v, 1.0), 8);
  EXPECT_DOUBLE_EQ(quantile_sorted(v, 0.5), 3);      // between 2 and 4
  EXPECT_DOUBLE_EQ(quantile_sorted(v, 0.25), 1.75);  // position 0.75
  EXPECT_DOUBLE_EQ(quantile_sorted(v, 0.95), 4 + 0.85 * 4);
  EXPECT_TRUE(std::isnan(quantile_sorted(std::vector<double>{}, 0.5)));
}

TEST(Statistics, MeanAndStandardError) {
  const std::vector<double> v{1, 2, 3, 4};
  const Summary s = summarize(v);
  EXPECT_DOUBLE_EQ(s.mean, 2.5);
  EXPECT_DOUBLE_EQ(s.standard_error, std::sqrt((5.0 / 3.0) / 4.0));
}

}  // namespace
}  // namespace samspel::engine
