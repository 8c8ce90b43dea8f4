// Process 7: trust, closeness, agreements and roles growing together.
#include <gtest/gtest.h>

#include <cmath>

#include "test_model.hpp"

namespace samspel::model {
namespace {

using testing::TestModel;

TEST(Relations, LockinsFadeWithTheirHalfLife) {
  Parameters p;
  p.model.lockin_half_life = 12;
  TestModel m(p);
  m.s().relations[kKsoCeo].lockins = 4;
  for (int i = 0; i < 12; ++i)
    update_relations(m.s(), m.ctx());
  EXPECT_NEAR(m.s().relations[kKsoCeo].lockins, 2, 1e-9);
}

TEST(Relations, PersonTrustRelaxesTowardTheBaselineThatClosenessLifts) {
  Parameters p;
  p.strategy.private_socializing = 1;  // closeness level 1
  TestModel m(p);
  Relation& r = m.s().relations[kKsoCeo];
  r.closeness = 1;
  r.person_trust = 0;
  for (int i = 0; i < 2000; ++i)
    update_relations(m.s(), m.ctx());
  const auto& k = p.model;
  EXPECT_NEAR(r.person_trust, k.trust_rest + (1 - k.trust_rest) * k.closeness_trust, 1e-6);
  EXPECT_NEAR(r.closeness, 1, 1e-9);
}

// A dialogue's clarity fades back to what the written descriptions give; an agreement talked
// through once hardens, written descriptions alone do not (report p. 27).
TEST(Relations, UnrenewedAgreementsLoseClarityAndTalkedThroughOnesHarden) {
  Parameters p;
  p.strategy.foundation = Foundation::roles;
  TestModel m(p);
  Relation& r = m.s().relations[kKsoCeo];
  const double written = p.model.written_clarity;
  m.s().step = 1;
  for (int i = 0; i < 48; ++i)
    update_relations(m.s(), m.ctx());
  EXPECT_DOUBLE_EQ(r.openness, 1);
  EXPECT_NEAR(r.agreement.clarity, written, 1e-12);

  r.agreement.enacted = true;
  r.agreement.clarity = 1;
  for (int i = 0; i < 48; ++i)
    update_relations(m.s(), m.ctx());
  const double keep = std::exp(-48 / p.model.clarity_decay);
  EXPECT_NEAR(r.openness, std::exp(-48 / p.model.rigidity_time), 1e-9);
  EXPECT_NEAR(r.agreement.clarity, written + (1 - written) * keep, 1e-9);
}

TEST(Relations, WithoutAnAgreementOpennessStaysFull) {
  TestModel m;  // chemistry, no dialogue
  for (int i = 0; i < 48; ++i)
    update_relations(m.s(), m.ctx());
  EXPECT_DOUBLE_EQ(m.s().relations[kKsoCeo].openness, 1);
}

// Roles grow together at role_merge_rate * closeness^2 toward full overlap (report p. 14).
TEST(Relations, CloseIncumbentsGrowTogetherDistantOnesHardly) {
  Parameters p;
  p.strategy.private_socializing = 1;  // closeness stays at 1 for the close pair
  TestModel close(p);
  close.s().relations[kKsoCeo].closeness = 1;
  const double rho = close.s().actors[kCeo].role_conception;
  update_relations(close.s(), close.ctx());
  const double close_step = close.s().actors[kCeo].role_conception - rho;
  EXPECT_NEAR(close_step, p.model.role_merge_rate * (1 - rho), 1e-12);

  TestModel distant;
  distant.s().relations[kKsoCeo].closeness = 0.2;
  update_relations(distant.s(), distant.ctx());
  const double distant_step = distant.s().actors[kCeo].role_conception - rho;
  EXPECT_GT(distant_step, 0);
  EXPECT_LT(distant_step, 0.1 * close_step);
}

}  // namespace
}  // namespace samspel::model
