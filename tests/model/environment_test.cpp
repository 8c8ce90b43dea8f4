// Process 2: each dimension flips with probability turbulence / 12 a month.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>

#include "test_model.hpp"

namespace samspel::model {
namespace {

using testing::TestModel;

TEST(Environment, CalmWorldStandsStill) {
  Parameters p;
  p.municipality.turbulence = 0;
  TestModel m(p);
  const Mask before = m.s().environment.value;
  for (int i = 0; i < 100; ++i)
    drift_environment(m.s(), m.ctx());
  EXPECT_EQ(m.s().environment.value, before);
}

TEST(Environment, FlipsAtTheMonthlyRate) {
  Parameters p;
  p.municipality.turbulence = 0.6;  // 5% of dimensions a month
  TestModel m(p);
  constexpr int kMonths = 2000;
  long flips = 0;
  for (int i = 0; i < kMonths; ++i) {
    const Mask before = m.s().environment.value;
    drift_environment(m.s(), m.ctx());
    flips += std::popcount(before ^ m.s().environment.value);
  }
  const double trials = static_cast<double>(kMonths) * p.model.dimensions;
  EXPECT_NEAR(flips / trials, 0.05, 4 * std::sqrt(0.05 * 0.95 / trials));
}

}  // namespace
}  // namespace samspel::model
