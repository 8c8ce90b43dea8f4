// Process 1: scripted events and stochastic turnover.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

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

// The CEO, the KSO and each head leave at their own monthly probabilities, independently of
// one another (whatever way the exits are drawn). The heads' hazards differ by their lock-ins,
// which no exit changes; the CEO's stays fixed, since its distrust part is off.
TEST(Turnover, EachExitHappensAtItsOwnProbabilityIndependently) {
  Parameters p = no_turnover();
  p.model.ceo_base_hazard = 0.36;        // 3% a month
  p.model.kso_confidence_hazard = 0.24;  // 2%
  p.model.head_base_hazard = 0.6;        // 5%, plus 2% per lock-in
  p.model.head_lockin_hazard = 0.24;
  TestModel m(p);
  State& s = m.s();
  const int departments = m.ctx().derived.departments;
  std::vector<double> head_p(static_cast<std::size_t>(departments));
  for (int h = 0; h < departments; ++h) {
    s.relations[politician_head_pair(h)].lockins = h;
    head_p[h] = (0.6 + 0.24 * h) / 12;
  }
  constexpr int kMonths = 20000;
  std::vector<long> head_exits(static_cast<std::size_t>(departments));
  long first_and_last = 0;
  long ceo_and_kso = 0;
  for (int i = 0; i < kMonths; ++i) {
    const int ceo = s.summary.ceo_changes;
    const int kso = s.summary.kso_changes;
    std::vector<std::uint32_t> persons;
    for (int h = 0; h < departments; ++h)
      persons.push_back(s.actors[head_seat(h)].person);
    apply_turnover(s, m.ctx());
    std::vector<bool> left;
    for (int h = 0; h < departments; ++h) {
      left.push_back(s.actors[head_seat(h)].person != persons[h]);
      head_exits[h] += left.back() ? 1 : 0;
    }
    first_and_last += left.front() && left.back() ? 1 : 0;
    ceo_and_kso += s.summary.ceo_changes > ceo && s.summary.kso_changes > kso ? 1 : 0;
  }
  const auto expect_rate = [&](double count, double rate, const char* what) {
    EXPECT_NEAR(count / kMonths, rate, 4 * std::sqrt(rate * (1 - rate) / kMonths)) << what;
  };
  expect_rate(s.summary.ceo_changes, 0.03, "CEO");
  expect_rate(s.summary.kso_changes, 0.02, "KSO");
  for (int h = 0; h < departments; ++h)
    expect_rate(head_exits[h], head_p[h], "head");
  expect_rate(first_and_last, head_p.front() * head_p.back(), "first and last head together");
  expect_rate(ceo_and_kso, 0.03 * 0.02, "CEO and KSO together");
}

TEST(Events, ScriptedEventsHappenInTheirMonth) {
  const std::vector<ScriptedEvent> events{{EventType::ceo_leaves, 3, 0, 0},
                                          {EventType::kso_leaves, 3, 0, 0},
                                          {EventType::majority_shift, 5, 0, 0},
                                          {EventType::environment_shock, 7, 1.0, 0}};
  Parameters p = no_turnover();
  p.model.dismissal_base = 0;
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
