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

// Cooperation 0.8 for six months, a change, then 0.4 for 12 months and 0.75 after: the drop is
// 0.8 - 0.4 and recovery to 90% (0.72) comes 12 months after the change.
TEST(Observation, FragilityAroundAChangeOfPerson) {
  TestModel m;
  State& s = m.s();
  Relation& r = s.relations[kKsoCeo];
  std::vector<double> row(kMetricCount);
  const auto set_cooperation = [&](double q) {
    r.lockins = 0;
    r.person_trust =
        (q - m.ctx().derived.role_weight * r.role_trust * 0.5) / (1 - m.ctx().derived.role_weight);
  };
  for (int step = 0; step < 6; ++step) {
    s.step = step;
    set_cooperation(0.8);
    observe(s, m.ctx(), row);
  }
  s.step = 6;
  replace_ceo(s, m.ctx(), ExitReason::other);
  for (int step = 6; step < 18; ++step) {
    s.step = step;
    set_cooperation(0.4);
    observe(s, m.ctx(), row);
  }
  s.step = 18;
  set_cooperation(0.75);
  observe(s, m.ctx(), row);
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
}

}  // namespace
}  // namespace samspel::model
