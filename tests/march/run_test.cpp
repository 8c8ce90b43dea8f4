// Whole runs of March's model: reproducibility and his qualitative results, with tolerances
// from standard errors at a few hundred runs.
#include "samspel/march/run.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "samspel/engine/statistics.hpp"

namespace samspel::march {
namespace {

constexpr std::uint64_t kSeed = 2024;

// Knowledge at `period` (or at equilibrium) of runs 0 .. runs-1.
std::vector<double> knowledge_at(const Parameters& p, const RunSettings& settings, int period,
                                 int runs) {
  std::vector<double> k;
  for (int r = 0; r < runs; ++r) {
    const RunResult result = run(p, settings, kSeed, static_cast<std::uint64_t>(r));
    k.push_back(result.knowledge[static_cast<std::size_t>(std::min(period, result.periods))]);
  }
  return k;
}

TEST(MarchRun, SameSeedAndRunGiveTheSameRun) {
  const Parameters p{.turnover = 0.05, .turbulence = 0.02};
  const RunResult a = run(p, {100, false}, kSeed, 7);
  const RunResult b = run(p, {100, false}, kSeed, 7);
  const RunResult c = run(p, {100, false}, kSeed, 8);
  EXPECT_EQ(a.knowledge, b.knowledge);
  EXPECT_NE(a.knowledge, c.knowledge);
}

TEST(MarchRun, ClosedStableSystemReachesEquilibrium) {
  const RunResult r = run(Parameters{}, {10000, true}, kSeed, 0);
  EXPECT_TRUE(r.equilibrium);
  EXPECT_EQ(r.knowledge.size(), static_cast<std::size_t>(r.periods) + 1);
}

// Figure 1: slow socialisation with fast code learning ends with more knowledge than fast
// socialisation (March 1991, Figure 1).
TEST(MarchRun, SlowSocialisationWithFastCodeLearningKnowsMost) {
  const int runs = 200;
  const RunSettings to_equilibrium{10000, true};
  const auto slow =
      knowledge_at({.socialisation = 0.1, .code_learning = 0.9}, to_equilibrium, 10000, runs);
  const auto fast =
      knowledge_at({.socialisation = 0.9, .code_learning = 0.9}, to_equilibrium, 10000, runs);
  const engine::PairedDifference d = engine::paired_difference(fast, slow);
  EXPECT_GT(d.low, 0) << "slow - fast = " << d.mean << " +- " << d.standard_error;
}

// Turbulence without turnover: once everyone holds the code, nothing can learn, and the code's
// knowledge decays toward chance (0.5) as reality drifts; moderate turnover holds it up.
TEST(MarchRun, UnderTurbulenceOnlyTurnoverKeepsKnowledge) {
  const int runs = 200;
  const int period = 200;
  const RunSettings horizon{period, false};
  const auto closed = knowledge_at({.turnover = 0, .turbulence = 0.02}, horizon, period, runs);
  const auto open = knowledge_at({.turnover = 0.1, .turbulence = 0.02}, horizon, period, runs);
  const engine::Summary c = engine::summarize(closed);
  EXPECT_NEAR(c.mean, 0.5, 4 * c.standard_error);
  const engine::PairedDifference d = engine::paired_difference(closed, open);
  EXPECT_GT(d.low, 0) << "open - closed = " << d.mean << " +- " << d.standard_error;
  EXPECT_GT(engine::summarize(open).mean, 0.5 + 4 * engine::summarize(open).standard_error);
}

}  // namespace
}  // namespace samspel::march
