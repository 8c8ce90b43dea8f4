#include "samspel/study/validate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "samspel/io/dictionary.hpp"
#include "samspel/io/validation_report.hpp"

namespace samspel::study {
namespace {

using io::Expectation;

io::ValidationMeasure measure(Expectation e, double min_effect = 0, double margin = 0) {
  io::ValidationMeasure m;
  m.name = "x";
  m.expect = e;
  m.min_effect = min_effect;
  m.margin = margin;
  return m;
}

// Two configurations whose paired differences are `shift` + (-0.1, +0.1, -0.1, +0.1, ...):
// mean `shift`, standard error 0.1 / sqrt(n) * sqrt(n / (n - 1)).
std::vector<std::vector<double>> pair_with(double shift, int n = 40) {
  std::vector<double> a(n);
  std::vector<double> b(n);
  for (int i = 0; i < n; ++i) {
    a[i] = 0.3 + 0.01 * i;
    b[i] = a[i] + shift + (i % 2 == 0 ? -0.1 : 0.1);
  }
  return {a, b};
}

TEST(Judge, IncreaseNeedsTheWholeIntervalAboveZeroAndTheMinimumEffect) {
  // n = 40: half-width = t(39) * 0.1 * sqrt(40/39) / sqrt(40) ~ 0.0323.
  EXPECT_TRUE(judge(measure(Expectation::increase), false, pair_with(0.05)).holds);
  EXPECT_FALSE(judge(measure(Expectation::increase), false, pair_with(0.02)).holds);
  EXPECT_FALSE(judge(measure(Expectation::increase), false, pair_with(-0.05)).holds);
  EXPECT_FALSE(judge(measure(Expectation::increase, 0.06), false, pair_with(0.05)).holds);
  EXPECT_TRUE(judge(measure(Expectation::increase, 0.04), false, pair_with(0.05)).holds);
  const Verdict v = judge(measure(Expectation::increase), false, pair_with(0.05));
  EXPECT_NEAR(v.effect.mean, 0.05, 1e-12);
  EXPECT_NEAR(v.effect.high - v.effect.mean, 0.0323, 0.0005);
}

TEST(Judge, DecreaseMirrorsIncrease) {
  EXPECT_TRUE(judge(measure(Expectation::decrease), false, pair_with(-0.05)).holds);
  EXPECT_FALSE(judge(measure(Expectation::decrease), false, pair_with(0.05)).holds);
  EXPECT_FALSE(judge(measure(Expectation::decrease, 0.1), false, pair_with(-0.05)).holds);
}

TEST(Judge, EqualNeedsTheIntervalInsideTheMargin) {
  EXPECT_TRUE(judge(measure(Expectation::equal, 0, 0.05), false, pair_with(0.0)).holds);
  EXPECT_FALSE(judge(measure(Expectation::equal, 0, 0.05), false, pair_with(0.03)).holds);
  EXPECT_FALSE(judge(measure(Expectation::equal, 0, 0.02), false, pair_with(0.0)).holds);
}

TEST(Judge, PositiveNeedsEveryConfigurationAboveZero) {
  auto v = pair_with(0.0);
  EXPECT_TRUE(judge(measure(Expectation::positive), false, v).holds);
  for (auto& x : v[1])
    x -= 1.0;  // mean about -0.5
  const Verdict verdict = judge(measure(Expectation::positive), false, v);
  EXPECT_FALSE(verdict.holds);
  EXPECT_LT(verdict.effect.mean, 0);  // the lowest configuration is reported
}

TEST(Judge, DifferenceInDifferencesComparesTheGaps) {
  const auto from = pair_with(-0.1);  // gap -0.1 under `from`
  auto to = pair_with(-0.1);
  for (auto& x : to[1])
    x += 0.08;  // gap -0.02 under `to`: it shrank by 0.08
  const std::vector<std::vector<double>> v{from[0], from[1], to[0], to[1]};
  const Verdict verdict = judge(measure(Expectation::increase), true, v);
  EXPECT_NEAR(verdict.effect.mean, 0.08, 1e-12);
  EXPECT_TRUE(verdict.holds);
  EXPECT_FALSE(judge(measure(Expectation::decrease), true, v).holds);
}

TEST(Judge, UndefinedReplicatesAreLeftOutAndTooFewNeverHold) {
  auto v = pair_with(0.05);
  v[0][0] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(judge(measure(Expectation::increase), false, v).effect.n, 39);
  const std::vector<std::vector<double>> one{{1.0}, {2.0}};
  EXPECT_FALSE(judge(measure(Expectation::increase), false, one).holds);
}

TEST(Perturb, StaysWithinSpreadAndRangeAndIsFixedBySeedAndPoint) {
  io::Scenario base;
  base.parameters.model.closeness_trust = 0.9;  // 0.9 * 1.25 would leave [0, 1]
  const io::Scenario a = perturb(base, 7, 3, 0.25);
  const io::Scenario b = perturb(base, 7, 3, 0.25);
  const io::Scenario c = perturb(base, 7, 4, 0.25);
  bool differs = false;
  for (const auto& spec : io::parameter_specs()) {
    const double before = spec.get(base.parameters);
    const double after = spec.get(a.parameters);
    if (spec.kind != io::Kind::Real || !std::isfinite(before)) {
      EXPECT_TRUE(after == before || (std::isnan(after) && std::isnan(before))) << spec.key;
      continue;
    }
    EXPECT_EQ(after, spec.get(b.parameters)) << spec.key;
    differs = differs || after != spec.get(c.parameters);
    EXPECT_GE(after, spec.low) << spec.key;
    EXPECT_LE(after, spec.high) << spec.key;
    const double lo = std::min(before * 0.75, before * 1.25);
    const double hi = std::max(before * 0.75, before * 1.25);
    EXPECT_GE(after, std::max(lo, spec.low) - 1e-12) << spec.key;
    EXPECT_LE(after, std::min(hi, spec.high) + 1e-12) << spec.key;
  }
  EXPECT_TRUE(differs);
  EXPECT_LE(a.parameters.model.closeness_trust, 1.0);
}

// A small pattern end to end: the same results whatever the thread count, and a lever that
// the model's mechanisms make act (population sets capacity, hence case time).
TEST(ValidatePattern, SameResultWhateverTheThreadsAndJudgesEveryPoint) {
  const io::ValidationSpec spec = io::parse_validation(R"(
[run]
years = 2
[model]
spin_up_years = 0
[validation]
pattern = "T"
[[validation.comparison]]
reference = ["municipality.population=200000"]
treatment = ["municipality.population=5000"]
[[validation.comparison.measure]]
name = "mean_case_time_politicians"
expect = "increase"
[[validation.comparison.measure]]
name = "mean_case_time_politicians"
years = [2, 2]
expect = "increase"
)",
                                                       "t.toml");
  ValidateOptions options;
  options.replicates = 12;
  options.robust_points = 3;
  options.robust_replicates = 6;
  options.threads = 1;
  const io::PatternOutcome one = validate_pattern(spec, "t.toml", options);
  options.threads = 3;
  const io::PatternOutcome three = validate_pattern(spec, "t.toml", options);
  io::ValidationReport r1;
  r1.patterns = {one};
  io::ValidationReport r3;
  r3.patterns = {three};
  EXPECT_EQ(io::validation_csv(r1), io::validation_csv(r3));
  ASSERT_EQ(one.measures.size(), 2U);
  EXPECT_EQ(one.measures[0].effect.n, 12);
  EXPECT_EQ(one.measures[0].means.size(), 2U);
  EXPECT_TRUE(one.holds);
  EXPECT_EQ(one.robust_holds, 3);
  EXPECT_TRUE(one.pass);
  EXPECT_NE(one.measures[0].effect.mean, one.measures[1].effect.mean);  // the window acts
}

}  // namespace
}  // namespace samspel::study
