// Process 7: trust, closeness, agreements and roles growing together.
#include <gtest/gtest.h>

#include <cmath>

#include "samspel/model/conduct.hpp"
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

// Trust is earned by conduct (report p. 20): role trust settles at the pair's conduct, person
// trust at the same conduct lifted by closeness (chemistry).
TEST(Relations, TrustSettlesAtWhatConductEarnsAndClosenessLifts) {
  Parameters p;
  p.strategy.private_socializing = 1;  // closeness level 1
  TestModel m(p);
  State& s = m.s();
  s.actors[kKso].vision_time = 0.6;
  s.actors[kKso].case_time = 0.2;        // conduct 0.75
  s.actors[kCeo].influence_time = 0.15;  // conduct 0.85
  Relation& r = s.relations[kKsoCeo];
  r.closeness = 1;
  r.person_trust = 0;
  r.role_trust = 0;
  for (int i = 0; i < 4000; ++i)
    update_relations(s, m.ctx());
  const double earned = 0.5 * (0.75 + 0.85);
  EXPECT_NEAR(pair_conduct(s, r), earned, 1e-12);
  EXPECT_NEAR(r.role_trust, earned, 1e-6);
  EXPECT_NEAR(r.person_trust, earned + (1 - earned) * p.model.closeness_trust, 1e-6);
  EXPECT_NEAR(r.closeness, 1, 1e-9);
}

// Poor conduct lowers the trust a pair settles at: a kommunchef who steers politics is trusted
// less than one who keeps to the role (report p. 13, 20).
TEST(Relations, PoorConductIsTrustedLess) {
  auto settle = [](double influence) {
    TestModel m;
    m.s().actors[kKso].vision_time = 0.5;
    m.s().actors[kCeo].influence_time = influence;
    for (int i = 0; i < 2000; ++i)
      update_relations(m.s(), m.ctx());
    return m.s().relations[kKsoCeo];
  };
  const Relation good = settle(0.05);
  const Relation poor = settle(0.4);
  EXPECT_NEAR(good.role_trust - poor.role_trust, 0.5 * 0.35, 1e-6);
  EXPECT_GT(good.person_trust, poor.person_trust + 0.05);
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

// Roles grow together at role_merge_rate * closeness^2 toward full overlap, between the KSO and
// the kommunchef only (report p. 14).
TEST(Relations, CloseKsoAndCeoGrowTogetherDistantOnesHardly) {
  Parameters p;
  p.strategy.private_socializing = 1;  // closeness stays at 1 for the close pair
  TestModel close(p);
  close.s().relations[kKsoCeo].closeness = 1;
  const double rho = close.s().actors[kCeo].role_conception;
  update_relations(close.s(), close.ctx());
  const double close_step = close.s().actors[kCeo].role_conception - rho;
  EXPECT_NEAR(close_step, p.model.role_merge_rate * (1 - rho), 1e-12);
  EXPECT_NEAR(close.s().actors[kKso].role_conception - rho, close_step, 1e-12);

  TestModel distant;
  distant.s().relations[kKsoCeo].closeness = 0.2;
  update_relations(distant.s(), distant.ctx());
  const double distant_step = distant.s().actors[kCeo].role_conception - rho;
  EXPECT_GT(distant_step, 0);
  EXPECT_LT(distant_step, 0.1 * close_step);
}

TEST(Relations, ChairsAndHeadsDoNotGrowTogether) {
  Parameters p;
  p.strategy.private_socializing = 1;
  TestModel m(p);
  State& s = m.s();
  const double rho = s.actors[head_seat(0)].role_conception;
  s.relations[politician_head_pair(0)].closeness = 1;
  for (int i = 0; i < 24; ++i)
    update_relations(s, m.ctx());
  EXPECT_DOUBLE_EQ(s.actors[head_seat(0)].role_conception, rho);
  EXPECT_DOUBLE_EQ(s.actors[chair_seat(0)].role_conception, rho);
}

// A newcomer moves toward the order its longer-serving counterpart carries (report p. 20-21,
// 24); the incumbent does not move toward the newcomer.
TEST(Relations, NewcomersAdaptToTheEstablishedOrder) {
  Parameters p;
  p.model.role_merge_rate = 0;
  TestModel m(p);
  State& s = m.s();
  s.actors[chair_seat(0)].tenure = 60;
  s.actors[chair_seat(0)].role_conception = 0.6;
  s.actors[head_seat(0)].tenure = 0;
  s.actors[head_seat(0)].role_conception = 0.2;
  update_relations(s, m.ctx());
  EXPECT_NEAR(s.actors[head_seat(0)].role_conception, 0.2 + p.model.order_adaptation * 0.4, 1e-12);
  EXPECT_DOUBLE_EQ(s.actors[chair_seat(0)].role_conception, 0.6);
  for (int i = 0; i < 600; ++i)
    update_relations(s, m.ctx());
  EXPECT_NEAR(s.actors[head_seat(0)].role_conception, 0.6, 1e-6);
}

}  // namespace
}  // namespace samspel::model
