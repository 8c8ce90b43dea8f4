#include "samspel/io/sweep.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "samspel/io/scenario.hpp"

namespace samspel::io {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string error_of(const std::vector<std::string>& specs) {
  try {
    parse_sweep_axes(specs);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "<no error>";
}

// Every message is one line naming the offending specification, then what is allowed.
void expect_error(const std::string& spec, const std::string& problem,
                  const std::vector<std::string>& before = {}) {
  std::vector<std::string> specs = before;
  specs.push_back(spec);
  const std::string message = error_of(specs);
  EXPECT_THAT(message, AllOf(StartsWith("--param " + spec + ": "), HasSubstr(problem),
                             HasSubstr("; allowed: "), Not(HasSubstr("\n"))))
      << spec;
}

SweepAxis axis_of(const std::string& spec) {
  const auto axes = parse_sweep_axes({spec});
  EXPECT_EQ(axes.size(), 1U);
  return axes.at(0);
}

TEST(Sweep, ParsesLinearAndLogAxes) {
  const auto axes =
      parse_sweep_axes({"strategy.delegation=0.2:0.8", "municipality.population=1000:100000:log"});
  ASSERT_EQ(axes.size(), 2U);
  EXPECT_EQ(axes[0].spec->key, "strategy.delegation");
  EXPECT_EQ(axes[0].low, 0.2);
  EXPECT_EQ(axes[0].high, 0.8);
  EXPECT_FALSE(axes[0].log);
  EXPECT_EQ(axes[0].text, "strategy.delegation=0.2:0.8");
  EXPECT_EQ(axes[1].spec->key, "municipality.population");
  EXPECT_EQ(axes[1].low, 1000);
  EXPECT_EQ(axes[1].high, 100000);
  EXPECT_TRUE(axes[1].log);
  EXPECT_TRUE(parse_sweep_axes({}).empty());
  // The parameter's own limits are allowed ends.
  EXPECT_EQ(axis_of("strategy.delegation=0:1").high, 1);
  EXPECT_EQ(axis_of("model.lockin_scale=1e-1:2e1:log").low, 0.1);
}

TEST(Sweep, MalformedSpecifications) {
  expect_error("strategy.delegation", "missing '='");
  expect_error("=0:1", "missing key");
  expect_error("strategy.delegation=", "missing range");
  expect_error("strategy.delegation=0.5", "expected lo:hi");
  expect_error("strategy.delegation=0.1:0.2:log:log", "expected lo:hi");
  expect_error("strategy.delegation=0.1:0.2:linear", "unknown scale \"linear\"");
  expect_error("strategy.delegation=0.1:0.2:", "unknown scale \"\"");
}

TEST(Sweep, UnknownKeys) {
  expect_error("strategy.nothing=0:1", "unknown key strategy.nothing");
  // run settings are not model parameters.
  expect_error("run.years=1:5", "unknown key run.years");
}

TEST(Sweep, ChoicesAndBooleansPointToCompare) {
  const std::string choice = error_of({"strategy.foundation=0:1"});
  EXPECT_THAT(choice, AllOf(StartsWith("--param strategy.foundation=0:1: "),
                            HasSubstr("is a choice (one of chemistry, roles)"),
                            HasSubstr("allowed: real or integer parameters"),
                            HasSubstr("samspel compare --vary")));
  const std::string boolean = error_of({"strategy.arena_includes_opposition=0:1"});
  EXPECT_THAT(boolean, AllOf(HasSubstr("is a boolean"), HasSubstr("samspel compare --vary")));
}

TEST(Sweep, MalformedNumbers) {
  expect_error("strategy.delegation=abc:0.5", "lo \"abc\" is not a number");
  expect_error("strategy.delegation=0.1:0.5x", "hi \"0.5x\" is not a number");
  expect_error("strategy.delegation=:0.5", "lo \"\" is not a number");
  expect_error("strategy.delegation=0,1:0,5", "lo \"0,1\" is not a number");
  expect_error("strategy.delegation= 0.1:0.5", "lo \" 0.1\" is not a number");
  // Parsed, but not finite: the range check refuses them.
  expect_error("strategy.delegation=nan:0.5", "lo nan is not allowed");
  expect_error("strategy.delegation=0:inf", "hi inf is not allowed");
}

TEST(Sweep, EndsOutsideTheParametersRange) {
  expect_error("strategy.delegation=-0.1:0.5",
               "lo -0.1 is not allowed; allowed: a number in [0, 1]");
  expect_error("strategy.delegation=0.1:1.5", "hi 1.5 is not allowed; allowed: a number in [0, 1]");
  expect_error("municipality.population=100:1000",
               "lo 100 is not allowed; allowed: an integer in [500, 2000000]");
  // An integer parameter takes integer ends.
  expect_error("municipality.committees=1.5:6", "lo 1.5 is not allowed; allowed: an integer");
}

TEST(Sweep, EmptyAndInvertedRanges) {
  expect_error("strategy.delegation=0.5:0.5", "empty range");
  expect_error("strategy.delegation=0.5:0.50", "empty range");
  expect_error("strategy.delegation=0.8:0.2", "inverted range, lo 0.8 > hi 0.2");
  EXPECT_THAT(error_of({"strategy.delegation=0.8:0.2"}),
              HasSubstr("strategy.delegation=0.2:0.8"));  // the fix, spelled out
}

TEST(Sweep, LogNeedsAPositiveLowerEnd) {
  expect_error("strategy.delegation=0:0.5:log", "a log axis needs lo > 0");
  expect_error("municipality.committees=0:12:log", "a log axis needs lo > 0");
  EXPECT_TRUE(axis_of("municipality.committees=1:12:log").log);
}

TEST(Sweep, EachKeyOnce) {
  expect_error("strategy.delegation=0.3:0.4", "strategy.delegation is swept twice",
               {"strategy.delegation=0.1:0.9", "municipality.population=1000:5000"});
  EXPECT_THAT(error_of({"strategy.delegation=0.1:0.9", "strategy.delegation=0.3:0.4"}),
              HasSubstr("also by --param strategy.delegation=0.1:0.9"));
}

TEST(Sweep, MessagesStayOnOneLine) {
  const std::string message = error_of({"strategy.deleg\nation=0:1"});
  EXPECT_THAT(message, AllOf(StartsWith("--param strategy.deleg\\nation=0:1: unknown key"),
                             Not(HasSubstr("\n"))));
}

TEST(Sweep, LinearMapping) {
  const auto axis = axis_of("strategy.delegation=0.2:0.8");
  EXPECT_EQ(axis_value(axis, 0.0), 0.2);
  EXPECT_EQ(axis_value(axis, 1.0), 0.8);
  EXPECT_DOUBLE_EQ(axis_value(axis, 0.5), 0.5);
  EXPECT_DOUBLE_EQ(axis_value(axis, 0.25), 0.35);
  // Outside [0, 1] is clamped to the ends.
  EXPECT_EQ(axis_value(axis, -0.5), 0.2);
  EXPECT_EQ(axis_value(axis, 1.5), 0.8);
  EXPECT_THROW(axis_value(axis, std::nan("")), std::invalid_argument);
  // Ends that are the parameter's limits are hit exactly, never overshot.
  const auto full = axis_of("model.fixed_duties_politician=0.1:0.8");
  EXPECT_EQ(axis_value(full, 1.0), 0.8);
  for (int i = 0; i <= 1000; ++i)
    EXPECT_LE(axis_value(full, i / 1000.0), 0.8);
}

TEST(Sweep, LogMapping) {
  const auto axis = axis_of("model.lockin_half_life=1:100:log");
  EXPECT_EQ(axis_value(axis, 0.0), 1);
  EXPECT_EQ(axis_value(axis, 1.0), 100);
  EXPECT_NEAR(axis_value(axis, 0.5), 10, 1e-12);  // 1 * 100^0.5
  EXPECT_NEAR(axis_value(axis, 0.25), std::sqrt(10.0), 1e-12);
  const auto uneven = axis_of("model.lockin_scale=0.2:5:log");
  EXPECT_NEAR(axis_value(uneven, 0.5), 1.0, 1e-12);  // the geometric mean of 0.2 and 5
  EXPECT_NEAR(axis_value(uneven, 0.3), 0.2 * std::pow(25.0, 0.3), 1e-12);
}

TEST(Sweep, IntegerMappingRoundsToTheNearestInteger) {
  const auto axis = axis_of("municipality.departments=2:6");
  EXPECT_EQ(axis_value(axis, 0.0), 2);
  EXPECT_EQ(axis_value(axis, 1.0), 6);
  EXPECT_EQ(axis_value(axis, 0.3), 3);    // 3.2
  EXPECT_EQ(axis_value(axis, 0.4), 4);    // 3.6
  EXPECT_EQ(axis_value(axis, 0.625), 5);  // 4.5, halves away from zero
  const auto log_axis = axis_of("municipality.population=1000:1000000:log");
  EXPECT_EQ(axis_value(log_axis, 1.0 / 3.0), 10000);  // 1000 * 1000^(1/3), rounded
  EXPECT_EQ(axis_value(log_axis, 0.5), 31623);        // 1000 * sqrt(1000) = 31622.78
  EXPECT_EQ(axis_assignment(log_axis, 0.5), "municipality.population=31623");
}

TEST(Sweep, AssignmentsApplyToAScenario) {
  const auto axes =
      parse_sweep_axes({"strategy.delegation=0.1:0.9", "municipality.population=500:2000000:log",
                        "model.capacity_population_low=100:100000:log"});
  EXPECT_EQ(axis_assignment(axes[0], 0.5), "strategy.delegation=0.5");
  EXPECT_EQ(axis_assignment(axes[1], 0.0), "municipality.population=500");
  // Every value along every axis reads back as itself, up to the ends of the ranges.
  for (const auto& axis : axes) {
    for (int i = 0; i <= 20; ++i) {
      const double u = i / 20.0;
      Scenario s = parse_scenario("", "base.toml");
      apply_assignment(s, axis_assignment(axis, u));
      EXPECT_EQ(axis.spec->get(s.parameters), axis_value(axis, u)) << axis.text << " " << u;
    }
  }
}

}  // namespace
}  // namespace samspel::io
