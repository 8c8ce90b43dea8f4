// Process 1: scripted events and stochastic turnover.
#include <gtest/gtest.h>

#include <cmath>

#include "test_model.hpp"

namespace samspel::model {
namespace {

using testing::TestModel;

Parameters no_turnover() {
  Parameters p;
  p.model.midterm_shift_rate = 0;
  p.model.ceo_base_hazard = 0;
  p.model.ceo_lockin_hazard = 0;
  p.model.ceo_distrust_hazard = 0;
  p.model.head_base_hazard = 0;
  p.model.head_lockin_hazard = 0;
  p.model.kso_confidence_hazard = 0;
  return p;
}

TEST(Turnover, NothingHappensAtZeroHazard) {
  TestModel m(no_turnover());
  for (int i = 0; i < 200; ++i)
    apply_turnover(m.s(), m.ctx());
  EXPECT_EQ(m.s().summary.ceo_changes, 0);
  EXPECT_EQ(m.s().summary.kso_changes, 0);
  EXPECT_EQ(m.s().summary.head_changes, 0);
  EXPECT_EQ(m.s().summary.majority_shifts, 0);
}

// The exit reason is the part of the hazard that fired: only the base → "other"; only the
// strain of lock-ins and distrust → "cooperation".
TEST(Turnover, CeoExitReasonFollowsThePartOfTheHazard) {
  Parameters base = no_turnover();
  base.model.ceo_base_hazard = 1.2;  // 10% a month
  TestModel a(base);
  for (int i = 0; i < 300; ++i)
    apply_turnover(a.s(), a.ctx());
  EXPECT_GT(a.s().summary.ceo_changes, 0);
  EXPECT_EQ(a.s().summary.ceo_exits_other, a.s().summary.ceo_changes);

  Parameters strain = no_turnover();
  strain.model.ceo_lockin_hazard = 1;
  TestModel b(strain);
  for (int i = 0; i < 300; ++i) {
    b.s().relations[kKsoCeo].lockins = 2;
    apply_turnover(b.s(), b.ctx());
  }
  EXPECT_GT(b.s().summary.ceo_changes, 0);
  EXPECT_EQ(b.s().summary.ceo_exits_cooperation, b.s().summary.ceo_changes);
}

TEST(Turnover, CeoLeavesAtTheMonthlyRate) {
  Parameters p = no_turnover();
  p.model.ceo_base_hazard = 0.24;  // 2% a month
  TestModel m(p);
  constexpr int kMonths = 20000;
  for (int i = 0; i < kMonths; ++i)
    apply_turnover(m.s(), m.ctx());
  const double rate = 0.02;
  EXPECT_NEAR(m.s().summary.ceo_changes, rate * kMonths,
              4 * std::sqrt(rate * (1 - rate) * kMonths));
}

TEST(Events, ScriptedEventsHappenInTheirMonth) {
  const std::vector<ScriptedEvent> events{{EventType::ceo_leaves, 3, 0, 0},
                                          {EventType::kso_leaves, 3, 0, 0},
                                          {EventType::majority_shift, 5, 0, 0},
                                          {EventType::environment_shock, 7, 1.0, 0}};
  Parameters p = no_turnover();
  p.model.dismissal_base = 0;
  p.model.dismissal_closeness = 0;
  TestModel m(p, events);
  State& s = m.s();
  for (int step = 0; step < 3; ++step) {
    s.step = step;
    apply_scripted_events(s, m.ctx());
  }
  EXPECT_EQ(s.summary.ceo_changes, 0);
  s.step = 3;
  apply_scripted_events(s, m.ctx());
  EXPECT_EQ(s.summary.ceo_changes, 1);
  EXPECT_EQ(s.summary.ceo_exits_other, 1);
  EXPECT_EQ(s.summary.kso_changes, 1);
  s.step = 5;
  apply_scripted_events(s, m.ctx());
  EXPECT_EQ(s.summary.majority_shifts, 1);
  const Mask before = s.environment.value;
  s.step = 7;
  apply_scripted_events(s, m.ctx());
  EXPECT_EQ(s.environment.value, ~before & m.ctx().derived.all_dims);
}

}  // namespace
}  // namespace samspel::model
