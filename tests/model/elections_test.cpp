// Process 9: elections in September of years = 2 (mod 4); the new board, and so a new majority's
// KSO and chairs, take office in January.
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

// Runs the election process from August 2010 to January 2011 and reports whether power changed.
bool majority_lost(TestModel& m) {
  // Steps 7 to 12 are August 2010 to January 2011.
  for (int step = 7; step <= 12; ++step) {
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

TEST(Elections, NewBoardTakesOfficeInJanuary) {
  TestModel m(election(50, 0, 0.6));
  State& s = m.s();
  s.step = 8;  // September 2010
  hold_elections(s, m.ctx());
  EXPECT_TRUE(s.election_pending);
  EXPECT_EQ(s.ruling, Bloc::a);
  for (s.step = 9; s.step < 12; ++s.step) {  // October to December: the old board stays
    hold_elections(s, m.ctx());
    EXPECT_EQ(s.ruling, Bloc::a);
  }
  s.step = 12;  // January 2011
  hold_elections(s, m.ctx());
  EXPECT_EQ(s.ruling, Bloc::b);
  EXPECT_FALSE(s.election_pending);
  EXPECT_EQ(s.summary.elections, 1);
}

// A shift between the election and January supersedes the verdict: no second shift.
TEST(Elections, AShiftBeforeJanuarySupersedesTheVerdict) {
  TestModel m(election(50, 0, 0.6));
  State& s = m.s();
  s.step = 8;
  hold_elections(s, m.ctx());
  shift_majority(s, m.ctx());  // a mid-term shift in November, say
  s.step = 12;
  hold_elections(s, m.ctx());
  EXPECT_EQ(s.ruling, Bloc::b);
  EXPECT_EQ(s.summary.majority_shifts, 1);
  EXPECT_EQ(s.summary.election_shifts, 0);
}

TEST(Elections, OnlyInElectionYears) {
  TestModel m(election(50, 0, 0.6));
  for (int step = 13; step < 48; ++step) {  // February 2011 to 2013
    m.s().step = step;
    hold_elections(m.s(), m.ctx());
  }
  EXPECT_EQ(m.s().summary.elections, 0);
  for (int step = 48; step < 61; ++step) {  // 2014 and January 2015
    m.s().step = step;
    hold_elections(m.s(), m.ctx());
  }
  EXPECT_EQ(m.s().summary.elections, 1);
}

}  // namespace
}  // namespace samspel::model
