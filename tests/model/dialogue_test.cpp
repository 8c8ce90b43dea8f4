// Process 5: role dialogues and forums.
#include <gtest/gtest.h>

#include "test_model.hpp"

namespace samspel::model {
namespace {

using testing::TestModel;

Parameters with_dialogue(RoleDialogue d, Foundation f = Foundation::chemistry) {
  Parameters p;
  p.strategy.role_dialogue = d;
  p.strategy.foundation = f;
  p.strategy.arena_interval_months = 0;
  return p;
}

TEST(Dialogue, AtStartCreatesTheAgreementWhenThePairForms) {
  const Parameters p = with_dialogue(RoleDialogue::at_start);
  TestModel m(p);
  State& s = m.s();
  const Relation& r = s.relations[kKsoCeo];
  EXPECT_FALSE(r.agreement.exists);  // chemistry: no written role descriptions
  s.actors[kKso].role_conception = 0.6;
  s.actors[kCeo].role_conception = 0.4;
  s.relations[kKsoCeo].openness = 0.3;
  hold_dialogues(s, m.ctx());
  const auto& k = p.model;
  const double boundary =
      k.dialogue_norm_anchor * k.rho_standard + (1 - k.dialogue_norm_anchor) * 0.5;
  EXPECT_TRUE(r.agreement.exists);
  EXPECT_DOUBLE_EQ(r.agreement.boundary, boundary);
  EXPECT_DOUBLE_EQ(r.agreement.clarity, k.dialogue_clarity_gain);
  EXPECT_DOUBLE_EQ(s.actors[kKso].role_conception, boundary);
  EXPECT_DOUBLE_EQ(s.actors[kCeo].role_conception, boundary);
  EXPECT_DOUBLE_EQ(r.openness, 1);
  EXPECT_DOUBLE_EQ(r.role_trust,
                   k.role_trust_initial + k.dialogue_role_trust_gain * (1 - k.role_trust_initial));
  EXPECT_FALSE(r.forming);
  // Never again while the same two hold the seats.
  s.step = 100;
  const double clarity = r.agreement.clarity;
  hold_dialogues(s, m.ctx());
  EXPECT_EQ(r.agreement.last_renewal, 0);
  EXPECT_DOUBLE_EQ(r.agreement.clarity, clarity);
}

// The longer-serving member carries the order: a newcomer meeting an incumbent takes the
// incumbent's conception, anchored toward the standard roles (report p. 20-21).
TEST(Dialogue, ANewcomerMeetsTheEstablishedOrder) {
  const Parameters p = with_dialogue(RoleDialogue::at_start);
  TestModel m(p);
  State& s = m.s();
  s.actors[kKso].role_conception = 0.6;
  s.actors[kKso].tenure = 48;
  s.actors[kCeo].role_conception = p.model.rho_standard;
  s.actors[kCeo].tenure = 0;
  hold_dialogues(s, m.ctx());
  const auto& k = p.model;
  const double boundary =
      k.dialogue_norm_anchor * k.rho_standard + (1 - k.dialogue_norm_anchor) * 0.6;
  EXPECT_DOUBLE_EQ(s.relations[kKsoCeo].agreement.boundary, boundary);
  EXPECT_DOUBLE_EQ(s.actors[kCeo].role_conception, boundary);
}

TEST(Dialogue, RecurringRenewsEveryPeriod) {
  Parameters p = with_dialogue(RoleDialogue::recurring, Foundation::roles);
  p.strategy.role_dialogue_period = 12;
  TestModel m(p);
  State& s = m.s();
  const Relation& r = s.relations[kKsoCeo];
  EXPECT_TRUE(r.agreement.exists);  // written role descriptions
  EXPECT_DOUBLE_EQ(r.agreement.clarity, p.model.written_clarity);
  hold_dialogues(s, m.ctx());
  EXPECT_EQ(r.agreement.last_renewal, 0);
  s.step = 11;
  hold_dialogues(s, m.ctx());
  EXPECT_EQ(r.agreement.last_renewal, 0);
  s.step = 12;
  hold_dialogues(s, m.ctx());
  EXPECT_EQ(r.agreement.last_renewal, 12);
}

TEST(Dialogue, NoDialogueLeavesTheAgreementAlone) {
  TestModel m(with_dialogue(RoleDialogue::none));
  hold_dialogues(m.s(), m.ctx());
  EXPECT_FALSE(m.s().relations[kKsoCeo].agreement.exists);
  EXPECT_DOUBLE_EQ(m.s().relations[kKsoCeo].agreement.clarity, 0);
}

// Communication substitution: a forum is skipped with probability
// substitution_max * mean closeness * (1 - w).
TEST(Dialogue, CloseLeadershipsSkipForumsThatRoleBasedOnesHold) {
  Parameters p;
  p.strategy.arena_interval_months = 1;
  p.model.substitution_max = 1;
  p.strategy.private_socializing = 1;
  p.model.closeness_work = 1;
  p.model.weight_chemistry = 0;
  TestModel close(p);
  for (auto& r : close.s().relations)
    r.closeness = 1;
  hold_dialogues(close.s(), close.ctx());
  EXPECT_FALSE(close.s().forum_held);
  EXPECT_EQ(close.s().summary.forums_skipped, 1);

  p.model.substitution_max = 0;
  TestModel talking(p);
  const double trust_before = talking.s().relations[kKsoCeo].person_trust;
  talking.s().step = 5;
  hold_dialogues(talking.s(), talking.ctx());
  EXPECT_TRUE(talking.s().forum_held);
  EXPECT_EQ(talking.s().relations[kKsoCeo].last_talk, 5);
  EXPECT_NEAR(talking.s().relations[kKsoCeo].person_trust,
              std::min(1.0, trust_before + p.model.forum_trust_gain), 1e-12);
}

TEST(Dialogue, ForumsFollowTheInterval) {
  Parameters p;
  p.strategy.arena_interval_months = 6;
  p.model.substitution_max = 0;
  TestModel m(p);
  int held = 0;
  for (int step = 0; step < 24; ++step) {
    m.s().step = step;
    hold_dialogues(m.s(), m.ctx());
    held += m.s().forum_held ? 1 : 0;
  }
  EXPECT_EQ(held, 4);
}

TEST(Dialogue, OppositionTakesPartOnlyWhenInvited) {
  Strategy s;
  EXPECT_FALSE(takes_part_in_forum(kOpposition, s));
  EXPECT_TRUE(takes_part_in_forum(kCeo, s));
  s.arena_includes_opposition = true;
  EXPECT_TRUE(takes_part_in_forum(kOpposition, s));
}

}  // namespace
}  // namespace samspel::model
