#include "samspel/study/sensitivity.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "samspel/io/dictionary.hpp"
#include "samspel/io/sensitivity_report.hpp"

namespace samspel::study {
namespace {

io::Scenario short_scenario() {
  io::Scenario s;
  s.run.years = 4;
  s.parameters.model.spin_up_years = 0;
  return s;
}

TEST(DefaultFactors, EveryRealParameterAroundItsValueClampedAndNoneFixed) {
  io::Scenario s = short_scenario();
  s.parameters.model.closeness_trust = 0.9;
  const auto factors = default_factors(s, 0.25, {"model.case_pull"});
  ASSERT_FALSE(factors.empty());
  for (const auto& f : factors) {
    const io::ParameterSpec* spec = io::find_parameter(f.key);
    ASSERT_NE(spec, nullptr);
    EXPECT_EQ(spec->kind, io::Kind::Real);
    EXPECT_LT(f.low, f.high);
    EXPECT_GE(f.low, spec->low);
    EXPECT_LE(f.high, spec->high);
    EXPECT_NE(f.key, "model.case_pull");
  }
  const auto trust = std::find_if(factors.begin(), factors.end(),
                                  [](const auto& f) { return f.key == "model.closeness_trust"; });
  ASSERT_NE(trust, factors.end());
  EXPECT_DOUBLE_EQ(trust->low, 0.675);
  EXPECT_DOUBLE_EQ(trust->high, 1.0);  // 1.125 clamped to the range
}

// Common random numbers: replicate i of every point runs on the same streams, so a factor the
// model does not read leaves every elementary effect exactly 0; and the results do not depend
// on the threads.
TEST(AnalyseScenario, SameResultWhateverTheThreadsAndAnUnreadFactorHasNoEffect) {
  io::Scenario s = short_scenario();
  s.parameters.strategy.citizen_dialogue = 0;  // so citizen_input_rate is never read
  const std::vector<io::Factor> factors = {io::parse_factor("model.case_pull=0.05:0.6"),
                                           io::parse_factor("model.citizen_input_rate=0.01:0.1")};
  SensitivityOptions options;
  options.points = 4;
  options.replicates = 4;
  options.resamples = 50;
  options.threads = 1;
  const auto one = analyse_scenario(s, factors, {"mean_case_time_politicians"}, options);
  options.threads = 2;
  const auto two = analyse_scenario(s, factors, {"mean_case_time_politicians"}, options);
  EXPECT_EQ(io::sensitivity_csv(one), io::sensitivity_csv(two));
  EXPECT_EQ(one.design_points, 4U * 3U);
  EXPECT_EQ(one.runs, (4U * 3U + 1U) * 4U);  // the scenario's own values first
  ASSERT_EQ(one.outputs.size(), 1U);
  const auto& m = one.outputs[0].morris;
  EXPECT_GT(m[0].mu_star, 0.0);
  EXPECT_GT(m[0].mu, 0.0);  // more pull, more case time
  EXPECT_EQ(m[1].mu_star, 0.0);
  EXPECT_GT(one.outputs[0].base_value, 0.0);
  EXPECT_EQ(one.outputs[0].opposite_sign, 0);
  EXPECT_THROW(analyse_scenario(s, factors, {"nonsense"}, options), io::ScenarioError);
  EXPECT_THROW(analyse_scenario(s, {}, {"lockins"}, options), io::ScenarioError);
}

// A pattern's outputs are the paired effects of its measures, one per measure.
TEST(AnalysePattern, OutputsArePairedEffects) {
  const io::ValidationSpec spec = io::parse_validation(R"(
[run]
years = 4
[model]
spin_up_years = 0
[validation]
pattern = "T"
[[validation.comparison]]
label = "pull"
reference = ["model.case_pull=0.1"]
treatment = ["model.case_pull=0.8"]
[[validation.comparison.measure]]
name = "mean_case_time_politicians"
expect = "increase"
)",
                                                       "t.toml");
  SensitivityOptions options;
  options.method = io::Method::sobol;
  options.points = 8;
  options.replicates = 3;
  options.resamples = 20;
  const auto r = analyse_pattern(spec, {io::parse_factor("model.case_load=0.2:0.6")}, options);
  ASSERT_EQ(r.outputs.size(), 1U);
  EXPECT_EQ(r.outputs[0].name, "T: pull: mean_case_time_politicians");
  EXPECT_GT(r.outputs[0].base_value, 0.0);
  EXPECT_EQ(r.design_points, 8U * 3U);
  // One factor carries all the variance there is.
  EXPECT_GT(r.outputs[0].sobol[0].total, 0.5);
}

}  // namespace
}  // namespace samspel::study
