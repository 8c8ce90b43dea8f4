// March's experiments: byte-identical results whatever the thread count.
#include "samspel/study/march_experiments.hpp"

#include <gtest/gtest.h>

#include "samspel/march/run.hpp"
#include "samspel/study/march_report.hpp"

namespace samspel::study {
namespace {

TEST(MarchExperiments, ResultsDoNotDependOnThreads) {
  const MarchOptions one{12, 5, 1, {}};
  const MarchOptions three{12, 5, 3, {}};
  EXPECT_EQ(figure1_csv(run_figure1(one)), figure1_csv(run_figure1(three)));
  EXPECT_EQ(turbulence_csv(run_turbulence(one)), turbulence_csv(run_turbulence(three)));
}

// Run r of every cell draws from (seed, r) alone: the experiment's runs are the model's runs
// with that seed and index, whichever cell or thread runs them.
TEST(MarchExperiments, RunRDrawsFromSeedAndRAlone) {
  const TurbulenceExperiment t = run_turbulence({2, 5, 2, {}});
  ASSERT_EQ(t.series.size(), t.p3.size());
  for (const auto& s : t.series) {
    const march::RunSettings settings{TurbulenceExperiment::kHorizon, false};
    const march::RunResult a = march::run(s.parameters, settings, 5, 0);
    const march::RunResult b = march::run(s.parameters, settings, 5, 1);
    ASSERT_EQ(s.knowledge.size(), a.knowledge.size());
    for (std::size_t period = 0; period < a.knowledge.size(); ++period)
      EXPECT_EQ(s.knowledge[period].mean, (a.knowledge[period] + b.knowledge[period]) / 2);
  }
}

TEST(MarchExperiments, TooFewRunsAreRefused) {
  EXPECT_THROW(run_turnover({1, 5, 1, {}}), std::invalid_argument);
}

}  // namespace
}  // namespace samspel::study
