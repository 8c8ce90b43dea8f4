#include "samspel/io/sensitivity_report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "samspel/io/scenario.hpp"

namespace samspel::io {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string parse_error(std::string_view text) {
  try {
    parse_factor(text);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(Factor, ParsesARangeAndALogRange) {
  const Factor f = parse_factor("model.case_pull=0.1:0.4");
  EXPECT_EQ(f.key, "model.case_pull");
  EXPECT_EQ(f.low, 0.1);
  EXPECT_EQ(f.high, 0.4);
  EXPECT_FALSE(f.log);
  EXPECT_DOUBLE_EQ(f.at(0.5), 0.25);
  const Factor g = parse_factor("model.case_pull=0.01:1:log");
  EXPECT_TRUE(g.log);
  EXPECT_NEAR(g.at(0.5), 0.1, 1e-12);  // the geometric middle
  EXPECT_DOUBLE_EQ(g.at(0), 0.01);
}

TEST(Factor, RefusesWhatIsNotARealRangeInsideTheDictionary) {
  EXPECT_EQ(parse_error("model.case_pull"),
            "--param model.case_pull: allowed: key=low:high or key=low:high:log");
  EXPECT_THAT(parse_error("strategy.foundation=0:1"), HasSubstr("not a real parameter"));
  EXPECT_THAT(parse_error("model.nonsense=0:1"), HasSubstr("not a real parameter"));
  EXPECT_THAT(parse_error("model.case_pull=0.4:0.1"), HasSubstr("allowed: low < high within"));
  EXPECT_THAT(parse_error("model.case_pull=0:7"), HasSubstr("allowed: low < high within"));
  EXPECT_THAT(parse_error("model.case_pull=0.1:x"), HasSubstr("with numbers"));
  EXPECT_THAT(parse_error("model.case_pull=0.1:0.2x"), HasSubstr("with numbers"));
  EXPECT_THAT(parse_error("model.case_pull=0:0.4:log"), HasSubstr("low > 0 for a log range"));
}

SensitivityResult small_result(Method method) {
  SensitivityResult r;
  r.method = method;
  r.factors = {{"model.case_pull", 0.1, 0.4, false}, {"model.trust_new", 0.2, 0.4, true}};
  SensitivityOutput o;
  o.name = "F2: a, \"b\": lockins";
  o.base_value = -2;
  o.noise_share = 0.5;
  o.opposite_sign = 3;
  // The 12 points of opposite sign lie at the top of case_pull's range, anywhere in trust_new's.
  o.reversals.points = 40;
  o.reversals.flips = 12;
  o.reversals.clusters = 40;
  o.reversals.z_bound = 2.24;
  o.reversals.factors = {{.mean_all = 0.5, .mean_flips = 0.9, .low = 0.8, .high = 1, .z = 5},
                         {.mean_all = 0.5, .mean_flips = 0.5, .low = 0, .high = 1, .z = 0.5}};
  o.morris = {{.mu = 1, .mu_star = 2, .sigma = 0.5, .mu_star_low = 1.5, .mu_star_high = 2.5}, {}};
  engine::SobolIndex s;
  s.first = 0.25;
  s.total = 0.5;
  s.first_interval = {0.2, 0.3};
  s.total_interval = {0.4, 0.6};
  o.sobol = {s, engine::SobolIndex{}};
  r.outputs.push_back(o);
  r.design_points = 6;
  r.runs = 70;
  r.replicates = 10;
  return r;
}

TEST(SensitivityReport, CsvHasOneRowPerOutputAndFactor) {
  std::istringstream morris(sensitivity_csv(small_result(Method::morris)));
  std::vector<std::string> rows;
  for (std::string line; std::getline(morris, line);)
    rows.push_back(line);
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0],
            "output,factor,low,high,log,mu,mu_star,mu_star_low,mu_star_high,sigma,base_value,"
            "noise_share,opposite_sign,undefined_points,reversal_value,reversal_z");
  EXPECT_EQ(rows[1],
            "\"F2: a, \"\"b\"\": lockins\",model.case_pull,0.1,0.4,0,1,2,1.5,2.5,0.5,-2,"
            "0.5,3,0,0.37,5");
  EXPECT_THAT(sensitivity_csv(small_result(Method::sobol)),
              HasSubstr(",model.trust_new,0.2,0.4,1,0,0,0,0,0,0,-2,0.5,3,0,0.282843,0.5\n"));
}

TEST(SensitivityReport, SaysWhereThePointsOfOppositeSignLie) {
  const SensitivityResult r = small_result(Method::morris);
  const auto j = nlohmann::json::parse(sensitivity_json(r, Provenance{"cmd", "0", "r"}));
  const auto& where = j["outputs"][0]["reversals"]["where"];
  ASSERT_EQ(where.size(), 1U);  // trust_new's z is inside the bound
  EXPECT_EQ(where[0]["factor"], "model.case_pull");
  EXPECT_EQ(where[0]["side"], "high");
  EXPECT_NEAR(where[0]["low"].get<double>(), 0.34, 1e-12);
  EXPECT_NEAR(where[0]["high"].get<double>(), 0.4, 1e-12);
  EXPECT_THAT(sensitivity_table(r, 10),
              HasSubstr("  the points of opposite sign lie where\n    model.case_pull high (0.34 "
                        "to 0.4 there, typically 0.37; z = +5.0)\n"));
}

TEST(SensitivityReport, JsonAndTableSayWhenNoiseDominates) {
  const auto j = nlohmann::json::parse(
      sensitivity_json(small_result(Method::sobol), Provenance{"cmd", "0", "r"}));
  EXPECT_EQ(j["method"], "sobol");
  EXPECT_EQ(j["command_line"], "cmd");
  EXPECT_TRUE(j["outputs"][0]["too_noisy"].get<bool>());
  EXPECT_EQ(j["outputs"][0]["indices"][0]["st"], 0.5);
  EXPECT_EQ(j["factors"][1]["log"], true);
  const std::string table = sensitivity_table(small_result(Method::morris), 1);
  EXPECT_THAT(table, HasSubstr("WARNING: replicate noise is 50%"));
  EXPECT_THAT(table, HasSubstr("model.case_pull"));
  EXPECT_EQ(table.find("model.trust_new"), std::string::npos);  // --top 1
  SensitivityResult quiet = small_result(Method::morris);
  quiet.outputs[0].noise_share = 0.1;
  EXPECT_EQ(sensitivity_table(quiet, 2).find("WARNING"), std::string::npos);
}

}  // namespace
}  // namespace samspel::io
