#include "samspel/engine/random.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <set>
#include <vector>

namespace samspel::engine {
namespace {

enum class Names { first, second, count };

TEST(Rng, SameSeedSameSequence) {
  Rng a(42);
  Rng b(42);
  for (int i = 0; i < 100; ++i)
    EXPECT_EQ(a.next(), b.next());
}

TEST(Rng, StreamSeedsDifferByReplicateAndStream) {
  std::set<std::uint64_t> seeds;
  for (std::uint64_t r = 0; r < 50; ++r) {
    for (std::uint64_t s = 0; s < 20; ++s)
      seeds.insert(stream_seed(7, r, s));
  }
  EXPECT_EQ(seeds.size(), 1000U);
  EXPECT_NE(stream_seed(7, 0, 0), stream_seed(8, 0, 0));
}

// Extra draws from one named stream must leave the other streams' numbers unchanged.
TEST(Streams, DrawsInOneStreamDoNotShiftAnother) {
  Streams<Names> plain(1, 3);
  Streams<Names> busy(1, 3);
  for (int i = 0; i < 1000; ++i)
    busy[Names::first].next();
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(plain[Names::second].next(), busy[Names::second].next());
}

TEST(Rng, UniformMeanWithinStandardError) {
  Rng rng(1);
  constexpr int kN = 200000;
  double sum = 0;
  for (int i = 0; i < kN; ++i) {
    const double u = rng.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  const double se = std::sqrt(1.0 / 12.0 / kN);
  EXPECT_NEAR(sum / kN, 0.5, 4 * se);
}

TEST(Rng, BelowStaysInRangeAndCoversIt) {
  Rng rng(2);
  std::set<std::uint32_t> seen;
  for (int i = 0; i < 10000; ++i) {
    const auto v = rng.below(7);
    ASSERT_LT(v, 7U);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 7U);
}

TEST(Rng, PoissonMeanAndZeroShareWithinStandardError) {
  Rng rng(3);
  constexpr int kN = 200000;
  for (const double lambda : {0.05, 0.4, 2.5}) {
    double sum = 0;
    int zeros = 0;
    for (int i = 0; i < kN; ++i) {
      const int k = rng.poisson(lambda);
      sum += k;
      zeros += k == 0 ? 1 : 0;
    }
    EXPECT_NEAR(sum / kN, lambda, 4 * std::sqrt(lambda / kN)) << lambda;
    const double p0 = std::exp(-lambda);
    EXPECT_NEAR(static_cast<double>(zeros) / kN, p0, 4 * std::sqrt(p0 * (1 - p0) / kN)) << lambda;
  }
  EXPECT_EQ(rng.poisson(0), 0);
}

TEST(Rng, LogFactorialMatchesLogGamma) {
  for (const double k : {0.0, 1.0, 2.0, 5.0, 9.0, 10.0, 11.0, 30.0, 1000.0, 1e6}) {
    const double exact = std::lgamma(k + 1);
    EXPECT_NEAR(Rng::log_factorial(k), exact, 1e-12 * std::max(1.0, exact)) << k;
  }
}

// From kPoissonInversionBelow on, the draw is by transformed rejection (PTRS). Its mean and
// variance are lambda's within four standard errors (the sample variance's is
// sqrt((lambda + 2 lambda^2) / n) for a Poisson), on both sides of the switch.
TEST(Rng, PoissonMeanAndVarianceAtLargeMeans) {
  Rng rng(11);
  constexpr int kN = 200000;
  for (const double lambda : {49.5, Rng::kPoissonInversionBelow, 200.0, 5000.0}) {
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < kN; ++i) {
      const double k = rng.poisson(lambda);
      ASSERT_GE(k, 0);
      sum += k;
      squares += k * k;
    }
    const double mean = sum / kN;
    const double variance = (squares - kN * mean * mean) / (kN - 1);
    EXPECT_NEAR(mean, lambda, 4 * std::sqrt(lambda / kN)) << lambda;
    EXPECT_NEAR(variance, lambda, 4 * std::sqrt((lambda + 2 * lambda * lambda) / kN)) << lambda;
  }
}

// Pearson's chi-square of PTRS draws at lambda = 80 against the exact probabilities: one cell
// per count from 51 to 114 and one for each tail (every cell expects more than 10 draws). With
// df degrees of freedom the statistic has mean df and standard deviation sqrt(2 df); 5
// standard deviations above the mean has a chance of about 1e-5 for a correct sampler.
TEST(Rng, PoissonByRejectionHasThePoissonDistribution) {
  Rng rng(12);
  constexpr double kLambda = 80;
  constexpr int kN = 400000;
  constexpr int kLow = 50;    // cell: k <= kLow
  constexpr int kHigh = 115;  // cell: k >= kHigh
  std::vector<double> observed(kHigh + 1, 0);
  for (int i = 0; i < kN; ++i)
    observed[std::clamp(rng.poisson(kLambda), kLow, kHigh)] += 1;
  std::vector<double> expected(kHigh + 1, 0);
  double below_high = 0;
  for (int k = 0; k < kHigh; ++k) {
    const double p = std::exp(k * std::log(kLambda) - kLambda - std::lgamma(k + 1.0));
    expected[std::max(k, kLow)] += kN * p;
    below_high += p;
  }
  expected[kHigh] = kN * (1 - below_high);
  double chi2 = 0;
  for (int k = kLow; k <= kHigh; ++k) {
    ASSERT_GT(expected[k], 10) << k;
    chi2 += (observed[k] - expected[k]) * (observed[k] - expected[k]) / expected[k];
  }
  const double df = kHigh - kLow;  // cells - 1
  EXPECT_LT(chi2, df + 5 * std::sqrt(2 * df));
}

TEST(Rng, BernoulliBitsKeepsOnlyCandidatesAtRateP) {
  Rng rng(4);
  const std::uint64_t candidates = 0x00ff00ff00ffULL;
  const int n = std::popcount(candidates);
  for (const double p : {0.01, 0.3, 0.9}) {
    long kept = 0;
    constexpr int kDraws = 20000;
    for (int i = 0; i < kDraws; ++i) {
      const std::uint64_t m = rng.bernoulli_bits(candidates, p);
      ASSERT_EQ(m & ~candidates, 0U);
      kept += std::popcount(m);
    }
    const double trials = static_cast<double>(kDraws) * n;
    EXPECT_NEAR(kept / trials, p, 4 * std::sqrt(p * (1 - p) / trials)) << p;
  }
  EXPECT_EQ(rng.bernoulli_bits(candidates, 0), 0U);
  EXPECT_EQ(rng.bernoulli_bits(candidates, 1), candidates);
  EXPECT_EQ(rng.bernoulli_mask(10, 1), 0x3ffU);
}

}  // namespace
}  // namespace samspel::engine

namespace samspel::engine {
namespace {

// G = failures before the first success, capped at the limit: P(G >= j) = q^j for j <= limit.
TEST(Rng, FailuresBeforeSuccessAreGeometricUpToTheLimit) {
  Rng rng(9);
  const double q = 0.9;
  const int limit = 12;
  constexpr int kN = 200000;
  std::array<long, limit + 1> at_least{};
  for (int i = 0; i < kN; ++i) {
    // Both forms: the walk and the closed form by logarithm.
    const int g = i % 2 == 0 ? rng.failures_before_success(q, limit)
                             : rng.failures_before_success_log(std::log(q), limit);
    ASSERT_GE(g, 0);
    ASSERT_LE(g, limit);
    for (int j = 0; j <= g; ++j)
      at_least[j] += 1;
  }
  for (int j = 0; j <= limit; ++j) {
    const double p = std::pow(q, j);
    const double se = std::sqrt(p * (1 - p) / kN);
    EXPECT_NEAR(static_cast<double>(at_least[j]) / kN, p, 4 * se + 1e-12) << "j = " << j;
  }
  EXPECT_EQ(rng.failures_before_success(0.0, 5), 0);
  EXPECT_EQ(rng.failures_before_success(1.0, 5), 5);
  EXPECT_EQ(rng.failures_before_success(0.5, 0), 0);
  EXPECT_EQ(rng.failures_before_success_log(std::log(0.0), 5), 0);
  EXPECT_EQ(rng.failures_before_success_log(std::log(0.5), 0), 0);
}

TEST(Rng, BinomialMeanAndZeroShareWithinStandardError) {
  Rng rng(5);
  constexpr int kN = 100000;
  for (const auto& [n, p] : {std::pair{15, 0.05}, std::pair{64, 0.3}, std::pair{1, 0.5}}) {
    double sum = 0;
    int zeros = 0;
    for (int i = 0; i < kN; ++i) {
      const int k = rng.binomial(n, p);
      ASSERT_GE(k, 0);
      ASSERT_LE(k, n);
      sum += k;
      zeros += k == 0 ? 1 : 0;
    }
    EXPECT_NEAR(sum / kN, n * p, 4 * std::sqrt(n * p * (1 - p) / kN)) << n << " " << p;
    const double p0 = std::pow(1 - p, n);
    EXPECT_NEAR(static_cast<double>(zeros) / kN, p0, 4 * std::sqrt(p0 * (1 - p0) / kN) + 1e-9);
  }
}

// Every candidate is kept equally often, whatever its position.
TEST(Rng, BernoulliBitsTreatsEveryCandidateAlike) {
  Rng rng(6);
  const std::uint64_t candidates = 0xf0f0ULL;  // 8 candidates
  std::array<int, 16> kept{};
  constexpr int kDraws = 100000;
  for (int i = 0; i < kDraws; ++i) {
    const std::uint64_t m = rng.bernoulli_bits(candidates, 0.2);
    for (int b = 0; b < 16; ++b)
      kept[b] += static_cast<int>((m >> b) & 1U);
  }
  for (int b = 0; b < 16; ++b) {
    if (((candidates >> b) & 1U) == 0) {
      EXPECT_EQ(kept[b], 0);
    } else {
      EXPECT_NEAR(kept[b], 0.2 * kDraws, 4 * std::sqrt(0.2 * 0.8 * kDraws)) << b;
    }
  }
}

}  // namespace
}  // namespace samspel::engine

namespace samspel::engine {
namespace {

// Every lane is kept at rate p, and two lanes together at rate p^2 (independence).
TEST(Rng, IndependentBitsKeepEveryLaneAtRatePIndependently) {
  Rng rng(8);
  constexpr int kDraws = 20000;
  for (const double p : {0.1, 0.5, 0.9, 1.0 / 3}) {
    std::array<long, 64> kept{};
    long both = 0;
    for (int i = 0; i < kDraws; ++i) {
      const std::uint64_t m = rng.independent_bits(p);
      for (int b = 0; b < 64; ++b)
        kept[b] += static_cast<long>((m >> b) & 1U);
      both += static_cast<long>((m & 0x3U) == 0x3U);
    }
    for (int b = 0; b < 64; ++b)
      EXPECT_NEAR(static_cast<double>(kept[b]) / kDraws, p, 4 * std::sqrt(p * (1 - p) / kDraws))
          << "p = " << p << ", bit " << b;
    const double pp = p * p;
    EXPECT_NEAR(static_cast<double>(both) / kDraws, pp, 4 * std::sqrt(pp * (1 - pp) / kDraws)) << p;
  }
  EXPECT_EQ(rng.independent_bits(0), 0U);
  EXPECT_EQ(rng.independent_bits(1), ~0ULL);
  EXPECT_EQ(rng.independent_bits(1, 0xffU), 0xffU);
  for (int i = 0; i < 100; ++i)
    EXPECT_EQ(rng.independent_bits(0.5, 0xf0U) & ~0xf0ULL, 0U);
}

// Whichever way bernoulli_mask draws (by count and choice for rare bits, bit-sliced otherwise),
// every one of the low bits is set at rate p, independently, and no other bit.
TEST(Rng, BernoulliMaskSetsEveryLowBitAtRatePIndependently) {
  Rng rng(12);
  constexpr int kDraws = 20000;
  const int bits = 30;
  for (const double p : {0.02, 0.2, 0.6, 0.9}) {
    std::array<long, 30> set{};
    long none = 0;
    for (int i = 0; i < kDraws; ++i) {
      const std::uint64_t m = rng.bernoulli_mask(bits, p);
      ASSERT_EQ(m >> bits, 0U);
      for (int b = 0; b < bits; ++b)
        set[b] += static_cast<long>((m >> b) & 1U);
      none += static_cast<long>((m & 0x7U) == 0);
    }
    for (int b = 0; b < bits; ++b)
      EXPECT_NEAR(static_cast<double>(set[b]) / kDraws, p, 4 * std::sqrt(p * (1 - p) / kDraws))
          << "p = " << p << ", bit " << b;
    const double q3 = std::pow(1 - p, 3);
    EXPECT_NEAR(static_cast<double>(none) / kDraws, q3,
                4 * std::sqrt(q3 * (1 - q3) / kDraws) + 1e-9)
        << p;
  }
}

}  // namespace
}  // namespace samspel::engine
