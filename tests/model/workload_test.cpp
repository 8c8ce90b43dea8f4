// Process 3 checked by hand against docs/MODEL.md (process 3, workload): cases arrive as a
// Poisson count, the administration settles what its capacity allows, the rest reaches the
// leadership.
#include <gtest/gtest.h>

#include <cmath>

#include "test_model.hpp"

namespace samspel::model {
namespace {

using testing::TestModel;

Parameters hand_case() {
  Parameters p;
  p.municipality.population = 30000;  // 30 cases in a usual month
  p.municipality.capacity = 0.5;      // the administration settles up to 15 of them
  p.model.case_rate = 1;
  p.model.case_load = 1;
  p.model.case_pull = 0.3;
  p.model.induction_months = 6;
  p.strategy.delegation = 0.5;
  p.strategy.citizen_dialogue = 0.3;
  p.model.citizen_time_max = 0.2;
  p.model.fixed_duties_politician = 0.3;
  p.model.influence_time_max = 0.4;
  p.model.ceo_influence_seeking = 0.2;
  p.model.ceo_vision_share = 0.3;
  return p;
}

// Every politician-civil servant pair at effective trust t (clarity 1, so T = t whatever w).
void set_trust(State& s, const Context& ctx, double t) {
  for (const int i : cross_side_relations(ctx.derived)) {
    Relation& r = s.relations[i];
    r.person_trust = t;
    r.role_trust = t;
    r.agreement.clarity = 1;
  }
}

// The arrivals the next draw will give: a copy of the workload stream, drawn as the process
// draws them.
int next_arrivals(TestModel& m, double mean) {
  engine::Rng copy = m.ctx().rng(Stream::workload);
  return copy.poisson(mean);
}

TEST(Workload, PoliticiansAndCeoSplitTheirTimeAsDesigned) {
  TestModel m(hand_case());
  set_trust(m.s(), m.ctx(), 0.5);
  const int x = next_arrivals(m, 30);
  allocate_time(m.s(), m.ctx());
  // Settled min(x, 15), unsettled the rest, both per usual month (30 cases).
  const double settled = std::min(x, 15) / 30.0;
  const double unsettled = std::max(x - 15, 0) / 30.0;
  const Actor& kso = m.s().actors[kKso];
  // Delegation 0.5; pull 0.3 on what reaches the leadership and on settled cases distrusted
  // at 1 - 0.5; residents 0.2 * 0.3; duties 0.3.
  const double kso_cases = 0.5 * ((0.5 + 0.3) * unsettled + 0.3 * 0.5 * settled);
  ASSERT_LT(kso_cases, 0.6);  // a draw with nothing clamped: vision time is left
  EXPECT_NEAR(kso.case_time, kso_cases, 1e-12);
  EXPECT_NEAR(kso.citizen_time, 0.06, 1e-12);
  EXPECT_NEAR(kso.vision_time, 1 - kso_cases - 0.06 - 0.3, 1e-12);
  EXPECT_EQ(m.s().actors[chair_seat(0)].case_time, kso.case_time);
  EXPECT_EQ(m.s().actors[kOpposition].case_time, 0);
  const Actor& ceo = m.s().actors[kCeo];
  // Influence 0.4 * 0.2; cases half of what reaches the leadership; vision 0.3 of the rest.
  const double ceo_cases = 0.5 * 0.5 * unsettled;
  EXPECT_DOUBLE_EQ(ceo.influence_time, 0.08);
  EXPECT_NEAR(ceo.case_time, ceo_cases, 1e-12);
  EXPECT_NEAR(ceo.vision_time, 0.3 * (0.92 - ceo_cases), 1e-12);
  EXPECT_NEAR(ceo.management_time, 0.7 * (0.92 - ceo_cases), 1e-12);
  // Civil servants shaping policy: the CEO's influence time and the heads' mean, 0.4 * 0.1.
  EXPECT_NEAR(m.s().political_room, kso.vision_time / (kso.vision_time + 0.08 + 0.04), 1e-12);
}

// The mean of the monthly count is case_rate per 1,000 residents, within four standard errors
// of a Poisson mean (sqrt(lambda / n)); at 200,000 residents the draw is by rejection (PTRS).
TEST(Workload, CasesArriveInProportionToThePopulation) {
  for (const int population : {5000, 30000, 200000}) {
    Parameters p = hand_case();
    p.municipality.population = population;
    p.model.case_rate = 1.5;
    TestModel m(p);
    constexpr int kMonths = 20000;
    double sum = 0;
    for (int i = 0; i < kMonths; ++i)
      sum += arriving_cases(m.s(), m.ctx()).arrivals;
    const double lambda = 1.5 * population / 1000.0;
    EXPECT_NEAR(sum / kMonths, lambda, 4 * std::sqrt(lambda / kMonths)) << population;
  }
}

// The administration settles min(arrivals, A * readiness * usual): with the same draws a
// stronger administration leaves fewer cases unsettled, month by month.
TEST(Workload, AStrongerAdministrationSettlesMore) {
  Parameters weak = hand_case();
  weak.municipality.capacity = 0.2;
  Parameters strong = hand_case();
  strong.municipality.capacity = 0.8;
  TestModel a(weak);
  TestModel b(strong);
  int lower = 0;
  for (int i = 0; i < 200; ++i) {
    const MonthCases w = arriving_cases(a.s(), a.ctx());
    const MonthCases s = arriving_cases(b.s(), b.ctx());
    ASSERT_EQ(w.arrivals, s.arrivals);  // the same stream
    EXPECT_NEAR(w.settled, std::min(w.arrivals, 6) / 30.0, 1e-12);
    EXPECT_NEAR(s.settled, std::min(s.arrivals, 24) / 30.0, 1e-12);
    EXPECT_NEAR(w.settled + w.unsettled, w.arrivals / 30.0, 1e-12);
    EXPECT_LE(s.unsettled, w.unsettled);
    lower += s.unsettled < w.unsettled ? 1 : 0;
  }
  EXPECT_GT(lower, 150);
}

// A new kommunchef or head brings nothing of its part of the capacity in its first month and
// all of it after induction_months; the incumbents of the initial state are past induction.
TEST(Workload, ANewcomerLowersCapacityWhileLearningTheJob) {
  Parameters p = hand_case();
  TestModel m(p);
  const int parts = 1 + p.municipality.departments;
  EXPECT_DOUBLE_EQ(administration_readiness(m.s(), m.ctx()), 1.0);
  seat_newcomer(m.s(), m.ctx(), kCeo);
  EXPECT_NEAR(administration_readiness(m.s(), m.ctx()), (parts - 1.0) / parts, 1e-12);
  seat_newcomer(m.s(), m.ctx(), head_seat(2));
  m.s().actors[head_seat(2)].tenure = 3;  // half-way through six months
  EXPECT_NEAR(administration_readiness(m.s(), m.ctx()), (parts - 1.5) / parts, 1e-12);
  m.s().actors[kCeo].tenure = 6;
  m.s().actors[head_seat(2)].tenure = 7;
  EXPECT_DOUBLE_EQ(administration_readiness(m.s(), m.ctx()), 1.0);

  // With the same draws a new CEO (tenure 0 all along: no process 7 runs) leaves more cases
  // unsettled: the administration settles 15 * 6/7 instead of 15, and the CEO's case time,
  // which trust does not move, is higher whenever more than that arrive.
  TestModel settled(p);
  TestModel fresh(p);
  seat_newcomer(fresh.s(), fresh.ctx(), kCeo);
  int more = 0;
  for (int i = 0; i < 50; ++i) {
    allocate_time(settled.s(), settled.ctx());
    allocate_time(fresh.s(), fresh.ctx());
    EXPECT_GE(fresh.s().actors[kCeo].case_time, settled.s().actors[kCeo].case_time);
    more += fresh.s().actors[kCeo].case_time > settled.s().actors[kCeo].case_time ? 1 : 0;
  }
  EXPECT_GT(more, 45);
  // Without induction a newcomer is ready at once.
  p.model.induction_months = 0;
  TestModel none(p);
  seat_newcomer(none.s(), none.ctx(), kCeo);
  EXPECT_DOUBLE_EQ(administration_readiness(none.s(), none.ctx()), 1.0);
}

// Delegation keeps in the administration what it could not settle: the leadership's case time
// falls in proportion to 1 - delegation, to nothing at full delegation.
TEST(Workload, DelegationKeepsCasesInTheAdministration) {
  Parameters open = hand_case();
  open.strategy.delegation = 0;
  open.model.case_load = 0.5;  // nothing clamped
  Parameters half = open;
  half.strategy.delegation = 0.5;
  Parameters full = open;
  full.strategy.delegation = 1;
  TestModel a(open);
  TestModel b(half);
  TestModel c(full);
  for (int i = 0; i < 100; ++i) {
    for (TestModel* m : {&a, &b, &c})
      allocate_time(m->s(), m->ctx());
    for (const int seat : {kKso, kCeo}) {
      ASSERT_LT(a.s().actors[seat].case_time, 0.9);
      EXPECT_NEAR(b.s().actors[seat].case_time, 0.5 * a.s().actors[seat].case_time, 1e-12);
      EXPECT_EQ(c.s().actors[seat].case_time, 0);
    }
  }
  EXPECT_GT(a.s().actors[kCeo].case_time, 0);
}

// Politicians take up settled cases they do not trust the administration with: at full trust
// none, at lower trust more; the CEO's case time does not depend on trust.
TEST(Workload, DistrustMakesPoliticiansTakeUpSettledCases) {
  const Parameters p = hand_case();
  TestModel trusting(p);
  TestModel distrusting(p);
  set_trust(trusting.s(), trusting.ctx(), 1);
  set_trust(distrusting.s(), distrusting.ctx(), 0.2);
  int more = 0;
  for (int i = 0; i < 100; ++i) {
    const int x = next_arrivals(trusting, 30);
    allocate_time(trusting.s(), trusting.ctx());
    allocate_time(distrusting.s(), distrusting.ctx());
    const double unsettled = std::max(x - 15, 0) / 30.0;
    const double settled = std::min(x, 15) / 30.0;
    EXPECT_NEAR(trusting.s().actors[kKso].case_time, 0.5 * 0.8 * unsettled, 1e-12);
    EXPECT_NEAR(distrusting.s().actors[kKso].case_time,
                std::min(0.9, 0.5 * (0.8 * unsettled + 0.3 * 0.8 * settled)), 1e-12);
    EXPECT_EQ(distrusting.s().actors[kCeo].case_time, trusting.s().actors[kCeo].case_time);
    more += distrusting.s().actors[kKso].case_time > trusting.s().actors[kKso].case_time ? 1 : 0;
  }
  EXPECT_EQ(more, 100);
}

// A surge of size 1 doubles the arrivals' mean while it lasts and not after.
TEST(Workload, ACaseSurgeRaisesArrivalsForItsMonthsOnly) {
  const Parameters p = hand_case();
  TestModel m(p, {ScriptedEvent{EventType::case_surge, 0, 1.0, 2}});
  apply_scripted_events(m.s(), m.ctx());
  constexpr int kMonths = 20000;
  auto mean_arrivals = [&](int step) {
    m.s().step = step;
    double sum = 0;
    for (int i = 0; i < kMonths; ++i)
      sum += arriving_cases(m.s(), m.ctx()).arrivals;
    return sum / kMonths;
  };
  EXPECT_NEAR(mean_arrivals(0), 60, 4 * std::sqrt(60.0 / kMonths));
  EXPECT_NEAR(mean_arrivals(1), 60, 4 * std::sqrt(60.0 / kMonths));
  EXPECT_NEAR(mean_arrivals(2), 30, 4 * std::sqrt(30.0 / kMonths));

  // The administration's capacity does not grow with the surge: the extra cases are unsettled.
  TestModel quiet(p);
  TestModel surging(p, {ScriptedEvent{EventType::case_surge, 0, 1.0, 2}});
  apply_scripted_events(surging.s(), surging.ctx());
  double quiet_cases = 0;
  double surge_cases = 0;
  for (int i = 0; i < 1000; ++i) {
    allocate_time(quiet.s(), quiet.ctx());
    allocate_time(surging.s(), surging.ctx());
    quiet_cases += quiet.s().actors[kCeo].case_time;
    surge_cases += surging.s().actors[kCeo].case_time;
  }
  // CEO: 0.25 * unsettled, about 0.25 * 0.5 without and 0.25 * 1.5 with the surge.
  EXPECT_NEAR(quiet_cases / 1000, 0.125, 0.01);
  EXPECT_NEAR(surge_cases / 1000, 0.375, 0.02);
}

// Whatever arrives, case time stays in [0, 0.9], the CEO's within what influence leaves, and
// vision time is what cases, residents and fixed duties leave.
TEST(Workload, SharesStayBoundedAndVisionIsWhatIsLeft) {
  Parameters p = hand_case();
  p.model.case_load = 3;
  p.strategy.delegation = 0;
  p.municipality.population = 5000;
  p.model.influence_time_max = 0.8;
  p.model.ceo_influence_seeking = 1;
  TestModel m(p, {ScriptedEvent{EventType::case_surge, 0, 5.0, 100}});
  apply_scripted_events(m.s(), m.ctx());
  set_trust(m.s(), m.ctx(), 0);
  bool clamped = false;
  for (int step = 0; step < 200; ++step) {
    m.s().step = step;
    allocate_time(m.s(), m.ctx());
    for (const int seat : {kKso, chair_seat(0), kOpposition}) {
      const Actor& a = m.s().actors[seat];
      EXPECT_GE(a.case_time, 0);
      EXPECT_LE(a.case_time, 0.9);
      EXPECT_GE(a.vision_time, 0);
      const double fixed = std::min(0.3, 1 - a.case_time - a.citizen_time);
      EXPECT_NEAR(a.vision_time, 1 - a.case_time - a.citizen_time - fixed, 1e-12);
    }
    const Actor& ceo = m.s().actors[kCeo];
    EXPECT_GE(ceo.case_time, 0);
    EXPECT_LE(ceo.case_time, 1 - ceo.influence_time + 1e-12);
    EXPECT_NEAR(ceo.vision_time + ceo.management_time + ceo.case_time + ceo.influence_time, 1,
                1e-12);
    clamped = clamped || m.s().actors[kKso].case_time == 0.9;
  }
  EXPECT_TRUE(clamped);
}

// Report p. 17: the small municipalities' leadership handles cases, the large one's seldom.
// Expected over many months, with the default parameters.
TEST(Workload, SmallMunicipalitiesDriftIntoCases) {
  Parameters small;
  small.municipality.population = 5000;
  Parameters large;
  large.municipality.population = 200000;
  TestModel a(small);
  TestModel b(large);
  EXPECT_GT(a.ctx().derived.capacity, 0);
  EXPECT_LT(a.ctx().derived.capacity, b.ctx().derived.capacity);
  double small_cases = 0;
  double large_cases = 0;
  double small_vision = 0;
  double large_vision = 0;
  for (int i = 0; i < 500; ++i) {
    allocate_time(a.s(), a.ctx());
    allocate_time(b.s(), b.ctx());
    small_cases += a.s().actors[kKso].case_time;
    large_cases += b.s().actors[kKso].case_time;
    small_vision += a.s().actors[kKso].vision_time;
    large_vision += b.s().actors[kKso].vision_time;
  }
  EXPECT_GT(small_cases, 2 * large_cases);
  EXPECT_LT(small_vision, large_vision);
}

TEST(Workload, WithoutCommitteesTheBoardSplitsItsTimeOverTheSectors) {
  Parameters p = hand_case();
  p.municipality.committees = 0;
  TestModel m(p);
  allocate_time(m.s(), m.ctx());
  const double board = m.s().actors[kKso].vision_time / (1 + p.municipality.departments);
  EXPECT_NEAR(m.s().sector_strength[0], board, 1e-12);
  Parameters with = hand_case();
  TestModel n(with);
  allocate_time(n.s(), n.ctx());
  EXPECT_GT(n.s().sector_strength[0], m.s().sector_strength[0]);
}

}  // namespace
}  // namespace samspel::model
