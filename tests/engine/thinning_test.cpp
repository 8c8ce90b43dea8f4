// The sampling shortcuts of samspel/engine/thinning.hpp must keep the distribution they stand
// for. Every statistical check below uses a fixed seed and many repetitions, and allows kSe
// standard errors of the quantity checked: wide enough that a correct helper passes for any
// seed but for about one check in a million, narrow enough that a wrong one (a trial skipped
// after each success, a keep that ignores p_max, a part never chosen) fails by many times that.
#include "samspel/engine/thinning.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace samspel::engine {
namespace {

constexpr double kSe = 5;

// The standard error of a frequency estimating probability p from `runs` repetitions.
double se_of_frequency(double p, long runs) {
  return std::sqrt(p * (1 - p) / static_cast<double>(runs));
}

// Every way a row can be thinned, at the bound p_max.
std::vector<Thinning> every_form(double p_max) {
  std::vector<Thinning> forms;
  for (const Gaps gaps : {Gaps::walk, Gaps::logarithm}) {
    for (const AtBound at_bound : {AtBound::kept, AtBound::drawn}) {
      forms.push_back(Thinning::at_most(p_max, gaps, at_bound));
      forms.push_back(Thinning::missed_at_least(1 - p_max, gaps, at_bound));
    }
  }
  return forms;
}

std::string describe(const Thinning& row) {
  return std::string(row.gaps == Gaps::walk ? "walk" : "logarithm") +
         (row.at_bound == AtBound::kept ? ", kept" : ", drawn") +
         " at the bound, p_max = " + std::to_string(row.p_max) + ", q = " + std::to_string(row.q);
}

// Each chance happens at its own rate p_i, every pair at most `pair_distance` apart together at
// p_i p_j (independence), and
// the number happening per row has the Poisson-binomial mean sum p_i and variance
// sum p_i (1 - p_i). The sample variance s^2 of R rows has standard error
// sqrt((mu4 - sigma^4) / R), mu4 = kappa4 + 3 kappa2^2 from the cumulants of a sum of
// independent Bernoulli(p): kappa2 = p (1 - p), kappa4 = p (1 - p) (1 - 6 p (1 - p)).
void expect_independent_at_rates(const std::vector<double>& p, const Thinning& row, long runs,
                                 std::uint64_t seed, std::size_t pair_distance) {
  const int n = static_cast<int>(p.size());
  Rng rng(seed);
  std::vector<long> happened(p.size());
  std::vector<std::vector<long>> together(p.size(), std::vector<long>(p.size()));
  std::vector<char> now(p.size());
  double sum = 0;
  double sum_sq = 0;
  for (long r = 0; r < runs; ++r) {
    std::fill(now.begin(), now.end(), 0);
    int count = 0;
    int last = -1;
    thin(rng, n, row, [&](int i, Chance& chance) {
      ASSERT_GT(i, last) << "candidates out of order";
      ASSERT_LT(i, n);
      last = i;
      if (chance.happens(p[static_cast<std::size_t>(i)])) {
        now[static_cast<std::size_t>(i)] = 1;
        ++count;
      }
    });
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (now[i] == 0) continue;
      happened[i] += 1;
      for (std::size_t j = i + 1; j < p.size() && j <= i + pair_distance; ++j)
        together[i][j] += now[j];
    }
    sum += count;
    sum_sq += static_cast<double>(count) * count;
  }
  const std::string form = describe(row);
  double mean = 0;
  double kappa2 = 0;
  double kappa4 = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double v = p[i] * (1 - p[i]);
    mean += p[i];
    kappa2 += v;
    kappa4 += v * (1 - 6 * v);
    const double frequency = static_cast<double>(happened[i]) / runs;
    if (p[i] == 0) {
      EXPECT_EQ(happened[i], 0) << form << ", chance " << i;
    } else {
      EXPECT_NEAR(frequency, p[i], kSe * se_of_frequency(p[i], runs)) << form << ", chance " << i;
    }
    for (std::size_t j = i + 1; j < p.size() && j <= i + pair_distance; ++j) {
      const double joint = p[i] * p[j];
      EXPECT_NEAR(static_cast<double>(together[i][j]) / runs, joint,
                  kSe * se_of_frequency(joint, runs) + 1e-12)
          << form << ", chances " << i << " and " << j;
    }
  }
  const double sample_mean = sum / runs;
  const double sample_variance = (sum_sq - runs * sample_mean * sample_mean) / (runs - 1);
  EXPECT_NEAR(sample_mean, mean, kSe * std::sqrt(kappa2 / runs)) << form;
  EXPECT_NEAR(sample_variance, kappa2, kSe * std::sqrt((kappa4 + 2 * kappa2 * kappa2) / runs))
      << form;
}

// A short row of chances at mixed rates: 0 (never), p_max itself, and in between, with equal
// neighbours so that a success that shifts or skips the next trial shows.
TEST(Thinning, EachChanceHappensAtItsRateIndependently) {
  const double p_max = 0.3;
  const std::vector<double> p{0.3, 0.3, 0.1, 0, 0.25, 0.05, 0.3, 0.02, 0.2, 0.2, 0, 0.3};
  std::uint64_t seed = 1;
  for (const Thinning& row : every_form(p_max))
    expect_independent_at_rates(p, row, 100000, seed++, p.size());
}

// A long row of rare chances, the case the logarithm gaps are for (pairs checked up to two
// apart, where a success that disturbs the next trials would show), and one at rates near 1.
TEST(Thinning, LongRowsOfRareChancesAndRowsOfLikelyOnes) {
  std::vector<double> rare(150);
  for (std::size_t i = 0; i < rare.size(); ++i)
    rare[i] = 0.01 * static_cast<double>(i % 5);
  const std::vector<double> likely{0.9, 0.5, 0.95, 0.95, 0.7, 0.1, 0.95};
  std::uint64_t seed = 20;
  for (const Thinning& row : every_form(*std::ranges::max_element(rare)))
    expect_independent_at_rates(rare, row, 100000, seed++, 2);
  for (const Thinning& row : every_form(0.95))
    expect_independent_at_rates(likely, row, 100000, seed++, likely.size());
}

// p_max = 1: every trial is a candidate and the keep alone decides.
TEST(Thinning, BoundOfOneMakesEveryChanceACandidate) {
  const std::vector<double> p{1, 0.5, 0, 1, 0.25, 0.75};
  std::uint64_t seed = 40;
  for (const Thinning& row : every_form(1)) {
    Rng rng(seed++);
    for (int r = 0; r < 100; ++r) {
      int visited = 0;
      thin(rng, 6, row, [&](int i, Chance&) { EXPECT_EQ(i, visited++) << describe(row); });
      EXPECT_EQ(visited, 6) << describe(row);
    }
    expect_independent_at_rates(p, row, 100000, seed++, p.size());
  }
}

// No chance, or chances that cannot happen: nothing is visited.
TEST(Thinning, EmptyRowsAndZeroBoundsVisitNothing) {
  for (const Thinning& row : every_form(0.5)) {
    Rng rng(50);
    thin(rng, 0, row, [&](int, Chance&) { ADD_FAILURE() << describe(row); });
  }
  for (const Thinning& row : every_form(0)) {
    Rng rng(51);
    for (int r = 0; r < 1000; ++r)
      thin(rng, 10, row, [&](int, Chance&) { ADD_FAILURE() << describe(row); });
  }
}

// The draws are the ones thin states: the first gap, then per candidate its keep (unless kept
// at the bound, or left undecided), the visit's own draws, and the next gap. The processes rely
// on this to keep their numbers; here it is checked against the explicit loop.
TEST(Thinning, DrawsTheNumbersItStates) {
  const std::vector<double> p{0.2, 0.3, 0.3, 0.1, 0.3, 0, 0.05, 0.3, 0.3};
  const int n = static_cast<int>(p.size());
  const double p_max = 0.3;
  for (const Thinning& row : every_form(p_max)) {
    for (std::uint64_t seed = 60; seed < 260; ++seed) {
      Rng expected(seed);
      const bool by_log = row.gaps == Gaps::logarithm;
      const auto gap = [&](int limit) {
        return by_log ? expected.failures_before_success_log(std::log1p(-row.p_max), limit)
                      : expected.failures_before_success(row.q, limit);
      };
      std::vector<int> expected_kept;
      for (int i = gap(n); i < n; i += 1 + gap(n - i - 1)) {
        if (i % 4 == 3) continue;  // left undecided
        const double pi = p[static_cast<std::size_t>(i)];
        const bool at_bound = row.at_bound == AtBound::kept && pi >= row.p_max;
        if (at_bound || expected.uniform() * row.p_max < pi) {
          expected_kept.push_back(i);
          expected.next();  // the visit's own draw
        }
      }
      Rng actual(seed);
      std::vector<int> kept;
      thin(actual, n, row, [&](int i, Chance& chance) {
        if (i % 4 == 3) return;
        if (chance.happens(p[static_cast<std::size_t>(i)])) {
          kept.push_back(i);
          actual.next();
        }
      });
      ASSERT_EQ(kept, expected_kept) << describe(row) << ", seed " << seed;
      ASSERT_EQ(actual.next(), expected.next()) << describe(row) << ", seed " << seed;
    }
  }
  // One uniform for the first gap even when nothing can happen.
  for (const auto& [n_chances, row] :
       {std::pair{0, Thinning::at_most(0.5)}, std::pair{5, Thinning::at_most(0)},
        std::pair{0, Thinning::at_most(0.5, Gaps::logarithm)}}) {
    Rng expected(7);
    expected.uniform();
    Rng actual(7);
    thin(actual, n_chances, row, [](int, Chance&) {});
    EXPECT_EQ(actual.next(), expected.next()) << describe(row) << ", n = " << n_chances;
  }
  // None at all in the logarithm form at p_max = 1, where every trial succeeds, nor for keeps
  // at the bound.
  Rng expected(8);
  Rng actual(8);
  thin(actual, 5, Thinning::at_most(1, Gaps::logarithm),
       [](int, Chance& chance) { EXPECT_TRUE(chance.happens(1)); });
  EXPECT_EQ(actual.next(), expected.next());
}

// The grouped form numbers the chances of each group from 0, skipping empty groups.
TEST(Thinning, GroupedRowsNumberChancesWithinTheirGroup) {
  const std::array<int, 5> ends{3, 3, 5, 5, 9};  // sizes 3, 0, 2, 0, 4
  std::vector<std::pair<int, int>> visited;
  Rng rng(9);
  thin_groups(rng, ends, Thinning::at_most(1), [&](int group, int j, Chance& chance) {
    EXPECT_TRUE(chance.happens(1));
    visited.emplace_back(group, j);
  });
  const std::vector<std::pair<int, int>> expected{{0, 0}, {0, 1}, {0, 2}, {2, 0}, {2, 1},
                                                  {4, 0}, {4, 1}, {4, 2}, {4, 3}};
  EXPECT_EQ(visited, expected);
  thin_groups(rng, {}, Thinning::at_most(1), [](int, int, Chance&) { ADD_FAILURE(); });
}

// Each part of a split Poisson total is Poisson(lambda): mean and variance lambda, P(0) =
// e^-lambda, and the parts uncorrelated. Standard errors from R draws: the mean sqrt(lambda / R);
// the sample variance sqrt((mu4 - sigma^4) / R) with mu4 = lambda + 3 lambda^2; the sample
// covariance of independent parts sqrt(Var(X Y) / R) = sqrt((lambda^2 + 2 lambda^3) / R).
TEST(IndependentPoisson, PartsArePoissonAndUncorrelated) {
  constexpr int kParts = 5;
  constexpr long kRuns = 200000;
  Rng rng(10);
  for (const double lambda : {0.05, 0.4, 2.5}) {
    std::array<double, kParts> sum{};
    std::array<double, kParts> sum_sq{};
    std::array<long, kParts> zeros{};
    std::array<std::array<double, kParts>, kParts> products{};
    for (long r = 0; r < kRuns; ++r) {
      std::array<int, kParts> counts{};
      const int total = independent_poisson(rng, lambda, kParts, [&](int part) {
        ASSERT_GE(part, 0);
        ASSERT_LT(part, kParts);
        counts[part] += 1;
      });
      int added = 0;
      for (int i = 0; i < kParts; ++i) {
        added += counts[i];
        sum[i] += counts[i];
        sum_sq[i] += static_cast<double>(counts[i]) * counts[i];
        zeros[i] += counts[i] == 0 ? 1 : 0;
        for (int j = i + 1; j < kParts; ++j)
          products[i][j] += static_cast<double>(counts[i]) * counts[j];
      }
      ASSERT_EQ(added, total);
    }
    const double p0 = std::exp(-lambda);
    for (int i = 0; i < kParts; ++i) {
      const double mean = sum[i] / kRuns;
      const double variance = (sum_sq[i] - kRuns * mean * mean) / (kRuns - 1);
      EXPECT_NEAR(mean, lambda, kSe * std::sqrt(lambda / kRuns)) << lambda << ", part " << i;
      EXPECT_NEAR(variance, lambda, kSe * std::sqrt((lambda + 2 * lambda * lambda) / kRuns))
          << lambda << ", part " << i;
      EXPECT_NEAR(static_cast<double>(zeros[i]) / kRuns, p0, kSe * se_of_frequency(p0, kRuns))
          << lambda << ", part " << i;
      for (int j = i + 1; j < kParts; ++j) {
        const double covariance = products[i][j] / kRuns - mean * (sum[j] / kRuns);
        EXPECT_NEAR(covariance, 0,
                    kSe * std::sqrt((lambda * lambda + 2 * lambda * lambda * lambda) / kRuns))
            << lambda << ", parts " << i << " and " << j;
      }
    }
  }
}

TEST(IndependentPoisson, NoPartsOrNoRateDrawNothing) {
  Rng expected(11);
  Rng actual(11);
  const auto none = [](int) { ADD_FAILURE(); };
  EXPECT_EQ(independent_poisson(actual, 0.5, 0, none), 0);
  EXPECT_EQ(independent_poisson(actual, 0, 3, none), 0);
  EXPECT_EQ(actual.next(), expected.next());
}

}  // namespace
}  // namespace samspel::engine
