#include "samspel/io/validation_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "samspel/model/observation.hpp"

namespace samspel::io {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr std::string_view kSource = "v.toml";

const std::string kHead = R"(name = "test"
[run]
years = 10
[validation]
pattern = "F9"
claim = "a claim"
[[validation.comparison]]
label = "high vs low"
reference = ["model.case_pull=0.1"]
treatment = ["model.case_pull=0.8"]
)";

std::string parse_error(std::string_view text) {
  try {
    parse_validation(text, kSource);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(ValidationFile, ParsesComparisonsMeasuresAndWindows) {
  const ValidationSpec s = parse_validation(kHead + R"(
[[validation.comparison.measure]]
name = "lockin_share"
expect = "decrease"
min_effect = 0.01
[[validation.comparison.measure]]
name = "mean_fit_ideas"
years = [9, 10]
expect = "equal"
margin = 0.05
)",
                                            kSource);
  EXPECT_EQ(s.pattern, "F9");
  EXPECT_EQ(s.claim, "a claim");
  EXPECT_EQ(s.scenario.run.years, 10);
  ASSERT_EQ(s.comparisons.size(), 1U);
  const auto& c = s.comparisons[0];
  EXPECT_EQ(c.label, "high vs low");
  EXPECT_FALSE(c.difference_in_differences());
  ASSERT_EQ(c.configurations().size(), 2U);
  ASSERT_EQ(c.measures.size(), 2U);
  EXPECT_EQ(c.measures[0].expect, Expectation::decrease);
  EXPECT_DOUBLE_EQ(c.measures[0].min_effect, 0.01);
  EXPECT_FALSE(c.measures[0].windowed());
  EXPECT_EQ(c.measures[1].expect, Expectation::equal);
  EXPECT_DOUBLE_EQ(c.measures[1].margin, 0.05);
  EXPECT_EQ(c.measures[1].from_year, 9);
  EXPECT_EQ(c.measures[1].to_year, 10);
  EXPECT_EQ(c.measures[1].index, static_cast<std::size_t>(model::Metric::fit_ideas));
  EXPECT_EQ(c.measures[1].label(), "mean_fit_ideas (years 9-10)");
}

TEST(ValidationFile, DifferenceInDifferencesHasFourConfigurations) {
  const ValidationSpec s = parse_validation(kHead + R"(from = ["municipality.turbulence=0.2"]
to = ["municipality.turbulence=0"]
[[validation.comparison.measure]]
name = "mean_fit_ideas"
expect = "increase"
)",
                                            kSource);
  const auto configurations = s.comparisons[0].configurations();
  ASSERT_EQ(configurations.size(), 4U);
  EXPECT_EQ(configurations[1],
            (std::vector<std::string>{"municipality.turbulence=0.2", "model.case_pull=0.8"}));
  EXPECT_EQ(configurations[2],
            (std::vector<std::string>{"municipality.turbulence=0", "model.case_pull=0.1"}));
  EXPECT_DOUBLE_EQ(configure(s.scenario, configurations[3]).parameters.municipality.turbulence,
                   0.0);
}

TEST(ValidationFile, RefusesWithFileLineColumn) {
  const std::string measure = "[[validation.comparison.measure]]\n";
  EXPECT_EQ(parse_error(kHead + measure + "name = \"nonsense\"\nexpect = \"increase\"\n"),
            "v.toml:12:8: validation.comparison[0].measure[0].name: \"nonsense\" is not a run "
            "measure; allowed: a column of replicates.csv (docs/outputs.md)");
  EXPECT_THAT(parse_error(kHead + measure + "name = \"lockins\"\nexpect = \"up\"\n"),
              AllOf(StartsWith("v.toml:13:10: validation.comparison[0].measure[0].expect:"),
                    HasSubstr("allowed: increase, decrease, equal, positive")));
  EXPECT_THAT(parse_error(kHead + measure + "name = \"lockins\"\nexpect = \"equal\"\n"),
              HasSubstr("needs margin"));
  EXPECT_THAT(
      parse_error(kHead + measure + "name = \"lockins\"\nexpect = \"positive\"\nmin_effect = 1\n"),
      AllOf(StartsWith("v.toml:14:14:"), HasSubstr("allowed: name, expect, years")));
  EXPECT_THAT(
      parse_error(kHead + measure + "name = \"lockins\"\nexpect = \"increase\"\nyears = [1, 2]\n"),
      HasSubstr("lockins takes no window"));
  EXPECT_THAT(parse_error(kHead + measure +
                          "name = \"mean_fit_ideas\"\nexpect = \"increase\"\nyears = [3, 11]\n"),
              AllOf(StartsWith("v.toml:14:9:"), HasSubstr("last <= 10")));
  EXPECT_THAT(parse_error(kHead), HasSubstr("at least one [[validation.comparison.measure]]"));
  EXPECT_THAT(parse_error(std::string(kHead).replace(kHead.find("0.8"), 3, "7") + measure +
                          "name = \"lockins\"\nexpect = \"increase\"\n"),
              AllOf(StartsWith("v.toml:10:14: validation.comparison[0].treatment[0]:"),
                    HasSubstr("model.case_pull")));
  EXPECT_THAT(parse_error("[run]\nyears = 10\n"), HasSubstr("[validation]: missing"));
  EXPECT_THAT(
      parse_error(kHead + "bogus = 1\n" + measure + "name = \"lockins\"\nexpect = \"increase\"\n"),
      StartsWith("v.toml:11:9: validation.comparison[0].bogus: unknown key"));
  EXPECT_THAT(parse_error("[validation]\npattern = \"F 1\"\n"),
              StartsWith("v.toml:2:11: validation.pattern:"));
  // The scenario part is checked as any scenario is.
  EXPECT_THAT(parse_error("[strategy]\nfoundation = \"love\"\n" + kHead.substr(kHead.find("[val"))),
              StartsWith("v.toml:2:14: strategy.foundation:"));
}

TEST(ValidationFile, HeldNamesDistinctRealParameters) {
  const std::string measure =
      "[[validation.comparison.measure]]\nname = \"lockins\"\nexpect = \"increase\"\n";
  const auto with_held = [&](std::string_view held) {
    std::string text = kHead;
    text.insert(text.find("[[validation.comparison]]"), fmt::format("held = {}\n", held));
    return text + measure;
  };
  EXPECT_TRUE(parse_validation(kHead + measure, kSource).held.empty());
  EXPECT_EQ(
      parse_validation(with_held(R"(["model.initial_fit", "municipality.turbulence"])"), kSource)
          .held,
      (std::vector<std::string>{"model.initial_fit", "municipality.turbulence"}));
  EXPECT_THAT(parse_error(with_held(R"(["strategy.foundation"])")),
              AllOf(StartsWith("v.toml:7:9: validation.held[0]: \"strategy.foundation\" is not a "
                               "real parameter"),
                    HasSubstr("allowed: an array of distinct real parameter keys")));
  EXPECT_THAT(parse_error(with_held(R"(["model.nonsense"])")),
              StartsWith("v.toml:7:9: validation.held[0]:"));
  EXPECT_THAT(parse_error(with_held(R"(["model.initial_fit", "model.initial_fit"])")),
              StartsWith("v.toml:7:30: validation.held[1]:"));
  EXPECT_THAT(parse_error(with_held("\"model.initial_fit\"")),
              StartsWith("v.toml:7:8: validation.held:"));
}

TEST(ValidationFile, NonInferiorityRulesTakeAMarginAndAMeasureCanBeDeclaredByConstruction) {
  const ValidationSpec s = parse_validation(kHead + R"(
[[validation.comparison.measure]]
name = "mean_cooperation_kso_ceo"
years = [1, 4]
expect = "no_less"
margin = 0.05
[[validation.comparison.measure]]
name = "ceo_exits_cooperation"
expect = "no_more"
margin = 0.005
by_construction = false
[[validation.comparison.measure]]
name = "mean_case_time_politicians"
expect = "increase"
by_construction = true
)",
                                            kSource);
  const auto& m = s.comparisons.at(0).measures;
  ASSERT_EQ(m.size(), 3U);
  EXPECT_EQ(m[0].expect, Expectation::no_less);
  EXPECT_DOUBLE_EQ(m[0].margin, 0.05);
  EXPECT_EQ(m[0].from_year, 1);
  EXPECT_FALSE(m[0].by_construction);  // the default
  EXPECT_EQ(m[1].expect, Expectation::no_more);
  EXPECT_DOUBLE_EQ(m[1].margin, 0.005);
  EXPECT_FALSE(m[1].by_construction);
  EXPECT_EQ(m[2].expect, Expectation::increase);
  EXPECT_TRUE(m[2].by_construction);
}

TEST(ValidationFile, RefusesNonInferiorityWithoutMarginOrWithMinEffectAndABadFlag) {
  const std::string measure = "[[validation.comparison.measure]]\nname = \"lockins\"\n";
  EXPECT_EQ(parse_error(kHead + measure + "expect = \"no_less\"\n"),
            "v.toml:11:1: validation.comparison[0].measure[0]: expect = \"no_less\" needs "
            "margin: how much lower still counts as no less");
  EXPECT_EQ(parse_error(kHead + measure + "expect = \"no_more\"\n"),
            "v.toml:11:1: validation.comparison[0].measure[0]: expect = \"no_more\" needs "
            "margin: how much higher still counts as no more");
  EXPECT_EQ(parse_error(kHead + measure + "expect = \"no_more\"\nmargin = 0.1\nmin_effect = 0.1\n"),
            "v.toml:15:14: validation.comparison[0].measure[0].min_effect: unknown key for "
            "expect = \"no_more\"; allowed: name, expect, years, by_construction, margin");
  EXPECT_EQ(parse_error(kHead + measure + "expect = \"no_less\"\nmin_effect = 0.1\nmargin = 0.1\n"),
            "v.toml:14:14: validation.comparison[0].measure[0].min_effect: unknown key for "
            "expect = \"no_less\"; allowed: name, expect, years, by_construction, margin");
  EXPECT_EQ(parse_error(kHead + measure + "expect = \"no_less\"\nmargin = -0.1\n"),
            "v.toml:14:10: validation.comparison[0].measure[0].margin: allowed: a number >= 0");
  // A margin belongs to equal, no_less and no_more only.
  EXPECT_EQ(parse_error(kHead + measure + "expect = \"increase\"\nmargin = 0.1\n"),
            "v.toml:14:10: validation.comparison[0].measure[0].margin: unknown key for "
            "expect = \"increase\"; allowed: name, expect, years, by_construction, min_effect");
  EXPECT_EQ(
      parse_error(kHead + measure + "expect = \"increase\"\nby_construction = \"yes\"\n"),
      "v.toml:14:19: validation.comparison[0].measure[0].by_construction: allowed: true or false");
  EXPECT_EQ(parse_error(kHead + measure + "expect = \"no_worse\"\n"),
            "v.toml:13:10: validation.comparison[0].measure[0].expect: \"no_worse\" is not "
            "allowed; allowed: increase, decrease, equal, positive, no_less, no_more");
}

TEST(ValidationFile, EveryShippedFileParses) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(SAMSPEL_SOURCE_DIR) / "validation")) {
    const ValidationSpec s = load_validation(entry.path());
    EXPECT_EQ(s.pattern, entry.path().stem().string());
    EXPECT_GE(s.scenario.run.replicates, 200) << entry.path();  // docs/patterns.md: >= 200
    ++files;
  }
  EXPECT_EQ(files, 14);  // F1-F13 and F4b
}

// A validation file is told by its [validation] table, not by whether it loads: a broken one is
// still one, so that its own parser names the fault.
TEST(ValidationFile, IsToldByItsValidationTable) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("samspel-is-validation-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto write = [&](const char* name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return dir / name;
  };
  EXPECT_TRUE(is_validation_file(write("good.toml", kHead)));
  EXPECT_TRUE(is_validation_file(write("broken.toml", "[validation]\nverdict = 1\n")));
  EXPECT_FALSE(is_validation_file(write("scenario.toml", "[run]\nyears = 2\n")));
  EXPECT_FALSE(is_validation_file(write("value.toml", "validation = 1\n")));
  EXPECT_FALSE(is_validation_file(write("bad.toml", "[validation\n")));
  EXPECT_FALSE(is_validation_file(dir / "missing.toml"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace samspel::io
