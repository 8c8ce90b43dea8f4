// Process 10: the metrics and the fragility measures around a change of person.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "test_model.hpp"

namespace samspel::model {
namespace {

using testing::TestModel;

double metric(const std::vector<double>& row, Metric m) {
  return row[static_cast<std::size_t>(m)];
}

TEST(Observation, ReportsTheKsoCeoPair) {
  TestModel m;
  std::vector<double> row(kMetricCount);
  Relation& r = m.s().relations[kKsoCeo];
  r.lockins = 1;
  observe(m.s(), m.ctx(), row);
  const double t = effective_trust(r, m.ctx());
  EXPECT_DOUBLE_EQ(metric(row, Metric::effective_trust_kso_ceo), t);
  EXPECT_DOUBLE_EQ(metric(row, Metric::cooperation_kso_ceo),
                   t * std::exp(-1 / m.params().model.lockin_scale));
  EXPECT_DOUBLE_EQ(metric(row, Metric::ceo_id), 1);
  EXPECT_DOUBLE_EQ(metric(row, Metric::fit_ideas),
                   fit(m.s().code, m.s().environment, m.ctx().derived.all_dims));
}

TEST(Observation, ConsensusIsFullWhenEveryLeaderHoldsTheCode) {
  TestModel m;
  State& s = m.s();
  const Derived& d = m.ctx().derived;
  for (int i = 0; i < d.seat_count; ++i)
    s.actors[d.seats[i]].beliefs = s.code;
  std::vector<double> row(kMetricCount);
  observe(s, m.ctx(), row);
  EXPECT_DOUBLE_EQ(metric(row, Metric::consensus_pre_discussion), 1);
  EXPECT_DOUBLE_EQ(metric(row, Metric::belief_diversity), 0);
}

// The role gap is how far apart the KSO's and the kommunchef's conceptions are; CEO changes are
// counted in the month they happen.
TEST(Observation, RoleGapAndCeoChangesThisMonth) {
  TestModel m;
  State& s = m.s();
  std::vector<double> row(kMetricCount);
  s.actors[kKso].role_conception = 0.7;
  s.actors[kCeo].role_conception = 0.25;
  observe(s, m.ctx(), row);
  EXPECT_NEAR(metric(row, Metric::role_gap_kso_ceo), 0.45, 1e-12);
  EXPECT_DOUBLE_EQ(metric(row, Metric::ceo_changes), 0);
  replace_ceo(s, m.ctx(), ExitReason::other);
  replace_ceo(s, m.ctx(), ExitReason::other);
  s.step = 1;
  observe(s, m.ctx(), row);
  EXPECT_DOUBLE_EQ(metric(row, Metric::ceo_changes), 2);
  s.step = 2;
  observe(s, m.ctx(), row);
  EXPECT_DOUBLE_EQ(metric(row, Metric::ceo_changes), 0);
}

// Sets the KSO-CEO cooperation to q (without lock-ins) through the person-bound trust, by
// inverting effective trust (docs/MODEL.md 7.0).
void set_cooperation(TestModel& m, double q) {
  Relation& r = m.s().relations[kKsoCeo];
  r.lockins = 0;
  const double v = m.ctx().derived.role_weight * (0.5 + 0.5 * r.agreement.clarity);
  r.person_trust = (q - v * r.role_trust) / (1 - v);
}

// Observes months from..to-1 at cooperation q.
void observe_months(TestModel& m, int from, int to, double q) {
  std::vector<double> row(kMetricCount);
  for (int step = from; step < to; ++step) {
    m.s().step = step;
    set_cooperation(m, q);
    observe(m.s(), m.ctx(), row);
  }
}

// Cooperation 0.8 for six months, a change, then 0.4 for 12 months and 0.75 after: the drop is
// 0.8 - 0.4 and recovery to 90% (0.72) comes 12 months after the change.
TEST(Observation, FragilityAroundAChangeOfPerson) {
  TestModel m;
  State& s = m.s();
  observe_months(m, 0, 6, 0.8);
  s.step = 6;
  replace_ceo(s, m.ctx(), ExitReason::other);
  observe_months(m, 6, 18, 0.4);
  observe_months(m, 18, 19, 0.75);
  close_trackers(s);
  ASSERT_EQ(s.summary.changes.size(), 1U);
  const ChangeRecord& c = s.summary.changes[0];
  EXPECT_NEAR(c.before, 0.8, 1e-12);
  EXPECT_NEAR(c.after, 0.4, 1e-12);
  EXPECT_EQ(c.recovery, 12);
}

TEST(Observation, NeverRecoveredChangesAreMarked) {
  TestModel m;
  State& s = m.s();
  std::vector<double> row(kMetricCount);
  for (int step = 0; step < 6; ++step) {
    s.step = step;
    observe(s, m.ctx(), row);
  }
  s.step = 6;
  replace_kso(s, m.ctx(), ExitReason::other);
  s.relations[kKsoCeo].person_trust = 0;
  s.relations[kKsoCeo].role_trust = 0;
  for (int step = 6; step < 10; ++step) {
    s.step = step;
    observe(s, m.ctx(), row);
  }
  close_trackers(s);
  const ChangeRecord& c = s.summary.changes[0];
  EXPECT_EQ(c.seat, Seat::kso);
  EXPECT_EQ(c.recovery, -1);
  EXPECT_TRUE(std::isnan(c.after));  // the 12 months after were not reached
  EXPECT_TRUE(std::isnan(c.lockins));
  EXPECT_FALSE(c.followed_24);
}

// A change at month 6: its lock-ins are the KSO-CEO relation's over months 6-29 (the change
// month and the 23 after it), not those of month 30 nor of any other relation.
TEST(Observation, LockinsOfTheNewPairOverTwentyFourMonths) {
  TestModel m;
  State& s = m.s();
  std::vector<double> row(kMetricCount);
  observe_months(m, 0, 6, 0.8);
  s.step = 6;
  replace_ceo(s, m.ctx(), ExitReason::other);
  int expected = 0;
  for (int step = 6; step <= 30; ++step) {
    s.step = step;
    set_cooperation(m, 0.8);
    s.relations[kKsoCeo].locked = 1 + step % 3;
    s.relations[politician_head_pair(0)].locked = 5;
    if (step < 30) expected += 1 + step % 3;
    observe(s, m.ctx(), row);
    const ChangeRecord& c = s.summary.changes[0];
    // Known from month 23 on (step 29), and followed through month 24 from step 30.
    EXPECT_EQ(std::isnan(c.lockins), step < 29) << step;
    EXPECT_EQ(c.followed_24, step == 30) << step;
  }
  close_trackers(s);
  const ChangeRecord& c = s.summary.changes[0];
  EXPECT_EQ(c.lockins, expected);
  EXPECT_EQ(c.recovery, 0);
}

TEST(Observation, LockinsAreMissingWhenTheRunEndsWithinTwentyFourMonths) {
  TestModel m;
  State& s = m.s();
  observe_months(m, 0, 6, 0.8);
  s.step = 6;
  replace_ceo(s, m.ctx(), ExitReason::other);
  s.relations[kKsoCeo].locked = 1;
  observe_months(m, 6, 29, 0.8);  // months 0-22 of the change
  close_trackers(s);
  const ChangeRecord& c = s.summary.changes[0];
  EXPECT_TRUE(std::isnan(c.lockins));
  EXPECT_FALSE(c.followed_24);
  EXPECT_EQ(c.recovery, 0);
}

// A change that recovered early is still followed to month 24; one that did not is followed on
// until it recovers, even years later.
TEST(Observation, ChangesAreFollowedToMonthTwentyFourThenUntilTheyRecover) {
  TestModel m;
  State& s = m.s();
  observe_months(m, 0, 6, 0.8);
  s.step = 6;
  replace_ceo(s, m.ctx(), ExitReason::other);
  observe_months(m, 6, 60, 0.1);
  observe_months(m, 60, 61, 0.8);
  close_trackers(s);
  const ChangeRecord& c = s.summary.changes[0];
  EXPECT_TRUE(c.followed_24);
  EXPECT_EQ(c.recovery, 54);
  EXPECT_NEAR(c.after, 0.1, 1e-12);
}

// When every tracker is busy a new change takes the tracker of the oldest change past month 24
// (which then never reads as recovered); failing that, of the oldest change, whose 24-month
// measures are then missing rather than counted.
TEST(Observation, BusyTrackersGiveWayToTheOldestChangePastMonthTwentyFour) {
  TestModel m;
  State& s = m.s();
  const auto trackers = static_cast<int>(s.trackers.size());
  observe_months(m, 0, 6, 0.8);
  s.step = 6;
  replace_ceo(s, m.ctx(), ExitReason::other);  // change 0: not back to 0.72 for years
  observe_months(m, 6, 36, 0.1);
  s.step = 36;
  for (int i = 1; i < trackers; ++i)  // changes 1..trackers-1: every tracker busy
    replace_kso(s, m.ctx(), ExitReason::other);
  observe_months(m, 36, 37, 0.1);
  s.step = 37;
  replace_kso(s, m.ctx(), ExitReason::other);  // takes change 0's tracker
  replace_kso(s, m.ctx(), ExitReason::other);  // takes change 1's: all are within 24 months
  observe_months(m, 37, 80, 0.8);
  close_trackers(s);
  const auto& changes = s.summary.changes;
  ASSERT_EQ(changes.size(), static_cast<std::size_t>(trackers + 2));
  EXPECT_TRUE(changes[0].followed_24);
  EXPECT_EQ(changes[0].recovery, -1);  // cooperation got back at step 37, unseen
  EXPECT_FALSE(changes[1].followed_24);
  EXPECT_TRUE(std::isnan(changes[1].lockins));
  for (std::size_t i = 2; i < changes.size(); ++i) {
    EXPECT_TRUE(changes[i].followed_24) << i;
    EXPECT_EQ(changes[i].lockins, 0) << i;
  }
}

}  // namespace
}  // namespace samspel::model
