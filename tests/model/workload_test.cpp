// Process 3 checked by hand against docs/MODEL.md (process 3, workload).
#include <gtest/gtest.h>

#include "test_model.hpp"

namespace samspel::model {
namespace {

using testing::TestModel;

Parameters hand_case() {
  Parameters p;
  p.municipality.capacity = 0.5;
  p.model.case_load = 1;
  p.model.case_pull = 0.3;
  p.strategy.delegation = 0.5;
  p.strategy.citizen_dialogue = 0.3;
  p.model.citizen_time_max = 0.2;
  p.model.fixed_duties_politician = 0.3;
  p.model.influence_time_max = 0.4;
  p.model.ceo_influence_seeking = 0.2;
  p.model.ceo_vision_share = 0.3;
  return p;
}

TEST(Workload, PoliticiansAndCeoSplitTheirTimeAsDesigned) {
  TestModel m(hand_case());
  allocate_time(m.s(), m.ctx());
  const Actor& kso = m.s().actors[kKso];
  // c = 1 * (1 - 0.5) * (0.5 + 0.3) * (1 - 0.5) = 0.2; residents 0.2 * 0.3; duties 0.3.
  EXPECT_DOUBLE_EQ(kso.case_time, 0.2);
  EXPECT_DOUBLE_EQ(kso.citizen_time, 0.06);
  EXPECT_NEAR(kso.vision_time, 0.44, 1e-12);
  const Actor& ceo = m.s().actors[kCeo];
  // Influence 0.4 * 0.2; cases with neutral pull 1 * 0.5 * 0.5 * 0.5; vision 0.3 of the rest.
  EXPECT_DOUBLE_EQ(ceo.influence_time, 0.08);
  EXPECT_DOUBLE_EQ(ceo.case_time, 0.125);
  EXPECT_NEAR(ceo.vision_time, 0.3 * 0.795, 1e-12);
  EXPECT_NEAR(ceo.management_time, 0.7 * 0.795, 1e-12);
  // Civil servants shaping policy: the CEO's influence time and the heads' mean, 0.4 * 0.1.
  EXPECT_NEAR(m.s().political_room, 0.44 / (0.44 + 0.08 + 0.04), 1e-12);
}

TEST(Workload, SmallMunicipalitiesDriftIntoCases) {
  Parameters small;
  small.municipality.population = 5000;
  Parameters large;
  large.municipality.population = 200000;
  TestModel a(small);
  TestModel b(large);
  allocate_time(a.s(), a.ctx());
  allocate_time(b.s(), b.ctx());
  EXPECT_GT(a.ctx().derived.capacity, 0);
  EXPECT_LT(a.ctx().derived.capacity, b.ctx().derived.capacity);
  EXPECT_GT(a.s().actors[kKso].case_time, b.s().actors[kKso].case_time);
  EXPECT_LT(a.s().actors[kKso].vision_time, b.s().actors[kKso].vision_time);
}

TEST(Workload, CaseSurgeAddsToCaseTimeUntilItEnds) {
  Parameters p = hand_case();
  TestModel m(p, {ScriptedEvent{EventType::case_surge, 0, 0.3, 2}});
  apply_scripted_events(m.s(), m.ctx());
  allocate_time(m.s(), m.ctx());
  EXPECT_DOUBLE_EQ(m.s().actors[kKso].case_time, 0.5);
  m.s().step = 2;
  allocate_time(m.s(), m.ctx());
  EXPECT_DOUBLE_EQ(m.s().actors[kKso].case_time, 0.2);
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
