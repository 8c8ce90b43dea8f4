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
  // Initialised rather than assigned: GCC 12 warns (-Wrestrict, a false positive) on the
  // inlined string assignment.
  return io::ValidationMeasure{
      .name = "x", .expect = e, .min_effect = min_effect, .margin = margin};
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

// n = 40: the interval is the mean +- 0.0323 (see above).
TEST(Judge, NoLessNeedsTheLowerBoundAboveMinusTheMargin) {
  const auto no_less = [](double margin) { return measure(Expectation::no_less, 0, margin); };
  EXPECT_TRUE(judge(no_less(0.05), false, pair_with(0.0)).holds);     // low -0.032
  EXPECT_TRUE(judge(no_less(0.05), false, pair_with(-0.015)).holds);  // lower, but by < 0.05
  EXPECT_FALSE(judge(no_less(0.05), false, pair_with(-0.03)).holds);  // low -0.062
  EXPECT_TRUE(judge(no_less(0.05), false, pair_with(0.5)).holds);     // higher is no less
  EXPECT_TRUE(judge(no_less(0), false, pair_with(0.05)).holds);       // low +0.018
  EXPECT_FALSE(judge(no_less(0), false, pair_with(0.02)).holds);      // low -0.012
  // The boundary: a lower bound of exactly -margin holds, a hair below does not.
  const double low = judge(no_less(0), false, pair_with(-0.02)).effect.low;
  ASSERT_LT(low, 0);
  EXPECT_TRUE(judge(no_less(-low), false, pair_with(-0.02)).holds);
  EXPECT_FALSE(judge(no_less(std::nextafter(-low, 0.0)), false, pair_with(-0.02)).holds);
  // Too few replicates never hold, whatever the margin.
  const std::vector<std::vector<double>> one{{1.0}, {2.0}};
  EXPECT_FALSE(judge(no_less(100), false, one).holds);
}

TEST(Judge, NoMoreNeedsTheUpperBoundBelowTheMargin) {
  const auto no_more = [](double margin) { return measure(Expectation::no_more, 0, margin); };
  EXPECT_TRUE(judge(no_more(0.05), false, pair_with(0.0)).holds);
  EXPECT_TRUE(judge(no_more(0.05), false, pair_with(0.015)).holds);  // high +0.047
  EXPECT_FALSE(judge(no_more(0.05), false, pair_with(0.03)).holds);  // high +0.062
  EXPECT_TRUE(judge(no_more(0.05), false, pair_with(-0.5)).holds);   // lower is no more
  EXPECT_TRUE(judge(no_more(0), false, pair_with(-0.05)).holds);
  EXPECT_FALSE(judge(no_more(0), false, pair_with(-0.02)).holds);
  const double high = judge(no_more(0), false, pair_with(0.02)).effect.high;
  ASSERT_GT(high, 0);
  EXPECT_TRUE(judge(no_more(high), false, pair_with(0.02)).holds);
  EXPECT_FALSE(judge(no_more(std::nextafter(high, 0.0)), false, pair_with(0.02)).holds);
  const std::vector<std::vector<double>> one{{1.0}, {2.0}};
  EXPECT_FALSE(judge(no_more(100), false, one).holds);
  // In a difference in differences the rule applies to the change of the gap.
  const auto from = pair_with(0.0);
  auto to = pair_with(0.0);
  for (auto& x : to[1])
    x += 0.2;  // the gap grows by 0.2
  const std::vector<std::vector<double>> did{from[0], from[1], to[0], to[1]};
  EXPECT_FALSE(judge(no_more(0.1), true, did).holds);
  EXPECT_TRUE(judge(no_more(0.3), true, did).holds);
}

TEST(Judge, AMeasureWithoutVarianceIsByConstruction) {
  // Constant in each configuration, different between them: the lever sets the value.
  const std::vector<std::vector<double>> constant{std::vector<double>(40, 1.0),
                                                  std::vector<double>(40, 2.0)};
  const Verdict v = judge(measure(Expectation::increase), false, constant);
  EXPECT_TRUE(v.holds);  // it "holds" with a zero-width interval ...
  EXPECT_TRUE(v.no_variance);
  EXPECT_TRUE(v.by_construction);  // ... which is why it is marked
  const Verdict p = judge(measure(Expectation::positive), false, constant);
  EXPECT_TRUE(p.by_construction);

  const Verdict varies = judge(measure(Expectation::increase), false, pair_with(0.05));
  EXPECT_FALSE(varies.no_variance);
  EXPECT_FALSE(varies.by_construction);

  // One configuration that varies is enough to make the measure emergent.
  auto mixed = constant;
  mixed[1][7] = 2.5;
  EXPECT_FALSE(no_variance(mixed));
  // Rounding is not variance; a relative 1e-9 is.
  auto rounded = constant;
  rounded[0][3] = 1.0 + 4e-16;
  rounded[1][5] = 2.0 * (1 - 1e-13);
  EXPECT_TRUE(no_variance(rounded));
  rounded[1][5] = 2.0 * (1 + 1e-9);
  EXPECT_FALSE(no_variance(rounded));
  // The tolerance is relative: tiny values that vary by half are not constant.
  EXPECT_FALSE(no_variance({{1e-14, 2e-14, 1e-14}}));
  EXPECT_TRUE(no_variance({{0.0, 0.0, 0.0}, {-3.0, -3.0, -3.0}}));
  // Undefined replicates are left out; fewer than two defined values tell nothing.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(no_variance({{1.0, nan, 1.0}, {nan, 2.0, 2.0}}));
  EXPECT_FALSE(no_variance({{1.0, nan, 1.0}, {nan, nan, 2.0}}));
  EXPECT_FALSE(no_variance({}));
}

TEST(Judge, AMeasureDeclaredByConstructionIsSoEvenThoughItVaries) {
  io::ValidationMeasure m = measure(Expectation::increase);
  m.by_construction = true;
  const Verdict v = judge(m, false, pair_with(0.05));
  EXPECT_TRUE(v.holds);
  EXPECT_FALSE(v.no_variance);
  EXPECT_TRUE(v.by_construction);
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

TEST(Perturb, HeldParametersKeepTheFilesValue) {
  io::Scenario base;
  base.parameters.model.initial_fit = 0.95;
  const io::Scenario free = perturb(base, 7, 3, 0.25);
  const io::Scenario kept = hold(free, base, {"model.initial_fit"});
  EXPECT_NE(free.parameters.model.initial_fit, 0.95);
  EXPECT_EQ(kept.parameters.model.initial_fit, 0.95);
  // Everything else stays perturbed.
  EXPECT_EQ(kept.parameters.model.closeness_trust, free.parameters.model.closeness_trust);
  EXPECT_NE(kept.parameters.model.closeness_trust, base.parameters.model.closeness_trust);
}

// With delegation 1 no case reaches the leadership, so the kommunchef's management time, and
// with it the administration vacuum, is a formula of its influence seeking: the same in every
// replicate.
const std::string kAdministrationVacuum = R"(
[run]
years = 2
[model]
spin_up_years = 0
[strategy]
delegation = 1
[validation]
pattern = "T"
[[validation.comparison]]
reference = ["model.ceo_influence_seeking=0.1"]
treatment = ["model.ceo_influence_seeking=0.8"]
[[validation.comparison.measure]]
name = "mean_administration_vacuum"
expect = "increase"
)";
const std::string kTransgressions = R"(
[[validation.comparison.measure]]
name = "transgressions"
expect = "increase"
)";

// A small pattern end to end: the same results whatever the thread count, and a lever that
// the model's mechanisms make act. Influence seeking sets the kommunchef's management time, so
// the administration vacuum is a formula of the lever, by construction; the transgressions that
// influence seeking drives come out of the dynamics.
TEST(ValidatePattern, SameResultWhateverTheThreadsAndJudgesEveryPoint) {
  const io::ValidationSpec spec = io::parse_validation(kAdministrationVacuum + R"(
[[validation.comparison.measure]]
name = "mean_administration_vacuum"
years = [2, 2]
expect = "increase"
)" + kTransgressions,
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
  ASSERT_EQ(one.measures.size(), 3U);
  EXPECT_EQ(one.measures[0].effect.n, 12);
  EXPECT_EQ(one.measures[0].means.size(), 2U);
  EXPECT_TRUE(one.measures[0].by_construction);
  EXPECT_TRUE(one.measures[1].by_construction);
  EXPECT_FALSE(one.measures[2].by_construction);
  EXPECT_TRUE(one.holds);
  EXPECT_EQ(one.robust_holds, 3);
  EXPECT_TRUE(one.emergent);
  EXPECT_TRUE(one.pass);
  EXPECT_NE(one.measures[0].effect.mean, one.measures[1].effect.mean);  // the window acts
}

ValidateOptions small_options() {
  ValidateOptions options;
  options.replicates = 12;
  options.robust_points = 2;
  options.robust_replicates = 6;
  options.threads = 2;
  return options;
}

TEST(ValidatePattern, APatternWhoseOnlyMeasureIsByConstructionFails) {
  const io::ValidationSpec spec = io::parse_validation(kAdministrationVacuum, "t.toml");
  const io::PatternOutcome p = validate_pattern(spec, "t.toml", small_options());
  ASSERT_EQ(p.measures.size(), 1U);
  EXPECT_TRUE(p.measures[0].holds);  // a zero-width interval above 0
  EXPECT_NEAR(p.measures[0].effect.low, p.measures[0].effect.high, 1e-12);
  EXPECT_TRUE(p.measures[0].no_variance);
  EXPECT_TRUE(p.measures[0].by_construction);
  EXPECT_TRUE(p.holds);
  EXPECT_EQ(p.robust_holds, 2);
  EXPECT_FALSE(p.emergent);
  EXPECT_FALSE(p.pass);
  io::ValidationReport r;
  r.robust_required = 0.8;
  EXPECT_EQ(r.fail_reasons(p), std::vector<std::string>{"no emergent measure"});
}

TEST(ValidatePattern, OneEmergentMeasureSufficesAndADeclaredOneIsNotEmergent) {
  io::ValidationSpec spec = io::parse_validation(kAdministrationVacuum + kTransgressions, "t.toml");
  io::PatternOutcome p = validate_pattern(spec, "t.toml", small_options());
  ASSERT_EQ(p.measures.size(), 2U);
  EXPECT_TRUE(p.measures[0].by_construction);
  EXPECT_FALSE(p.measures[1].by_construction);
  EXPECT_FALSE(p.measures[1].no_variance);
  EXPECT_TRUE(p.holds);
  EXPECT_TRUE(p.emergent);
  EXPECT_TRUE(p.pass);

  // Declared by construction, a measure that varies cannot carry the pattern either.
  spec = io::parse_validation(kAdministrationVacuum + kTransgressions + "by_construction = true\n",
                              "t.toml");
  p = validate_pattern(spec, "t.toml", small_options());
  EXPECT_FALSE(p.measures[1].no_variance);
  EXPECT_TRUE(p.measures[1].by_construction);
  EXPECT_TRUE(p.holds);
  EXPECT_FALSE(p.emergent);
  EXPECT_FALSE(p.pass);
}

// docs/VALIDATION.md: the minimum effect is stated for the file's parameters; at the robustness
// points the measure holds by the rule without it.
TEST(ValidatePattern, TheMinimumEffectIsLeftOutAtTheRobustnessPoints) {
  const io::ValidationSpec spec = io::parse_validation(
      kAdministrationVacuum + kTransgressions + "min_effect = 1e6\n", "t.toml");
  const io::PatternOutcome p = validate_pattern(spec, "t.toml", small_options());
  ASSERT_EQ(p.measures.size(), 2U);
  EXPECT_FALSE(p.measures[1].holds);  // an increase, but far below a million
  EXPECT_GT(p.measures[1].effect.low, 0);
  EXPECT_EQ(p.measures[1].robust_holds, 2);
  EXPECT_FALSE(p.holds);
  EXPECT_EQ(p.robust_holds, 2);
  EXPECT_FALSE(p.pass);
}

}  // namespace
}  // namespace samspel::study
