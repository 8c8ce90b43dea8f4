// The shared code-learning rule (March 1991) and its bit-sliced counting.
#include "samspel/ideas/code_learning.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace samspel::ideas {
namespace {

// The rule as first written for the samspel model: a loop over dimensions and believers. The
// bit-sliced version must give the same code and make the same draws.
void learn_code_per_bit(Beliefs& code, const Beliefs& reality, const std::vector<Beliefs>& all,
                        Mask dims, double p2, engine::Rng& rng) {
  if (p2 <= 0 || dims == 0) return;
  const int code_hits = std::popcount(matching(code, reality, dims));
  std::vector<Beliefs> superior;
  for (const auto& b : all) {
    if (std::popcount(matching(b, reality, dims)) > code_hits) superior.push_back(b);
  }
  if (superior.empty()) return;
  const double keep = 1 - std::min(p2, 1.0);
  for (Mask rest = dims; rest != 0; rest &= rest - 1) {
    const Mask bit = rest & (~rest + 1);
    int margin = 0;
    for (const auto& b : superior) {
      if ((b.known & bit) != 0) margin += (b.value & bit) != 0 ? 1 : -1;
    }
    if (margin == 0) continue;
    const bool plus = margin > 0;
    if ((code.known & bit) != 0 && ((code.value & bit) != 0) == plus) continue;
    double unmoved = keep;
    for (int i = 1; i < (plus ? margin : -margin); ++i)
      unmoved *= keep;
    if (rng.uniform() < 1 - unmoved) {
      code.known |= bit;
      code.value = plus ? (code.value | bit) : (code.value & ~bit);
    }
  }
}

// Beliefs with about a third of the dimensions at 0.
Beliefs some_beliefs(engine::Rng& rng) {
  const Mask known = rng.next() | rng.next();
  return {known, rng.next() & known};
}

TEST(CodeLearning, BitSlicedRuleEqualsThePerBitRuleDrawForDraw) {
  engine::Rng setup(7);
  for (int trial = 0; trial < 2000; ++trial) {
    const int n = 1 + static_cast<int>(setup.below(60));
    const Mask dims = low_bits(1 + static_cast<int>(setup.below(64)));
    const Beliefs reality = random_positions(~Mask{0}, setup);
    std::vector<Beliefs> all(static_cast<std::size_t>(n));
    for (auto& b : all)
      b = some_beliefs(setup);
    // A code sometimes worse and sometimes better than most believers.
    const Beliefs start = trial % 2 == 0 ? Beliefs{} : some_beliefs(setup);
    const double p2 = std::array{0.1, 0.5, 0.9, 1.0}[trial % 4];
    Beliefs expected = start;
    Beliefs actual = start;
    engine::Rng a(trial);
    engine::Rng b(trial);
    learn_code_per_bit(expected, reality, all, dims, p2, a);
    learn_code(
        actual, reality, n, [&](int i) -> const Beliefs& { return all[i]; }, dims, p2, b);
    ASSERT_EQ(actual.known, expected.known) << "trial " << trial;
    ASSERT_EQ(actual.value & actual.known, expected.value & expected.known) << "trial " << trial;
    ASSERT_EQ(a.next(), b.next()) << "trial " << trial << ": a different number of draws";
  }
}

TEST(CodeLearning, SuperiorMajorityIsAdoptedWithCertaintyAtP2One) {
  // Reality +1 on dimensions 0-3. The code knows nothing, so every believer right on some
  // dimension beats it; the last is right nowhere and is left out. Superior votes: dimension 0
  // 2 x +1 -> +1; dimension 1 1 x +1, 1 x -1 -> tie, stays 0; dimension 2 2 x -1 -> -1;
  // dimension 3 1 x +1 -> +1 (the outsider's -1 does not count).
  const Mask dims = low_bits(4);
  const Beliefs reality{dims, dims};
  const std::vector<Beliefs> all{
      {0b0011, 0b0011}, {0b0101, 0b0001}, {0b1110, 0b1000}, {0b1111, 0b0000}};
  Beliefs code;
  engine::Rng rng(1);
  learn_code(
      code, reality, 4, [&](int i) -> const Beliefs& { return all[i]; }, dims, 1.0, rng);
  EXPECT_EQ(code.known, 0b1101U);
  EXPECT_EQ(code.value & code.known, 0b1001U);
}

TEST(CodeLearning, BelieversNoBetterThanTheCodeAreNotSuperior) {
  const Mask dims = low_bits(4);
  const Beliefs reality{dims, dims};
  const Beliefs start{0b0011, 0b0011};                               // 2 hits
  const std::vector<Beliefs> all{{0b1100, 0b1100}, {dims, 0b0001}};  // 2 hits, 1 hit
  Beliefs code = start;
  engine::Rng rng(1);
  learn_code(
      code, reality, 2, [&](int i) -> const Beliefs& { return all[i]; }, dims, 1.0, rng);
  EXPECT_EQ(code, start);
}

TEST(CodeLearning, MarginRaisesTheProbabilityOfAdoption) {
  // 1 - (1 - p2)^k: with p2 = 0.5, k = 1 adopts half the time and k = 3 seven times in eight.
  const Mask dims = low_bits(64);
  for (const int k : {1, 3}) {
    MajorityVotes votes;
    for (int i = 0; i < k; ++i)
      votes.add({dims, dims}, dims);
    engine::Rng rng(static_cast<std::uint64_t>(k));
    long adopted = 0;
    const int trials = 400;
    for (int t = 0; t < trials; ++t) {
      Beliefs code;
      adopt_majority(code, votes, dims, 0.5, rng);
      adopted += std::popcount(code.known);
    }
    const double n = 64.0 * trials;
    const double p = 1 - std::pow(0.5, k);
    EXPECT_NEAR(adopted / n, p, 4 * std::sqrt(p * (1 - p) / n)) << "k = " << k;
  }
}

TEST(SlicedCounts, CountsAndComparesEveryDimension) {
  engine::Rng rng(3);
  std::vector<Mask> a(200);
  std::vector<Mask> b(180);
  SlicedCounts<8> ca;
  SlicedCounts<8> cb;
  for (auto& x : a) {
    x = rng.next();
    ca.add(x);
  }
  for (auto& x : b) {
    x = rng.next() & rng.next();
    cb.add(x);
  }
  Mask greater = 0;
  for (int d = 0; d < 64; ++d) {
    const Mask bit = Mask{1} << d;
    const auto count = [&](const std::vector<Mask>& v) {
      return static_cast<int>(std::count_if(v.begin(), v.end(), [&](Mask x) { return x & bit; }));
    };
    ASSERT_EQ(ca.at(d), count(a));
    ASSERT_EQ(cb.at(d), count(b));
    if (count(a) > count(b)) greater |= bit;
  }
  EXPECT_EQ(ca.greater_than(cb), greater);
  EXPECT_EQ(cb.greater_than(ca) & greater, 0U);
}

TEST(MajorityVotes, RefusesMoreVotersThanItCanCount) {
  MajorityVotes votes;
  for (int i = 0; i < MajorityVotes::kMaxVoters; ++i)
    votes.add({1, 1}, 1);
  EXPECT_EQ(votes.margin(0), MajorityVotes::kMaxVoters);
  EXPECT_THROW(votes.add({1, 1}, 1), std::length_error);
}

}  // namespace
}  // namespace samspel::ideas
