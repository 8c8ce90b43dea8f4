#include "samspel/io/validation_report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace samspel::io {
namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

MeasureOutcome outcome(std::string name, Expectation expect, double mean, bool holds) {
  MeasureOutcome m;
  m.comparison = "a vs b";
  m.measure.name = std::move(name);
  m.measure.expect = expect;
  m.means = {0.5, 0.5 + mean};
  m.effect = engine::PairedDifference{200, mean, 0.01, mean - 0.02, mean + 0.02};
  m.holds = holds;
  m.robust_holds = holds ? 20 : 3;
  return m;
}

TEST(ValidationMarkdown, OneRowPerMeasureWithThePatternsVerdictOnItsFirstRow) {
  PatternOutcome p;
  p.pattern = "F3";
  p.robust_points = 20;
  p.robust_holds = 3;
  p.measures.push_back(outcome("mean_fit_ideas", Expectation::decrease, -0.0168, true));
  p.measures.push_back(outcome("mean_cooperation_kso_ceo", Expectation::equal, 0.07, false));
  p.measures.back().measure.margin = 0.05;
  p.measures.back().measure.from_year = 1;
  p.measures.back().measure.to_year = 2;
  p.emergent = true;
  ValidationReport r;
  r.patterns.push_back(p);

  const auto rows = lines(validation_markdown(r));
  ASSERT_EQ(rows.size(), 4U);  // header, separator, two measures
  EXPECT_EQ(
      rows[0],
      "| pattern | comparison | measure | rule | means (ref; treat[; ref; treat under `to`]) "
      "| effect [95% CI] | holds | emergent | robust (measure) | robust (pattern) | verdict |");
  EXPECT_EQ(rows[2],
            "| F3 | a vs b | `mean_fit_ideas` | decrease | 0.5; 0.483 | -0.0168 [-0.0368, "
            "+0.0032] | yes | yes | 20/20 | 3/20 | **FAIL** |");
  EXPECT_EQ(rows[3],
            "|  | a vs b | `mean_cooperation_kso_ceo` (years 1–2) | equal within 0.05 | 0.5; 0.57 "
            "| +0.07 [+0.05, +0.09] | **no** | yes | 3/20 |  |  |");
}

// A pattern whose measures hold but are all by construction: one found (no variance), one
// declared in the file, with the non-inferiority rules.
PatternOutcome by_construction_pattern() {
  PatternOutcome p;
  p.pattern = "F12";
  p.robust_points = 20;
  p.robust_holds = 20;
  p.holds = true;
  p.emergent = false;
  p.pass = false;
  p.measures.push_back(outcome("mean_cooperation_kso_ceo", Expectation::no_less, 0.01, true));
  p.measures.back().measure.margin = 0.05;
  p.measures.back().no_variance = true;
  p.measures.back().by_construction = true;
  p.measures.push_back(outcome("ceo_exits_cooperation", Expectation::no_more, -0.001, true));
  p.measures.back().measure.margin = 0.005;
  p.measures.back().measure.by_construction = true;
  p.measures.back().by_construction = true;
  return p;
}

TEST(ValidationMarkdown, ShowsNonInferiorityRulesAndAPatternWithoutAnEmergentMeasure) {
  ValidationReport r;
  r.robust_required = 0.8;
  r.patterns.push_back(by_construction_pattern());
  const auto rows = lines(validation_markdown(r));
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_EQ(rows[2],
            "| F12 | a vs b | `mean_cooperation_kso_ceo` | no less than -0.05 | 0.5; 0.51 | +0.01 "
            "[-0.01, +0.03] | yes | by construction (no variance) | 20/20 | 20/20 | **FAIL** (no "
            "emergent measure) |");
  EXPECT_EQ(rows[3],
            "|  | a vs b | `ceo_exits_cooperation` | no more than +0.005 | 0.5; 0.499 | -0.001 "
            "[-0.021, +0.019] | yes | by construction (declared) | 20/20 |  |  |");
  EXPECT_EQ(r.fail_reasons(r.patterns[0]), std::vector<std::string>{"no emergent measure"});
  const std::string table = validation_table(r);
  EXPECT_NE(table.find("NO EMERGENT MEASURE"), std::string::npos) << table;
  EXPECT_NE(table.find("by construction (declared)"), std::string::npos) << table;
}

TEST(ValidationCsvJson, CarryByConstructionAndTheEmergentVerdict) {
  ValidationReport r;
  r.robust_required = 0.8;
  r.patterns.push_back(by_construction_pattern());
  PatternOutcome emergent = by_construction_pattern();
  emergent.pattern = "F13";
  emergent.measures[1].measure.by_construction = false;
  emergent.measures[1].by_construction = false;
  emergent.emergent = true;
  emergent.pass = true;
  emergent.held = {"model.initial_fit", "municipality.turbulence"};
  r.patterns.push_back(emergent);

  const auto rows = lines(validation_csv(r));
  ASSERT_EQ(rows.size(), 5U);
  EXPECT_EQ(rows[0],
            "pattern,comparison,measure,from_year,to_year,expect,min_effect,margin,n,means,effect,"
            "effect_low,effect_high,holds,robust_holds,by_construction,by_construction_why,"
            "robust_points,pattern_holds,pattern_robust_share,pattern_emergent,pattern_pass,"
            "pattern_held");
  EXPECT_EQ(rows[1],
            "F12,\"a vs b\",mean_cooperation_kso_ceo,NA,NA,no_less,0,0.05,200,0.5;0.51,0.01,-0.01,"
            "0.03,1,20,1,no variance,20,1,1,0,0,NA");
  EXPECT_EQ(rows[2],
            "F12,\"a vs b\",ceo_exits_cooperation,NA,NA,no_more,0,0.005,200,0.5;0.499,-0.001,"
            "-0.021,0.019,1,20,1,declared,20,1,1,0,0,NA");
  EXPECT_EQ(rows[4],
            "F13,\"a vs b\",ceo_exits_cooperation,NA,NA,no_more,0,0.005,200,0.5;0.499,-0.001,"
            "-0.021,0.019,1,20,0,NA,20,1,1,1,1,model.initial_fit;municipality.turbulence");

  const auto j = nlohmann::json::parse(validation_json(r, Provenance{}));
  EXPECT_FALSE(j["all_pass"].get<bool>());
  const auto& f12 = j["patterns"][0];
  EXPECT_FALSE(f12["emergent"].get<bool>());
  EXPECT_FALSE(f12["pass"].get<bool>());
  EXPECT_EQ(f12["fail_reasons"], nlohmann::json::array({"no emergent measure"}));
  EXPECT_EQ(f12["measures"][0]["rule"], "no less than -0.05");
  EXPECT_EQ(f12["measures"][0]["expect"], "no_less");
  EXPECT_TRUE(f12["measures"][0]["by_construction"].get<bool>());
  EXPECT_EQ(f12["measures"][0]["by_construction_why"], "no variance");
  EXPECT_EQ(f12["measures"][1]["rule"], "no more than +0.005");
  EXPECT_EQ(f12["measures"][1]["by_construction_why"], "declared");
  const auto& f13 = j["patterns"][1];
  EXPECT_TRUE(f13["emergent"].get<bool>());
  EXPECT_TRUE(f13["fail_reasons"].empty());
  EXPECT_FALSE(f13["measures"][1]["by_construction"].get<bool>());
  EXPECT_TRUE(f13["measures"][1]["by_construction_why"].is_null());
  EXPECT_TRUE(f12["held"].empty());
  EXPECT_EQ(f13["held"], nlohmann::json::array({"model.initial_fit", "municipality.turbulence"}));
  EXPECT_NE(validation_table(r).find(" per point, model.initial_fit, municipality.turbulence "
                                     "held\n"),
            std::string::npos);
  EXPECT_NE(validation_markdown(r).find("| 20/20 | 20/20, model.initial_fit, "
                                        "municipality.turbulence held | **PASS** |"),
            std::string::npos);
}

TEST(ValidationReport, FailReasonsFollowTheRule) {
  ValidationReport r;
  r.robust_required = 0.8;
  PatternOutcome p;
  p.robust_points = 20;
  p.robust_holds = 15;
  p.holds = false;
  EXPECT_EQ(r.fail_reasons(p),
            (std::vector<std::string>{"does not hold at the file's parameters",
                                      "robust at 15 of 20 points (< 80%)", "no emergent measure"}));
  p.robust_holds = 16;  // 80% is enough
  p.holds = true;
  p.emergent = true;
  p.pass = true;
  EXPECT_TRUE(r.fail_reasons(p).empty());
}

}  // namespace
}  // namespace samspel::io
