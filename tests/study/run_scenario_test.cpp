// Running a scenario's replicates: results must not depend on the number of threads.
#include "samspel/study/run_scenario.hpp"

#include <gtest/gtest.h>

namespace samspel::study {
namespace {

io::Scenario small_scenario() {
  io::Scenario s = io::parse_scenario(R"(
[run]
start = "2012-01"
years = 6
replicates = 23
seed = 99

[[events]]
type = "ceo_leaves"
date = "2014-03"
)",
                                      "<test>");
  io::validate(s);
  return s;
}

TEST(RunScenario, IdenticalForAnyThreadCount) {
  const io::Scenario s = small_scenario();
  const io::RunResults one = run_scenario(s, 1);
  for (const unsigned threads : {2U, 3U, 8U}) {
    const io::RunResults many = run_scenario(s, threads);
    EXPECT_EQ(one.series, many.series) << threads << " threads";
    EXPECT_EQ(io::replicates_csv(one), io::replicates_csv(many));
    EXPECT_EQ(io::changes_csv(one), io::changes_csv(many));
  }
}

TEST(RunScenario, ReplicatesDependOnlyOnSeedAndIndex) {
  io::Scenario s = small_scenario();
  const io::RunResults all = run_scenario(s, 2);
  s.run.replicates = 5;
  const io::RunResults first = run_scenario(s, 2);
  const auto per_run = first.series.size() / 5;
  EXPECT_TRUE(std::equal(first.series.begin(), first.series.end(), all.series.begin()));
  EXPECT_EQ(all.series.size(), per_run * 23);
  s.run.seed = 100;
  const io::RunResults other = run_scenario(s, 2);
  EXPECT_NE(other.series, first.series);
}

TEST(RunScenario, ScriptedCeoChangeIsInEveryReplicate) {
  const io::RunResults r = run_scenario(small_scenario(), 2);
  for (const auto& summary : r.summaries) {
    bool found = false;
    for (const auto& c : summary.changes) {
      found = found || (c.step == 26 && c.seat == model::Seat::ceo);
    }
    EXPECT_TRUE(found);
  }
}

TEST(RunScenario, MemoryEstimateCoversWhatARunHolds) {
  const io::Scenario s = small_scenario();
  const io::RunResults r = run_scenario(s, 2);
  const std::size_t held =
      r.series.size() * sizeof(double) + r.summaries.size() * sizeof(model::RunSummary);
  EXPECT_GE(run_memory(s), held);
  // Nor a loose upper bound (the changes each summary lists aside).
  EXPECT_LE(run_memory(s), held + held / 10);
}

}  // namespace
}  // namespace samspel::study
