// Process 9: elections in September of years = 2 (mod 4), the new majority in office from
// October.
#include <gtest/gtest.h>

#include <cmath>

#include "test_model.hpp"

namespace samspel::model {
namespace {

using testing::TestModel;

Parameters election(double intercept, double slope, double satisfaction) {
  Parameters p;
  p.model.election_intercept = intercept;
  p.model.election_satisfaction_slope = slope;
  p.model.election_incumbency_slope = 0;
  p.model.satisfaction_reference = 0.6;
  p.model.politician_retirement = 0;
  p.municipality.satisfaction = satisfaction;
  return p;
}

// Runs the election process from August to October 2010 and reports whether power changed.
bool majority_lost(TestModel& m) {
  // Steps 7, 8, 9 are August, September, October 2010.
  for (int step = 7; step <= 9; ++step) {
    m.s().step = step;
    hold_elections(m.s(), m.ctx());
  }
  return m.s().summary.election_shifts > 0;
}

TEST(Elections, CertainLossAndCertainWin) {
  TestModel lose(election(50, 0, 0.6));
  EXPECT_TRUE(majority_lost(lose));
  EXPECT_EQ(lose.s().ruling, Bloc::b);
  EXPECT_EQ(lose.s().summary.elections, 1);
  TestModel win(election(-50, 0, 0.6));
  EXPECT_FALSE(majority_lost(win));
  EXPECT_EQ(win.s().ruling, Bloc::a);
  EXPECT_EQ(win.s().terms_in_power, 2);
}

// At mean satisfaction 0.5 against a reference of 0.6: P(loss) = logistic(-0.5 + 8 * 0.1).
TEST(Elections, LossProbabilityAtASetSatisfaction) {
  const Parameters p = election(-0.5, 8, 0.5);
  const double expected = 1 / (1 + std::exp(-(-0.5 + 8 * 0.1)));
  constexpr int kRuns = 3000;
  int lost = 0;
  for (int i = 0; i < kRuns; ++i) {
    TestModel m(p, {}, {2010, 1}, 1, static_cast<std::uint64_t>(i));
    lost += majority_lost(m) ? 1 : 0;
  }
  EXPECT_NEAR(static_cast<double>(lost) / kRuns, expected,
              4 * std::sqrt(expected * (1 - expected) / kRuns));
}

TEST(Elections, NewMajorityTakesOfficeInOctober) {
  TestModel m(election(50, 0, 0.6));
  State& s = m.s();
  s.step = 8;  // September 2010
  hold_elections(s, m.ctx());
  EXPECT_TRUE(s.election_pending);
  EXPECT_EQ(s.ruling, Bloc::a);
  s.step = 9;  // October
  hold_elections(s, m.ctx());
  EXPECT_EQ(s.ruling, Bloc::b);
  EXPECT_FALSE(s.election_pending);
}

TEST(Elections, OnlyInElectionYears) {
  TestModel m(election(50, 0, 0.6));
  for (int step = 12; step < 48; ++step) {  // 2011 to 2013
    m.s().step = step;
    hold_elections(m.s(), m.ctx());
  }
  EXPECT_EQ(m.s().summary.elections, 0);
  for (int step = 48; step < 60; ++step) {  // 2014
    m.s().step = step;
    hold_elections(m.s(), m.ctx());
  }
  EXPECT_EQ(m.s().summary.elections, 1);
}

}  // namespace
}  // namespace samspel::model
