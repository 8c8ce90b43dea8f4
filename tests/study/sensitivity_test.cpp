#include "samspel/study/sensitivity.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "samspel/io/dictionary.hpp"
#include "samspel/io/sensitivity_report.hpp"
#include "samspel/io/store.hpp"
#include "support/sql.hpp"

namespace samspel::study {
namespace {

using samspel_test::sql;

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

// A measure no replicate has at a point (no kommunchef change in two years: no recovery time)
// is undefined there; it must not enter the indices as 0. The output says so and has no
// indices, while the other outputs of the same analysis are unaffected.
TEST(AnalyseScenario, AnUndefinedMeasureIsFlaggedNotCountedAsZero) {
  io::Scenario s = short_scenario();
  s.run.years = 2;
  const std::vector<io::Factor> factors = {io::parse_factor("model.case_pull=0.05:0.6"),
                                           io::parse_factor("model.closeness_trust=0.3:0.9")};
  SensitivityOptions options;
  options.points = 4;
  options.replicates = 2;
  options.resamples = 20;
  const auto r =
      analyse_scenario(s, factors, {"mean_recovery_months", "mean_case_time_politicians"}, options);
  ASSERT_EQ(r.outputs.size(), 2U);
  const auto& undefined = r.outputs[0];
  EXPECT_GT(undefined.undefined_points, 0U);
  EXPECT_LE(undefined.undefined_points, r.design_points);
  EXPECT_TRUE(std::isnan(undefined.noise_share));
  for (const auto& m : undefined.morris) {
    EXPECT_TRUE(std::isnan(m.mu_star));
    EXPECT_TRUE(std::isnan(m.mu));
  }
  EXPECT_EQ(r.outputs[1].undefined_points, 0U);
  EXPECT_GT(r.outputs[1].morris[0].mu_star, 0.0);
  const std::string csv = io::sensitivity_csv(r);
  EXPECT_NE(csv.find(fmt::format("\"mean_recovery_months\",model.case_pull,0.05,0.6,0,NA,NA,"
                                 "NA,NA,NA")),
            std::string::npos)
      << csv;
  EXPECT_NE(io::sensitivity_table(r, 5).find("UNDEFINED at"), std::string::npos);
}

namespace {

namespace fs = std::filesystem;

fs::path fresh(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("samspel-sens-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// What a store holds after an analysis was killed once its first block was committed: every
// later block, and the indices of the end, missing (a block is one transaction).
void cut_after_first_block(const fs::path& store) {
  sql(store,
      "DELETE FROM design WHERE point >= 64; DELETE FROM point_outputs WHERE point >= 64; "
      "DELETE FROM blocks WHERE id >= 1; DELETE FROM indices; UPDATE outputs SET base_value = "
      "NULL, noise_share = NULL, opposite_sign = NULL, undefined_points = NULL;");
}

// Sobol' over 2 factors with 40 base samples: 161 points, three blocks.
SensitivityOptions three_blocks(const fs::path& store, unsigned threads) {
  SensitivityOptions options;
  options.method = io::Method::sobol;
  options.points = 40;
  options.replicates = 2;
  options.resamples = 30;
  options.threads = threads;
  options.store = store;
  options.scenario = "short.toml";
  options.provenance = {"test", "abc123", "samspel sensitivity short.toml"};
  return options;
}

const std::vector<io::Factor>& two_factors() {
  static const std::vector<io::Factor> factors = {
      io::parse_factor("model.case_pull=0.05:0.6"),
      io::parse_factor("model.closeness_trust=0.3:0.9")};
  return factors;
}

void expect_same_exports(const fs::path& a, const fs::path& b, const fs::path& dir) {
  io::export_store(a, dir / "a", "csv");
  io::export_store(b, dir / "b", "csv");
  for (const char* table : {"study.csv", "factors.csv", "outputs.csv", "blocks.csv", "design.csv",
                            "point_outputs.csv", "indices.csv"}) {
    EXPECT_EQ(slurp(dir / "a" / table), slurp(dir / "b" / table)) << table;
  }
  io::export_store(a, dir / "aj", "json");
  io::export_store(b, dir / "bj", "json");
  EXPECT_EQ(slurp(dir / "aj" / "store.json"), slurp(dir / "bj" / "store.json"));
}

}  // namespace

// An analysis interrupted after its first block and rerun ends with the same store, byte for
// byte, as one never interrupted; and neither depends on the threads.
TEST(SensitivityStore, InterruptedAnalysisResumesToTheSameStoreWhateverTheThreads) {
  const fs::path dir = fresh("resume");
  const io::Scenario s = short_scenario();
  const auto whole = analyse_scenario(s, two_factors(), {"mean_case_time_politicians"},
                                      three_blocks(dir / "whole.sqlite", 1));
  EXPECT_EQ(whole.resumed_runs, 0U);
  EXPECT_EQ(whole.design_points, 40U * 4U);
  fs::copy_file(dir / "whole.sqlite", dir / "cut.sqlite");
  cut_after_first_block(dir / "cut.sqlite");
  const auto resumed = analyse_scenario(s, two_factors(), {"mean_case_time_politicians"},
                                        three_blocks(dir / "cut.sqlite", 2));
  EXPECT_EQ(resumed.resumed_runs, 64U * 2U);  // the first block's points were read back
  EXPECT_EQ(io::sensitivity_csv(whole), io::sensitivity_csv(resumed));
  expect_same_exports(dir / "whole.sqlite", dir / "cut.sqlite", dir);
  // Without a store (points in memory) the indices are the same.
  auto memory = three_blocks("", 2);
  EXPECT_EQ(io::sensitivity_csv(whole),
            io::sensitivity_csv(
                analyse_scenario(s, two_factors(), {"mean_case_time_politicians"}, memory)));
  fs::remove_all(dir);
}

// A completed block is read back as stored, not computed again: a value changed in it stays,
// and moves the indices.
TEST(SensitivityStore, CompletedBlocksAreReadBackNotRecomputed) {
  const fs::path dir = fresh("read-back");
  const io::Scenario s = short_scenario();
  const auto whole = analyse_scenario(s, two_factors(), {"mean_case_time_politicians"},
                                      three_blocks(dir / "a.sqlite", 0));
  cut_after_first_block(dir / "a.sqlite");
  sql(dir / "a.sqlite", "UPDATE point_outputs SET mean = 5 WHERE point = 1");
  const auto resumed = analyse_scenario(s, two_factors(), {"mean_case_time_politicians"},
                                        three_blocks(dir / "a.sqlite", 0));
  EXPECT_NE(io::sensitivity_csv(whole), io::sensitivity_csv(resumed));
  io::export_store(dir / "a.sqlite", dir / "out", "csv");
  EXPECT_NE(slurp(dir / "out" / "point_outputs.csv").find("\n1,0,5,"), std::string::npos);
  fs::remove_all(dir);
}

// A store made by another analysis (here another seed) is refused and left as it was.
TEST(SensitivityStore, RefusesAStoreOfAnotherAnalysis) {
  const fs::path dir = fresh("other");
  const io::Scenario s = short_scenario();
  auto options = three_blocks(dir / "a.sqlite", 0);
  options.points = 2;
  (void)analyse_scenario(s, two_factors(), {"mean_case_time_politicians"}, options);
  const std::string before = slurp(dir / "a.sqlite");
  options.seed = 2;
  EXPECT_THROW(analyse_scenario(s, two_factors(), {"mean_case_time_politicians"}, options),
               io::ScenarioError);
  EXPECT_EQ(slurp(dir / "a.sqlite"), before);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace samspel::study
