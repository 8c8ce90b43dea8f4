// Process 4: role transgressions are handled (enrich) or locked in (cost trust).
#include <gtest/gtest.h>

#include <cmath>

#include "test_model.hpp"

namespace samspel::model {
namespace {

using testing::TestModel;

// A lock-in costs person trust exactly lockin_trust_loss and role trust w times that; a
// handled transgression adds handled_trust_gain to person trust.
TEST(Transgressions, TrustMovesByTheStatedAmounts) {
  Parameters p;
  p.model.transgression_base_rate = 0.5;  // enough events for both outcomes, too few to clamp
  p.model.exchange_probability = 0;
  TestModel m(p);
  State& s = m.s();
  allocate_time(s, m.ctx());
  int handled = 0;
  int locked = 0;
  for (int month = 0; month < 20 && (handled == 0 || locked == 0); ++month) {
    Relation& r = s.relations[kKsoCeo];
    r.person_trust = 0.5;
    r.role_trust = 0.5;
    r.lockins = 0;
    const Relation before = r;
    handle_transgressions(s, m.ctx());
    const double w = m.ctx().derived.role_weight;
    EXPECT_EQ(r.transgressions, r.handled + r.locked);
    // Trust stays inside (0, 1) here, so nothing is clamped and the identities are exact
    // whatever the order of the events.
    EXPECT_NEAR(r.person_trust - before.person_trust,
                r.handled * p.model.handled_trust_gain - r.locked * p.model.lockin_trust_loss,
                1e-12);
    EXPECT_NEAR(r.role_trust - before.role_trust, -w * r.locked * p.model.lockin_trust_loss, 1e-12);
    EXPECT_DOUBLE_EQ(r.lockins, r.locked);
    handled += r.handled;
    locked += r.locked;
  }
  EXPECT_GT(handled, 0);
  EXPECT_GT(locked, 0);
}

// Trust gained in a handled transgression goes to the roles as far as the pair has talked them
// through (the agreement's clarity, if enacted), the rest to the two people (report p. 13, 20).
TEST(Transgressions, HandledTransgressionsUnderTalkedThroughRolesBuildRoleTrust) {
  Parameters p;
  p.model.transgression_base_rate = 0.5;
  p.model.exchange_probability = 0;
  p.model.lockin_trust_loss = 0;
  TestModel m(p);
  State& s = m.s();
  allocate_time(s, m.ctx());
  Relation& r = s.relations[kKsoCeo];
  r.agreement = Agreement{true, true, 0.8, 0, 0.2, 0};
  int handled = 0;
  for (int month = 0; month < 50; ++month) {
    r.person_trust = r.role_trust = 0.5;
    handle_transgressions(s, m.ctx());
    EXPECT_NEAR(r.role_trust - 0.5, r.handled * p.model.handled_trust_gain * 0.8, 1e-12);
    EXPECT_NEAR(r.person_trust - 0.5, r.handled * p.model.handled_trust_gain * 0.2, 1e-12);
    handled += r.handled;
  }
  EXPECT_GT(handled, 0);
}

// Handled with probability T (1/2 + comm/2): with trust 0 every event locks in; with full trust
// and a conversation this month every event is handled.
TEST(Transgressions, TrustAndCommunicationDecideTheOutcome) {
  Parameters p;
  p.model.transgression_base_rate = 1;
  p.model.handled_trust_gain = 0;
  p.model.lockin_trust_loss = 0;
  TestModel m(p);
  State& s = m.s();
  allocate_time(s, m.ctx());
  Relation& r = s.relations[kKsoCeo];
  long events = 0;
  for (int i = 0; i < 50; ++i) {
    r.person_trust = r.role_trust = 0;
    handle_transgressions(s, m.ctx());
    EXPECT_EQ(r.handled, 0);
    events += r.transgressions;
  }
  EXPECT_GT(events, 0);
  r.agreement.clarity = 1;
  for (int i = 0; i < 50; ++i) {
    r.person_trust = r.role_trust = 1;
    r.last_talk = s.step;
    handle_transgressions(s, m.ctx());
    EXPECT_EQ(r.locked, 0);
  }
}

// Transgressions cannot be avoided (report p. 14): the grey zone alone produces them even with
// no cases, no influence seeking and matching role conceptions.
TEST(Transgressions, ArriseFromTheGreyZoneAlone) {
  Parameters p;
  p.model.case_load = 0;
  p.model.ceo_influence_seeking = 0;
  p.model.head_influence_seeking = 0;
  TestModel m(p);
  allocate_time(m.s(), m.ctx());
  long events = 0;
  constexpr int kMonths = 400;
  for (int i = 0; i < kMonths; ++i) {
    handle_transgressions(m.s(), m.ctx());
    events += m.s().relations[kKsoCeo].transgressions;
  }
  // Two directions at the base rate: Poisson with mean 2 * base per month.
  const double expected = 2 * p.model.transgression_base_rate * kMonths;
  EXPECT_NEAR(events, expected, 4 * std::sqrt(expected));
}

// A gap between one's role conception and what the other accepts raises the rate.
TEST(Transgressions, RoleGapRaisesTheRate) {
  Parameters p;
  p.model.lockin_trust_loss = 0;
  p.model.handled_trust_gain = 0;
  TestModel same(p);
  TestModel gap(p);
  allocate_time(same.s(), same.ctx());
  allocate_time(gap.s(), gap.ctx());
  gap.s().actors[kKso].role_conception = 0.8;  // grew together with a CEO who has since left
  long a = 0;
  long b = 0;
  for (int i = 0; i < 2000; ++i) {
    handle_transgressions(same.s(), same.ctx());
    handle_transgressions(gap.s(), gap.ctx());
    a += same.s().relations[kKsoCeo].transgressions;
    b += gap.s().relations[kKsoCeo].transgressions;
  }
  EXPECT_GT(b, 1.5 * a);
}

// A close pair that has not talked for years handles transgressions on what it knows of the
// other (report p. 26): closeness counts as communication as far as it substitutes for talk,
// so the handled share is T (1/2 + sigma/2) with sigma = substitution_max * closeness * (1 - w).
TEST(Transgressions, ClosenessStandsInForTalkAsFarAsItReplacesIt) {
  Parameters p;
  p.model.transgression_base_rate = 1;
  p.model.handled_trust_gain = 0;
  p.model.lockin_trust_loss = 0;
  for (const double closeness : {0.0, 1.0}) {
    TestModel m(p);
    State& s = m.s();
    allocate_time(s, m.ctx());
    Relation& r = s.relations[kKsoCeo];
    r.agreement.clarity = 1;
    // Only months with a single event: a handled event counts as talk for the next one.
    long events = 0;
    long handled = 0;
    for (int i = 0; i < 10'000; ++i) {
      r.person_trust = r.role_trust = 1;  // T = 1
      r.closeness = closeness;
      r.last_talk = s.step - 100'000;  // comm = 0
      handle_transgressions(s, m.ctx());
      if (r.transgressions != 1) continue;
      events += 1;
      handled += r.handled;
    }
    const double sigma = p.model.substitution_max * closeness * (1 - m.ctx().derived.role_weight);
    const double expected = 0.5 + 0.5 * sigma;
    const double se = std::sqrt(expected * (1 - expected) / static_cast<double>(events));
    ASSERT_GT(events, 1000);
    EXPECT_NEAR(static_cast<double>(handled) / static_cast<double>(events), expected, 4 * se)
        << "closeness " << closeness;
  }
}

}  // namespace
}  // namespace samspel::model
