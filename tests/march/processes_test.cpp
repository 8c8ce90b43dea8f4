// March's processes, each checked on hand-made states.
#include "samspel/march/processes.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>

namespace samspel::march {
namespace {

using ideas::low_bits;

// m = 4, reality +1 everywhere, the code as given, no individuals.
State small_state(Beliefs code) {
  State s;
  s.dims = low_bits(4);
  s.reality = {s.dims, s.dims};
  s.code = code;
  return s;
}

TEST(Socialisation, MovesOneStepTowardTheCode) {
  // The code: +1 on 0, -1 on 1, +1 on 2, 0 on 3. The individual: -1 on 0 (opposite), 0 on 1,
  // +1 on 2 (agrees), +1 on 3 (the code is silent there).
  State s = small_state({0b0111, 0b0101});
  s.individuals = {{0b1101, 0b1100}};
  engine::Rng rng(1);
  socialise(s, 1.0, rng);
  // Opposite -> 0, 0 -> the code's -1; the rest unchanged.
  EXPECT_EQ(s.individuals[0].known, 0b1110U);
  EXPECT_EQ(s.individuals[0].value & s.individuals[0].known, 0b1100U);
  socialise(s, 1.0, rng);
  // 0 -> the code's +1: now equal to the code wherever the code speaks.
  EXPECT_EQ(s.individuals[0].known, 0b1111U);
  EXPECT_EQ(s.individuals[0].value, 0b1101U);
  EXPECT_EQ(ideas::differs_from_code(s.individuals[0], s.code, s.dims), 0U);
}

TEST(Socialisation, NothingMovesWhenP1IsZero) {
  State s = small_state({0b1111, 0b1111});
  s.individuals = {{0b1111, 0}, {0, 0}};
  const auto before = s.individuals;
  engine::Rng rng(1);
  socialise(s, 0.0, rng);
  EXPECT_EQ(s.individuals, before);
}

TEST(CodeLearning, AdoptsTheSuperiorMajorityAtP2One) {
  // Fully known beliefs act without coin flips. The code holds +1 on 0 and 1 and nothing on 2
  // and 3: score 2 (right minus wrong; a 0 counts as neither). A: right everywhere (score 4);
  // B: wrong on 3 and C: wrong on 2 (score 2 each, not above the code); D: wrong everywhere
  // (-4). Only A is superior, and the code adopts A's +1 on 2 and 3.
  State s = small_state({0b0011, 0b0011});
  s.individuals = {{0b1111, 0b1111}, {0b1111, 0b0111}, {0b1111, 0b1011}, {0b1111, 0b0000}};
  engine::Rng action(1);
  engine::Rng learning(2);
  const ideas::MajorityVotes votes = superior_votes(s, action);
  EXPECT_EQ(votes.voters(), 1);  // A alone
  ideas::adopt_majority(s.code, votes, s.dims, 1.0, learning);
  EXPECT_EQ(s.code.known, 0b1111U);
  EXPECT_EQ(s.code.value, 0b1111U);
}

TEST(CodeLearning, HearsTheSuperiorGroupsActionsCoinFlipsIncluded) {
  // The code knows nothing (score 0). Every individual is right on 0-2 and holds 0 on 3, so it
  // scores 3 + (+1 or -1) > 0 whatever its coin: all are superior, and on dimension 3 each
  // votes the side its coin fell on. A code that heard beliefs would hear nobody on 3.
  State s = small_state({});
  s.individuals.assign(40, Beliefs{0b0111, 0b0111});
  engine::Rng action(3);
  const ideas::MajorityVotes votes = superior_votes(s, action);
  EXPECT_EQ(votes.voters(), 40);
  engine::Rng learning(4);
  ideas::adopt_majority(s.code, votes, s.dims, 1.0, learning);
  EXPECT_EQ(s.code.known & 0b0111U, 0b0111U);
  EXPECT_EQ(s.code.value & 0b0111U, 0b0111U);
  // 40 fair coins tie with probability about 0.125; this seed's do not, so the code took a
  // side on dimension 3 too.
  EXPECT_EQ(s.code.known, 0b1111U);
}

TEST(Action, ZeroBeliefsActAsCoinFlips) {
  // 64 dimensions all 0, reality -1 everywhere: the number right is Binomial(64, 1/2).
  State s;
  s.dims = low_bits(64);
  s.reality = {s.dims, 0};
  engine::Rng rng(5);
  const int draws = 2000;
  double sum = 0;
  for (int i = 0; i < draws; ++i)
    sum += std::popcount(~act(Beliefs{}, s.dims, rng));
  EXPECT_NEAR(sum / draws, 32, 4 * std::sqrt(16.0 / draws));
  // Known beliefs act on themselves; the score is right minus wrong.
  EXPECT_EQ(action_score(act({s.dims, 0}, s.dims, rng), s), 64);
  EXPECT_EQ(action_score(act({s.dims, s.dims}, s.dims, rng), s), -64);
}

TEST(Action, TheCodeIsScoredOnWhatItKnows) {
  // Reality +1 on 4 dimensions. Right on 0, wrong on 1, silent on 2 and 3: 1 - 1 = 0.
  EXPECT_EQ(code_score(small_state({0b0011, 0b0001})), 0);
  EXPECT_EQ(code_score(small_state({0b1111, 0b1111})), 4);
  EXPECT_EQ(code_score(small_state({})), 0);
}

TEST(Turnover, ReplacesEveryoneAtP3OneAndNobodyAtZero) {
  State s = small_state({});
  s.dims = low_bits(30);
  const Beliefs settled{s.dims, s.dims};
  s.individuals.assign(50, settled);
  engine::Rng rng(3);
  turn_over(s, 0.0, rng);
  for (const auto& b : s.individuals)
    EXPECT_EQ(b, settled);
  turn_over(s, 1.0, rng);
  // A newcomer holds +1 everywhere with probability 3^-30.
  for (const auto& b : s.individuals)
    EXPECT_NE(b, settled);
}

TEST(Turnover, NewcomersHoldEachPositionWithEqualProbability) {
  engine::Rng rng(4);
  const Mask dims = low_bits(60);
  const int draws = 500;
  double zeros = 0;
  double pluses = 0;
  for (int i = 0; i < draws; ++i) {
    const Beliefs b = random_beliefs(dims, rng);
    EXPECT_EQ(b.known & ~dims, 0U);
    zeros += 60 - std::popcount(b.known);
    pluses += std::popcount(b.known & b.value);
  }
  const double n = 60.0 * draws;
  const double tolerance = 4 * std::sqrt((1.0 / 3) * (2.0 / 3) / n);
  EXPECT_NEAR(zeros / n, 1.0 / 3, tolerance);
  EXPECT_NEAR(pluses / n, 1.0 / 3, tolerance);
}

TEST(Turbulence, FlipsEveryDimensionAtP4One) {
  State s = small_state({});
  engine::Rng rng(1);
  change_reality(s, 0.0, rng);
  EXPECT_EQ(s.reality.value, 0b1111U);
  change_reality(s, 1.0, rng);
  EXPECT_EQ(s.reality.value, 0U);
  EXPECT_EQ(s.reality.known, 0b1111U);
}

TEST(Equilibrium, OnlyWhenEveryoneHoldsTheCodeAndItHoldsEveryDimension) {
  State s = small_state({0b1111, 0b0001});
  s.individuals = {{0b1111, 0b0001}, {0b1111, 0b10001}};  // value bits outside dims ignored
  EXPECT_TRUE(at_equilibrium(s));
  s.individuals[1].value ^= 0b0100;  // one differs: socialisation can still move it
  EXPECT_FALSE(at_equilibrium(s));
  // Everyone agrees with a code that is silent on dimension 3: their coin flips there can
  // still beat the code and teach it.
  s = small_state({0b0111, 0b0001});
  s.individuals = {{0b0111, 0b0001}};
  EXPECT_FALSE(at_equilibrium(s));
}

TEST(Knowledge, IsTheShareOfDimensionsTheCodeGetsRight) {
  EXPECT_DOUBLE_EQ(knowledge(small_state({})), 0.0);
  EXPECT_DOUBLE_EQ(knowledge(small_state({0b0111, 0b0011})), 0.5);
}

TEST(Initialisation, FollowsMarch) {
  engine::Rng rng(9);
  const State s = initialise(Parameters{}, rng);
  EXPECT_EQ(s.dims, low_bits(30));
  EXPECT_EQ(s.reality.known, s.dims);
  EXPECT_EQ(s.code.known, 0U);
  EXPECT_EQ(s.individuals.size(), 50U);
}

TEST(Parameters, AreValidated) {
  EXPECT_EQ(validate(Parameters{}), "");
  EXPECT_NE(validate({.dimensions = 65}), "");
  EXPECT_NE(validate({.individuals = 0}), "");
  EXPECT_NE(validate({.socialisation = 1.5}), "");
  EXPECT_NE(validate({.turbulence = -0.1}), "");
}

}  // namespace
}  // namespace samspel::march
