// Succession: a new person resets what was personal and keeps what belongs to the roles.
#include <gtest/gtest.h>

#include <cmath>

#include "test_model.hpp"

namespace samspel::model {
namespace {

using testing::TestModel;

TEST(Succession, SuccessorResetsPersonTrustButKeepsRoleTrustAndTheAgreement) {
  Parameters p;
  p.strategy.foundation = Foundation::roles;
  TestModel m(p);
  State& s = m.s();
  Relation& r = s.relations[kKsoCeo];
  r.person_trust = 0.9;
  r.closeness = 0.7;
  r.lockins = 2;
  r.months_together = 50;
  r.role_trust = 0.8;
  r.agreement = Agreement{true, true, 0.9, 0.4, 0.4, 30};
  r.openness = 0.6;
  r.forming = false;
  s.actors[kCeo].role_conception = 0.7;
  s.step = 60;
  replace_ceo(s, m.ctx(), ExitReason::cooperation);
  EXPECT_DOUBLE_EQ(r.person_trust, p.model.trust_new);
  EXPECT_DOUBLE_EQ(r.closeness, 0);
  EXPECT_DOUBLE_EQ(r.lockins, 2);  // the locked issues remain between the two sides
  EXPECT_EQ(r.months_together, 0);
  EXPECT_TRUE(r.forming);
  EXPECT_DOUBLE_EQ(r.role_trust, 0.8);
  EXPECT_TRUE(r.agreement.exists);
  EXPECT_DOUBLE_EQ(r.agreement.clarity, 0.9);
  EXPECT_DOUBLE_EQ(r.agreement.boundary, 0.4);
  EXPECT_DOUBLE_EQ(r.openness, 0.6);
  EXPECT_EQ(s.actors[kCeo].person, 2U);
  EXPECT_DOUBLE_EQ(s.actors[kCeo].role_conception, p.model.rho_standard);
  // The CEO's other pairs are new too; pairs without the CEO are untouched.
  EXPECT_DOUBLE_EQ(s.relations[ceo_head_pair(0)].person_trust, p.model.trust_new);
  EXPECT_NE(s.relations[kKsoOpposition].person_trust, p.model.trust_new);
}

TEST(Succession, CeoExitIsRecordedWithItsReason) {
  TestModel m;
  State& s = m.s();
  s.step = 10;
  replace_ceo(s, m.ctx(), ExitReason::cooperation);
  s.step = 20;
  replace_ceo(s, m.ctx(), ExitReason::other);
  EXPECT_EQ(s.summary.ceo_changes, 2);
  EXPECT_EQ(s.summary.ceo_exits_cooperation, 1);
  EXPECT_EQ(s.summary.ceo_exits_other, 1);
  EXPECT_EQ(s.summary.ceo_exits_new_majority, 0);
  ASSERT_EQ(s.summary.changes.size(), 2U);
  EXPECT_EQ(s.summary.changes[0].seat, Seat::ceo);
  EXPECT_EQ(s.summary.changes[0].reason, ExitReason::cooperation);
  EXPECT_EQ(s.summary.changes[0].step, 10);
  EXPECT_EQ(s.summary.changes[1].reason, ExitReason::other);
}

TEST(Succession, MajorityShiftMakesTheOldKsoOppositionsradAndReplacesTheChairs) {
  Parameters p;
  p.model.dismissal_base = 1;  // the new majority always lets the CEO go
  TestModel m(p);
  State& s = m.s();
  const Beliefs old_kso = s.actors[kKso].beliefs;
  const std::uint32_t chair = s.actors[chair_seat(0)].person;
  shift_majority(s, m.ctx());
  EXPECT_EQ(s.ruling, Bloc::b);
  EXPECT_EQ(s.terms_in_power, 1);
  EXPECT_EQ(s.summary.majority_shifts, 1);
  EXPECT_EQ(s.actors[kOpposition].beliefs.value, old_kso.value);
  EXPECT_EQ(s.actors[kOpposition].beliefs.known, old_kso.known);
  EXPECT_EQ(s.actors[kKso].person, 2U);
  EXPECT_EQ(s.actors[chair_seat(0)].person, chair + 1);
  EXPECT_EQ(s.summary.ceo_exits_new_majority, 1);
  EXPECT_EQ(s.summary.kso_changes, 1);
}

// A new majority lets the kommunchef go with probability q0, however close the CEO was to the
// old KSO (the report says only that grown-together roles make it hard for a successor, p. 14).
TEST(Succession, NewMajorityDismissesTheCeoWithItsOwnProbability) {
  Parameters p;
  p.model.dismissal_base = 0.3;
  constexpr int kRuns = 2000;
  for (const double closeness : {0.0, 1.0}) {
    int dismissed = 0;
    for (int i = 0; i < kRuns; ++i) {
      TestModel m(p, {}, {2010, 1}, 1, static_cast<std::uint64_t>(i));
      m.s().relations[kKsoCeo].closeness = closeness;
      shift_majority(m.s(), m.ctx());
      dismissed += m.s().summary.ceo_exits_new_majority;
    }
    EXPECT_NEAR(static_cast<double>(dismissed) / kRuns, 0.3, 4 * std::sqrt(0.3 * 0.7 / kRuns));
  }
}

TEST(Succession, NewcomersBringProfessionalOrPartyBeliefs) {
  Parameters p;
  p.model.professional_knowledge = 1;
  p.model.programme_fidelity = 1;
  TestModel m(p);
  State& s = m.s();
  const Derived& d = m.ctx().derived;
  seat_newcomer(s, m.ctx(), head_seat(0));
  EXPECT_EQ(matching(s.actors[head_seat(0)].beliefs, s.environment, d.sector_dims[0]),
            d.sector_dims[0]);
  seat_newcomer(s, m.ctx(), kKso);
  const Beliefs& programme = s.programmes[static_cast<int>(s.ruling)];
  EXPECT_EQ(s.actors[kKso].beliefs.value & d.all_dims, programme.value & d.all_dims);
}

}  // namespace
}  // namespace samspel::model
