// Process 6: socialisation and code learning (March 1991).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <vector>

#include "test_model.hpp"

namespace samspel::model {
namespace {

using testing::quiet_ideas;
using testing::TestModel;

int differing(const State& s, const Derived& d) {
  int n = 0;
  for (int i = 0; i < d.seat_count; ++i) {
    n += std::popcount(differs_from_code(s.actors[d.seats[i]].beliefs, s.code, d.all_dims));
  }
  return n;
}

TEST(Ideas, FullSocialisationConvergesEveryBeliefToTheCode) {
  Parameters p = quiet_ideas();
  p.model.socialisation_rate = 1;
  TestModel m(p);
  ASSERT_GT(differing(m.s(), m.ctx().derived), 0);
  develop_ideas(m.s(), m.ctx());
  EXPECT_EQ(differing(m.s(), m.ctx().derived), 0);
}

TEST(Ideas, WithoutSocialisationBeliefsStay) {
  TestModel m(quiet_ideas());
  const int before = differing(m.s(), m.ctx().derived);
  develop_ideas(m.s(), m.ctx());
  EXPECT_EQ(differing(m.s(), m.ctx().derived), before);
}

// Socialisation is drawn for all seats together by thinning: every seat must still adopt the
// code on each dimension where it differs with its own p1 (1 + s_close * mean closeness),
// independently (checked by the share of months in which a seat adopts nothing).
TEST(Ideas, EachSeatIsSocialisedAtItsOwnRate) {
  Parameters p = quiet_ideas();
  p.model.socialisation_rate = 0.02;
  p.model.closeness_socialisation = 3;
  TestModel m(p);
  State& s = m.s();
  const Derived& d = m.ctx().derived;
  s.code = {d.all_dims, d.all_dims};
  std::array<double, kMaxActors> closeness{};
  std::array<int, kMaxActors> pairs{};
  int n = 0;
  for (const int i : working_relations(d)) {
    Relation& r = s.relations[i];
    r.closeness = 0.1 * (n++ % 8);
    for (const int seat : {r.first, r.second}) {
      closeness[seat] += r.closeness;
      pairs[seat] += 1;
    }
  }
  const int runs = 20000;
  std::array<long, kMaxActors> adopted{};
  std::array<long, kMaxActors> nothing{};
  for (int t = 0; t < runs; ++t) {
    for (const int seat : occupied_seats(d))
      s.actors[seat].beliefs = {};
    develop_ideas(s, m.ctx());
    for (const int seat : occupied_seats(d)) {
      const int count = std::popcount(s.actors[seat].beliefs.known);
      adopted[seat] += count;
      nothing[seat] += count == 0 ? 1 : 0;
    }
  }
  for (const int seat : occupied_seats(d)) {
    const double rate = 0.02 * (1 + 3 * closeness[seat] / pairs[seat]);
    const double trials = static_cast<double>(runs) * d.dimensions;
    EXPECT_NEAR(adopted[seat] / trials, rate, 4 * std::sqrt(rate * (1 - rate) / trials))
        << "seat " << seat;
    const double none = std::pow(1 - rate, d.dimensions);
    EXPECT_NEAR(static_cast<double>(nothing[seat]) / runs, none,
                4 * std::sqrt(none * (1 - none) / runs))
        << "seat " << seat;
  }
}

// Closeness speeds socialisation: p1 (1 + s_close * closeness).
TEST(Ideas, CloseLeadershipsConvergeFaster) {
  Parameters p = quiet_ideas();
  p.model.socialisation_rate = 0.05;
  TestModel distant(p);
  TestModel close(p);
  for (auto& r : distant.s().relations)
    r.closeness = 0;
  for (auto& r : close.s().relations)
    r.closeness = 1;
  for (int i = 0; i < 5; ++i) {
    develop_ideas(distant.s(), distant.ctx());
    develop_ideas(close.s(), close.ctx());
  }
  EXPECT_LT(differing(close.s(), close.ctx().derived),
            differing(distant.s(), distant.ctx().derived));
}

// The code takes the superior group's majority: here three participants who know dimension 0
// better than the code; with p2 = 1 the code adopts their view.
// The inputs from the environment are drawn together by thinning: each seat, politician
// meeting residents, head and programme must still take a belief with its own probability,
// independently. Every actor starts with no position, so any belief taken shows.
TEST(Ideas, InputsFromTheEnvironmentHappenAtTheirOwnRates) {
  Parameters p = quiet_ideas();
  p.model.outside_input_rate = 0.2;
  p.strategy.outside_input = 0.5;  // 0.1 per seat at full openness
  p.model.citizen_input_rate = 0.16;
  p.model.professional_learning = 0.03;
  p.model.programme_renewal = 0.07;
  TestModel m(p);
  State& s = m.s();
  const Derived& d = m.ctx().derived;
  s.environment = {d.all_dims, d.all_dims};
  for (auto& r : s.relations)
    r.openness = 0.5;
  for (const int seat : occupied_seats(d))
    s.actors[seat].citizen_time = 0.25 * p.model.citizen_time_max;  // share 1/4
  const int runs = 40000;
  std::vector<long> took(kMaxActors + 2, 0);
  for (int t = 0; t < runs; ++t) {
    for (const int seat : occupied_seats(d))
      s.actors[seat].beliefs = {};
    s.programmes = {};
    develop_ideas(s, m.ctx());
    for (const int seat : occupied_seats(d))
      took[seat] += s.actors[seat].beliefs.known != 0 ? 1 : 0;
    for (int b = 0; b < 2; ++b)
      took[kMaxActors + b] += s.programmes[b].known != 0 ? 1 : 0;
  }
  // Mean openness is that of the seat's politician-civil servant pairs (1 without any).
  const auto outside = [&](int seat) { return seat == kOpposition ? 0.1 : 0.05; };
  const double citizen = 0.16 * 0.25 * 0.5;
  const auto check = [&](int index, double expected) {
    const double se = std::sqrt(expected * (1 - expected) / runs);
    EXPECT_NEAR(static_cast<double>(took[index]) / runs, expected, 4 * se) << "index " << index;
  };
  for (const int seat : occupied_seats(d)) {
    double none = 1 - outside(seat);
    if (seat == kKso || (seat >= chair_seat(0) && seat < chair_seat(d.committees))) {
      none *= 1 - citizen;
    }
    for (int h = 0; h < d.departments; ++h) {
      if (seat == head_seat(h) && d.regulated_dims[h] != 0) none *= 1 - 0.03;
    }
    check(seat, 1 - none);
  }
  check(kMaxActors, 0.07);
  check(kMaxActors + 1, 0.07);
}

// Talk carries ideas (report p. 18, 25-26): a seat whose pairs have not talked for a while takes
// outside input at its pairs' openness times what is left of their last conversation.
TEST(Ideas, PairsThatStopTalkingTakeFewerIdeasFromOutside) {
  Parameters p = quiet_ideas();
  p.model.outside_input_rate = 0.4;
  p.strategy.outside_input = 0.5;  // 0.2 per seat at full receptiveness
  p.model.communication_horizon = 6;
  TestModel m(p);
  State& s = m.s();
  const Derived& d = m.ctx().derived;
  s.environment = {d.all_dims, d.all_dims};
  s.step = 12;
  for (auto& r : s.relations)
    r.last_talk = 6;  // six months ago: exp(-1) of the talk is left
  const int runs = 20000;
  long took = 0;
  for (int t = 0; t < runs; ++t) {
    s.actors[kCeo].beliefs = {};
    develop_ideas(s, m.ctx());
    took += s.actors[kCeo].beliefs.known != 0 ? 1 : 0;
  }
  const double expected = 0.2 * std::exp(-1.0);
  EXPECT_NEAR(static_cast<double>(took) / runs, expected,
              4 * std::sqrt(expected * (1 - expected) / runs));
}

TEST(CodeLearning, CodeAdoptsTheSuperiorMajority) {
  TestModel m(quiet_ideas());
  State& s = m.s();
  const Mask all = m.ctx().derived.all_dims;
  s.environment = {all, all};      // +1 everywhere
  s.code = {all, all & ~Mask{1}};  // wrong on dimension 0 only
  for (const int seat : {kKso, kCeo, kOpposition})
    s.actors[seat].beliefs = {all, all};
  const int participants[] = {kKso, kCeo, kOpposition};
  learn_code(s, participants, all, 1.0, m.ctx().rng(Stream::ideas));
  EXPECT_EQ(s.code.value & 1, 1U);
}

// Everyday learning draws all groups together by thinning. Each dimension must still move
// independently with probability 1 - (1 - p2)^|margin| of its own group: here group A (KSO,
// CEO, p2 = 0.03) on dimensions 0-5 and group B (chair 0 and head 0, p2 = 0.08) on 6-9.
TEST(CodeLearning, GroupsLearnWithTheirOwnRatesWhenDrawnTogether) {
  TestModel m(quiet_ideas());
  State& s = m.s();
  const Mask all = m.ctx().derived.all_dims;
  const Mask a_dims = low_bits(6);
  const Mask b_dims = low_bits(10) & ~a_dims;
  s.environment = {all, all};  // +1 everywhere
  s.code = {all, 0};           // -1 everywhere: every participant below is superior
  // Group A: both +1 on 0-2 (margin 2), only the KSO on 3-5 (margin 1).
  s.actors[kKso].beliefs = {a_dims, a_dims};
  s.actors[kCeo].beliefs = {low_bits(3), low_bits(3)};
  // Group B: both +1 on 6-7 (margin 2); +1 against -1 on 8-9 (tie: never moves).
  s.actors[chair_seat(0)].beliefs = {b_dims, b_dims};
  s.actors[head_seat(0)].beliefs = {b_dims, low_bits(8) & ~a_dims};
  const int a_seats[] = {kKso, kCeo};
  const int b_seats[] = {chair_seat(0), head_seat(0)};
  const LearningGroup groups[] = {{a_seats, a_dims, 0.03}, {b_seats, b_dims, 0.08}};
  const Beliefs start = s.code;
  engine::Rng rng(5);
  const int runs = 100000;
  std::array<long, 10> moved{};
  long both = 0;
  for (int t = 0; t < runs; ++t) {
    s.code = start;
    learn_code_in_groups(s, groups, rng);
    for (int d = 0; d < 10; ++d)
      moved[d] += (s.code.value >> d) & 1U;
    both += (s.code.value & 0b0100'0001) == 0b0100'0001 ? 1 : 0;
    ASSERT_EQ(s.code.value & ~low_bits(8), 0U);
  }
  const auto rate = [](double p2, int margin) { return 1 - std::pow(1 - p2, margin); };
  const std::array<double, 10> expected{rate(0.03, 2),
                                        rate(0.03, 2),
                                        rate(0.03, 2),
                                        rate(0.03, 1),
                                        rate(0.03, 1),
                                        rate(0.03, 1),
                                        rate(0.08, 2),
                                        rate(0.08, 2),
                                        0,
                                        0};
  for (int d = 0; d < 10; ++d) {
    const double p = expected[d];
    const double se = std::sqrt(std::max(p * (1 - p), 1e-12) / runs);
    EXPECT_NEAR(static_cast<double>(moved[d]) / runs, p, 4 * se) << "dimension " << d;
  }
  // Independent across groups: dimensions 0 and 6 move together with the product.
  const double joint = expected[0] * expected[6];
  EXPECT_NEAR(static_cast<double>(both) / runs, joint, 4 * std::sqrt(joint * (1 - joint) / runs));
}

TEST(CodeLearning, ParticipantsWhoKnowLessTeachNothing) {
  TestModel m(quiet_ideas());
  State& s = m.s();
  const Mask all = m.ctx().derived.all_dims;
  s.environment = {all, all};
  s.code = {all, all & ~Mask{1}};
  for (const int seat : {kKso, kCeo})
    s.actors[seat].beliefs = {all, Mask{1}};  // worse fit
  const Beliefs before = s.code;
  const int participants[] = {kKso, kCeo};
  learn_code(s, participants, all, 1.0, m.ctx().rng(Stream::ideas));
  EXPECT_EQ(s.code.value, before.value);
}

TEST(CodeLearning, NoLearningWhenP2IsZero) {
  TestModel m(quiet_ideas());
  State& s = m.s();
  const Mask all = m.ctx().derived.all_dims;
  s.environment = {all, all};
  s.code = {all, 0};
  for (const int seat : {kKso, kCeo})
    s.actors[seat].beliefs = {all, all};
  const int participants[] = {kKso, kCeo};
  learn_code(s, participants, all, 0.0, m.ctx().rng(Stream::ideas));
  EXPECT_EQ(s.code.value, 0U);
}

}  // namespace
}  // namespace samspel::model

namespace samspel::model {
namespace {

// The bit-sliced count of differing pairs equals the pairwise count.
TEST(Ideas, DisagreeingPairsMatchesThePairwiseCount) {
  engine::Rng rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    const int n = 1 + static_cast<int>(rng.below(27));
    const Mask dims = low_bits(1 + static_cast<int>(rng.below(64)));
    std::vector<Beliefs> b(static_cast<std::size_t>(n));
    for (auto& x : b)
      x = {rng.next(), rng.next()};
    long pairwise = 0;
    for (int i = 0; i < n; ++i) {
      for (int j = i + 1; j < n; ++j)
        pairwise += std::popcount(disagreement(b[i], b[j], dims));
    }
    EXPECT_EQ(disagreeing_pairs(
                  n, [&](int i) -> const Beliefs& { return b[i]; }, dims),
              pairwise);
  }
}

// Kept from call to call, the tally gives the recount's result whichever believers changed,
// and starts afresh when the believers or dimensions it is asked about change.
TEST(Ideas, DisagreementTallyMatchesTheRecountMonthAfterMonth) {
  engine::Rng rng(12);
  DisagreementTally<kMaxActors> tally;
  std::vector<Beliefs> b(kMaxActors);
  for (auto& x : b)
    x = {rng.next(), rng.next()};
  int n = 15;
  Mask dims = low_bits(30);
  for (int month = 0; month < 500; ++month) {
    if (month % 100 == 99) {
      n = 1 + static_cast<int>(rng.below(kMaxActors));
      dims = low_bits(1 + static_cast<int>(rng.below(64)));
    }
    // A few believers change a position or two; now and then one is replaced altogether.
    for (int changes = static_cast<int>(rng.below(5)); changes > 0; --changes) {
      Beliefs& x = b[rng.below(static_cast<std::uint32_t>(n))];
      if (rng.bernoulli(0.2)) {
        x = {rng.next(), rng.next()};
      } else {
        const Mask dim = Mask{1} << rng.below(64);
        x.known ^= rng.bernoulli(0.5) ? dim : 0;
        x.value ^= dim;
      }
    }
    const auto beliefs_of = [&](int i) -> const Beliefs& { return b[i]; };
    ASSERT_EQ(tally.pairs(n, beliefs_of, dims), disagreeing_pairs(n, beliefs_of, dims))
        << "month " << month;
  }
}

}  // namespace
}  // namespace samspel::model
