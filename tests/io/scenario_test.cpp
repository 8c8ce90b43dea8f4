#include "samspel/io/scenario.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "io/temp_directory.hpp"
#include "samspel/io/dictionary.hpp"

namespace samspel::io {
namespace {

using ::testing::AllOf;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr std::string_view kSource = "s.toml";

// The ScenarioError message of parsing `text`, or "<no error>".
std::string parse_error(std::string_view text) {
  try {
    parse_scenario(text, kSource);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "<no error>";
}

// The ScenarioError message of validate() on a scenario that parses.
std::string validate_error(std::string_view text) {
  const Scenario s = parse_scenario(text, kSource);
  try {
    validate(s);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "<no error>";
}

std::string assignment_error(std::string_view assignment) {
  Scenario s = parse_scenario("", kSource);
  try {
    apply_assignment(s, assignment);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "<no error>";
}

// What every scenario error promises: one line, "file:line:column: key: ...", and what would
// have been allowed.
auto scenario_error(std::string_view position, std::string_view key, std::string_view allowed) {
  return AllOf(StartsWith(std::string(kSource) + ":" + std::string(position) + ": " +
                          std::string(key) + ": "),
               HasSubstr("allowed: " + std::string(allowed)), Not(HasSubstr("\n")));
}

// ---------------------------------------------------------------------------------------------
// Unknown keys

TEST(ScenarioErrors, UnknownTopLevelKey) {
  EXPECT_THAT(parse_error("name = \"x\"\ncolour = \"red\"\n"),
              scenario_error("2:10", "colour",
                             "name, description, population, [run], [municipality], [strategy], "
                             "[model], [[events]]"));
}

TEST(ScenarioErrors, UnknownTopLevelTable) {
  EXPECT_THAT(parse_error("[strategies]\nfoundation = \"roles\"\n"),
              scenario_error("1:1", "strategies", "name, description, population, [run]"));
}

TEST(ScenarioErrors, UnknownMunicipalityKey) {
  EXPECT_THAT(parse_error("[municipality]\npopulation = 30000\ninhabitants = 5\n"),
              scenario_error("3:15", "municipality.inhabitants",
                             "the keys of this section in docs/parameters.md"));
}

TEST(ScenarioErrors, UnknownStrategyKey) {
  EXPECT_THAT(parse_error("[strategy]\nfundament = \"roles\"\n"),
              scenario_error("2:13", "strategy.fundament", "the keys of this section"));
}

TEST(ScenarioErrors, UnknownModelKey) {
  EXPECT_THAT(parse_error("[model]\nspeed = 1.0\n"),
              scenario_error("2:9", "model.speed", "the keys of this section"));
}

TEST(ScenarioErrors, KeyOfAnotherSection) {
  // population belongs to [municipality], not [strategy].
  EXPECT_THAT(parse_error("[strategy]\npopulation = 30000\n"),
              scenario_error("2:14", "strategy.population", "the keys of this section"));
}

TEST(ScenarioErrors, UnknownRunKey) {
  EXPECT_THAT(parse_error("[run]\nstart = \"2010-01\"\nthreads = 4\n"),
              scenario_error("3:11", "run.threads", "start, years, replicates, seed"));
}

TEST(ScenarioErrors, UnknownEventKey) {
  EXPECT_THAT(parse_error("[[events]]\ntype = \"ceo_leaves\"\ndate = \"2012-01\"\nsize = 0.2\n"),
              AllOf(scenario_error("4:8", "events[0].size", "type, date"),
                    EndsWith("allowed: type, date")));
}

TEST(ScenarioErrors, UnknownEventKeyNamesTheEventIndex) {
  EXPECT_THAT(parse_error("[[events]]\ntype = \"ceo_leaves\"\ndate = \"2012-01\"\n\n"
                          "[[events]]\ntype = \"case_surge\"\ndate = \"2013-01\"\n"
                          "duration = 6\n"),
              scenario_error("8:12", "events[1].duration", "type, date, size, months"));
}

// ---------------------------------------------------------------------------------------------
// Wrong types

TEST(ScenarioErrors, StringForANumber) {
  EXPECT_THAT(parse_error("[strategy]\ndelegation = \"high\"\n"),
              AllOf(scenario_error("2:14", "strategy.delegation", "a number in [0, 1]"),
                    HasSubstr("got a string")));
}

TEST(ScenarioErrors, FloatForAnInteger) {
  EXPECT_THAT(parse_error("[municipality]\ndepartments = 6.0\n"),
              AllOf(scenario_error("2:15", "municipality.departments", "an integer in [1, 12]"),
                    HasSubstr("got a number")));
}

TEST(ScenarioErrors, FractionForAnInteger) {
  EXPECT_THAT(parse_error("[municipality]\ndepartments = 2.5\n"),
              scenario_error("2:15", "municipality.departments", "an integer in [1, 12]"));
}

TEST(ScenarioErrors, NumberForAChoice) {
  EXPECT_THAT(parse_error("[strategy]\nfoundation = 1\n"),
              AllOf(scenario_error("2:14", "strategy.foundation", "one of chemistry, roles"),
                    HasSubstr("got an integer")));
}

TEST(ScenarioErrors, IntegerForABoolean) {
  EXPECT_THAT(parse_error("[strategy]\narena_includes_opposition = 1\n"),
              AllOf(scenario_error("2:29", "strategy.arena_includes_opposition", "true or false"),
                    HasSubstr("got an integer")));
}

TEST(ScenarioErrors, StringForABoolean) {
  EXPECT_THAT(parse_error("[strategy]\nceo_heads_departments = \"yes\"\n"),
              scenario_error("2:25", "strategy.ceo_heads_departments", "true or false"));
}

TEST(ScenarioErrors, WrongTypesInRun) {
  EXPECT_THAT(parse_error("[run]\nyears = \"16\"\n"),
              AllOf(scenario_error("2:9", "run.years", "an integer in [1, 100]"),
                    HasSubstr("got a string")));
  EXPECT_THAT(parse_error("[run]\nreplicates = 10.0\n"),
              scenario_error("2:14", "run.replicates", "an integer in [1, 10000000]"));
  EXPECT_THAT(parse_error("[run]\nstart = 2010-01-01\n"),
              AllOf(scenario_error("2:9", "run.start", "a month as \"YYYY-MM\""),
                    HasSubstr("got a date or time")));
}

TEST(ScenarioErrors, WrongTypesAtTopLevel) {
  EXPECT_THAT(parse_error("name = 3\n"), scenario_error("1:8", "name", "a string"));
  EXPECT_THAT(parse_error("description = [\"a\"]\n"),
              AllOf(scenario_error("1:15", "description", "a string"), HasSubstr("an array")));
  EXPECT_THAT(parse_error("municipality = 3\n"),
              scenario_error("1:16", "municipality", "a table [municipality]"));
  EXPECT_THAT(parse_error("events = 3\n"),
              scenario_error("1:10", "events", "an array of tables [[events]]"));
  EXPECT_THAT(parse_error("events = [1]\n"), scenario_error("1:11", "events[0]", "a table"));
}

// ---------------------------------------------------------------------------------------------
// Values out of range

TEST(ScenarioErrors, OutOfRange) {
  EXPECT_THAT(
      parse_error("[municipality]\npopulation = 100\n"),
      AllOf(scenario_error("2:14", "municipality.population", "an integer in [500, 2000000]"),
            HasSubstr("100 is not allowed")));
  EXPECT_THAT(parse_error("[strategy]\ndelegation = 1.5\n"),
              AllOf(scenario_error("2:14", "strategy.delegation", "a number in [0, 1]"),
                    HasSubstr("1.5 is not allowed")));
  EXPECT_THAT(parse_error("[model]\nelection_intercept = -7\n"),
              scenario_error("2:22", "model.election_intercept", "a number in [-5, 5]"));
}

TEST(ScenarioErrors, NonFiniteNumbers) {
  EXPECT_THAT(parse_error("[strategy]\ndelegation = nan\n"),
              scenario_error("2:14", "strategy.delegation", "a number in [0, 1]"));
  EXPECT_THAT(parse_error("[model]\ncapacity_population_high = inf\n"),
              scenario_error("2:28", "model.capacity_population_high", "a number in"));
}

TEST(ScenarioErrors, RunOutOfRange) {
  EXPECT_THAT(parse_error("[run]\nyears = 0\n"),
              AllOf(scenario_error("2:9", "run.years", "an integer in [1, 100]"),
                    HasSubstr("0 is not allowed")));
  EXPECT_THAT(parse_error("[run]\nreplicates = 0\n"),
              scenario_error("2:14", "run.replicates", "an integer in [1, 10000000]"));
  EXPECT_THAT(parse_error("[run]\nseed = -1\n"),
              scenario_error("2:8", "run.seed", "an integer in [0, 9223372036854775807]"));
}

TEST(ScenarioErrors, EventValuesOutOfRange) {
  EXPECT_THAT(parse_error("[[events]]\ntype = \"case_surge\"\ndate = \"2012-01\"\nsize = 5.5\n"),
              AllOf(scenario_error("4:8", "events[0].size", "a number in [0, 5]"),
                    HasSubstr("5.5 is not allowed")));
  EXPECT_THAT(parse_error("[[events]]\ntype = \"case_surge\"\ndate = \"2012-01\"\nmonths = 0\n"),
              scenario_error("4:10", "events[0].months", "an integer in [1, 1200]"));
  EXPECT_THAT(
      parse_error("[[events]]\ntype = \"environment_shock\"\ndate = \"2012-01\"\nsize = 1.5\n"),
      scenario_error("4:8", "events[0].size", "a number in [0, 1]"));
  EXPECT_THAT(
      parse_error("[[events]]\ntype = \"case_surge\"\ndate = \"2012-01\"\nsize = \"big\"\n"),
      AllOf(scenario_error("4:8", "events[0].size", "a number in [0, 5]"),
            HasSubstr("got a string")));
}

TEST(ScenarioErrors, UnknownChoiceLabel) {
  EXPECT_THAT(parse_error("[strategy]\nfoundation = \"trust\"\n"),
              AllOf(scenario_error("2:14", "strategy.foundation", "one of chemistry, roles"),
                    HasSubstr("\"trust\" is not allowed")));
  // Labels are case-sensitive, as in the dictionary.
  EXPECT_THAT(parse_error("[strategy]\nrole_dialogue = \"None\"\n"),
              scenario_error("2:17", "strategy.role_dialogue", "one of none, at_start, recurring"));
}

// Dotted keys and inline tables are TOML too; the position is still the value's.
TEST(ScenarioErrors, DottedKeysAndInlineTablesPointAtTheValue) {
  EXPECT_THAT(parse_error("strategy.delegation = 2\n"),
              scenario_error("1:23", "strategy.delegation", "a number in [0, 1]"));
  EXPECT_THAT(parse_error("strategy = { delegation = 2 }\n"),
              scenario_error("1:27", "strategy.delegation", "a number in [0, 1]"));
}

// Echoed text must not break the one-line promise, even when it contains a line break.
TEST(ScenarioErrors, EchoedLineBreaksStayOnOneLine) {
  EXPECT_THAT(parse_error("\"col\\nour\" = 1\n"), Not(HasSubstr("\n")));
  EXPECT_THAT(parse_error("[strategy]\nfoundation = \"ro\\nles\"\n"),
              scenario_error("2:14", "strategy.foundation", "one of chemistry, roles"));
  EXPECT_THAT(parse_error("[run]\nstart = \"2010\\n01\"\n"), Not(HasSubstr("\n")));
}

// ---------------------------------------------------------------------------------------------
// Malformed TOML and malformed dates

TEST(ScenarioErrors, MalformedToml) {
  const std::string missing_value = parse_error("name = \"x\"\n[run]\nyears = \n");
  EXPECT_THAT(missing_value, AllOf(StartsWith("s.toml:3:"), HasSubstr(": malformed TOML: "),
                                   Not(HasSubstr("\n"))));

  const std::string unclosed = parse_error("[run\nyears = 3\n");
  EXPECT_THAT(unclosed, AllOf(StartsWith("s.toml:1:"), HasSubstr(": malformed TOML: "),
                              Not(HasSubstr("\n"))));

  const std::string duplicate = parse_error("[run]\nyears = 3\nyears = 4\n");
  EXPECT_THAT(duplicate, AllOf(StartsWith("s.toml:3:"), HasSubstr(": malformed TOML: "),
                               Not(HasSubstr("\n"))));
}

TEST(ScenarioErrors, MalformedRunStart) {
  for (const char* date : {"2010-13", "2010-1", "abc", "2010-00", "1899-12", "2010-01-01", ""}) {
    SCOPED_TRACE(date);
    EXPECT_THAT(
        parse_error(std::string("[run]\nstart = \"") + date + "\"\n"),
        AllOf(scenario_error("2:9", "run.start", "a month as \"YYYY-MM\" with years 1900-2200"),
              HasSubstr(std::string("\"") + date + "\" is not a month")));
  }
}

TEST(ScenarioErrors, MalformedEventDate) {
  for (const char* date : {"2010-13", "2010-1", "abc"}) {
    SCOPED_TRACE(date);
    EXPECT_THAT(
        parse_error(std::string("[[events]]\ntype = \"ceo_leaves\"\ndate = \"") + date + "\"\n"),
        AllOf(
            scenario_error("3:8", "events[0].date", "a month as \"YYYY-MM\" with years 1900-2200"),
            HasSubstr(std::string("\"") + date + "\" is not a month")));
  }
  EXPECT_THAT(parse_error("[[events]]\ntype = \"ceo_leaves\"\ndate = 201201\n"),
              AllOf(scenario_error("3:8", "events[0].date", "a month as \"YYYY-MM\""),
                    HasSubstr("got an integer")));
}

// ---------------------------------------------------------------------------------------------
// Events

TEST(ScenarioErrors, UnknownEventType) {
  EXPECT_THAT(parse_error("[[events]]\ntype = \"coup\"\ndate = \"2012-01\"\n"),
              AllOf(scenario_error("2:8", "events[0].type",
                                   "majority_shift, ceo_leaves, kso_leaves, case_surge, "
                                   "environment_shock"),
                    HasSubstr("\"coup\" is not an event")));
}

TEST(ScenarioErrors, EventWithoutDateOrType) {
  EXPECT_THAT(parse_error("name = \"x\"\n\n[[events]]\ntype = \"ceo_leaves\"\n"),
              AllOf(scenario_error("3:1", "events[0]", ""), HasSubstr("needs type and date")));
  EXPECT_THAT(parse_error("[[events]]\ndate = \"2012-01\"\n"),
              AllOf(scenario_error("1:1", "events[0]", ""), HasSubstr("needs type and date")));
}

TEST(ScenarioErrors, EventOutsideTheHorizon) {
  constexpr std::string_view run = "[run]\nstart = \"2010-01\"\nyears = 2\n\n";
  EXPECT_THAT(
      validate_error(std::string(run) + "[[events]]\ntype = \"ceo_leaves\"\ndate = \"2012-01\"\n"),
      AllOf(scenario_error("7:8", "events[0].date", "2010-01 to 2011-12"),
            HasSubstr("2012-01 is outside the horizon")));
  EXPECT_THAT(
      validate_error(std::string(run) + "[[events]]\ntype = \"ceo_leaves\"\ndate = \"2009-12\"\n"),
      scenario_error("7:8", "events[0].date", "2010-01 to 2011-12"));
  // The first and the last month are inside.
  EXPECT_EQ(
      validate_error(std::string(run) + "[[events]]\ntype = \"ceo_leaves\"\ndate = \"2010-01\"\n"
                                        "[[events]]\ntype = \"kso_leaves\"\ndate = \"2011-12\"\n"),
      "<no error>");
}

TEST(ScenarioErrors, MoreCommitteesThanDepartments) {
  EXPECT_THAT(
      validate_error("[municipality]\ndepartments = 4\ncommittees = 5\n"),
      AllOf(StartsWith("s.toml:3:14: municipality.committees: 5 is not allowed"),
            HasSubstr("allowed: at most municipality.departments (4)"), Not(HasSubstr("\n"))));
  EXPECT_EQ(validate_error("[municipality]\ndepartments = 4\ncommittees = 4\n"), "<no error>");
}

TEST(ScenarioErrors, TooManyWholeDimensionsForTheDepartments) {
  // 30 dimensions, 6 departments: at most 24 can be about the whole.
  EXPECT_THAT(validate_error("[model]\nwhole_dimensions = 25\n"),
              AllOf(StartsWith("s.toml:2:20: model.whole_dimensions: 25 leaves 5 sector dimensions "
                               "for 6 departments"),
                    HasSubstr("allowed: at most model.dimensions - municipality.departments (24)"),
                    Not(HasSubstr("\n"))));
  EXPECT_EQ(validate_error("[model]\nwhole_dimensions = 24\n"), "<no error>");
  EXPECT_THAT(validate_error("[municipality]\ndepartments = 12\ncommittees = 12\n"
                             "[model]\ndimensions = 16\nwhole_dimensions = 6\n"),
              HasSubstr("allowed: at most model.dimensions - municipality.departments (4)"));
}

// ---------------------------------------------------------------------------------------------
// Happy path

constexpr std::string_view kFullScenario = R"(# Every section once.
name = "Full"
description = "A large municipality built on roles"

[run]
start = "2012-03"
years = 4
replicates = 7
seed = 42

[municipality]
population = 120000
capacity = 0.7
departments = 8
committees = 0
ruling_bloc = "b"
terms_in_power = 3

[strategy]
foundation = "roles"
role_dialogue = "recurring"
role_dialogue_period = 24
arena_includes_opposition = true
ceo_heads_departments = false
delegation = 0.9

[model]
dimensions = 40
whole_dimensions = 8
case_load = 2
election_intercept = -1.5

[[events]]
type = "majority_shift"
date = "2012-03"

[[events]]
type = "case_surge"
date = "2013-01"
size = 0.5
months = 6

[[events]]
type = "environment_shock"
date = "2016-02"
size = 0.25

[[events]]
type = "ceo_leaves"
date = "2014-06"

[[events]]
type = "case_surge"
date = "2015-01"
)";

TEST(Scenario, ParsesEverySection) {
  const Scenario s = parse_scenario(kFullScenario, kSource);
  ASSERT_NO_THROW(validate(s));
  EXPECT_EQ(s.name, "Full");
  EXPECT_EQ(s.description, "A large municipality built on roles");
  EXPECT_EQ(s.source, kSource);

  EXPECT_EQ(s.run.start, (engine::YearMonth{2012, 3}));
  EXPECT_EQ(s.run.years, 4);
  EXPECT_EQ(s.run.replicates, 7);
  EXPECT_EQ(s.run.seed, 42U);
  EXPECT_EQ(s.calendar().months(), 48);

  const auto& p = s.parameters;
  EXPECT_EQ(p.municipality.population, 120000);
  EXPECT_EQ(p.municipality.capacity, 0.7);
  EXPECT_EQ(p.municipality.departments, 8);
  EXPECT_EQ(p.municipality.committees, 0);
  EXPECT_EQ(p.municipality.ruling_bloc, model::Bloc::b);
  EXPECT_EQ(p.municipality.terms_in_power, 3);
  EXPECT_EQ(p.strategy.foundation, model::Foundation::roles);
  EXPECT_EQ(p.strategy.role_dialogue, model::RoleDialogue::recurring);
  EXPECT_EQ(p.strategy.role_dialogue_period, 24);
  EXPECT_TRUE(p.strategy.arena_includes_opposition);
  EXPECT_FALSE(p.strategy.ceo_heads_departments);
  EXPECT_EQ(p.strategy.delegation, 0.9);
  EXPECT_EQ(p.model.dimensions, 40);
  EXPECT_EQ(p.model.whole_dimensions, 8);
  EXPECT_EQ(p.model.case_load, 2.0);  // an integer is a fine real
  EXPECT_EQ(p.model.election_intercept, -1.5);
  // Untouched values keep their defaults.
  const model::Parameters defaults;
  EXPECT_EQ(p.municipality.regulation, defaults.municipality.regulation);
  EXPECT_EQ(p.strategy.arena_interval_months, defaults.strategy.arena_interval_months);
  EXPECT_EQ(p.model.trust_new, defaults.model.trust_new);
}

TEST(Scenario, EventsBecomeStepsFromTheStart) {
  const Scenario s = parse_scenario(kFullScenario, kSource);
  ASSERT_EQ(s.events.size(), 5U);
  EXPECT_EQ(s.events[0].where, "s.toml:35:8");  // the date's value
  EXPECT_EQ(s.events[2].date, (engine::YearMonth{2016, 2}));

  const std::vector<model::ScriptedEvent> events = s.scripted_events();
  ASSERT_EQ(events.size(), 5U);
  EXPECT_EQ(events[0].type, model::EventType::majority_shift);
  EXPECT_EQ(events[0].step, 0);

  EXPECT_EQ(events[1].type, model::EventType::case_surge);
  EXPECT_EQ(events[1].step, 10);
  EXPECT_EQ(events[1].size, 0.5);
  EXPECT_EQ(events[1].months, 6);

  EXPECT_EQ(events[2].type, model::EventType::environment_shock);
  EXPECT_EQ(events[2].step, 47);  // the last month of four years from 2012-03
  EXPECT_EQ(events[2].size, 0.25);

  EXPECT_EQ(events[3].type, model::EventType::ceo_leaves);
  EXPECT_EQ(events[3].step, 27);

  // A surge without size or months gets the documented defaults.
  EXPECT_EQ(events[4].type, model::EventType::case_surge);
  EXPECT_EQ(events[4].step, 34);
  EXPECT_EQ(events[4].size, 1.0);
  EXPECT_EQ(events[4].months, 12);
}

TEST(Scenario, EmptyTextGivesTheDefaults) {
  const Scenario s = parse_scenario("", "<text>");
  EXPECT_EQ(s.source, "<text>");
  EXPECT_TRUE(s.name.empty());
  EXPECT_EQ(s.run.start, (engine::YearMonth{2010, 1}));
  EXPECT_EQ(s.run.years, 16);
  EXPECT_EQ(s.run.replicates, 100);
  EXPECT_EQ(s.run.seed, 1U);
  EXPECT_TRUE(s.events.empty());
  for (const auto& spec : parameter_specs()) {
    const double v = spec.get(s.parameters);
    EXPECT_TRUE(v == spec.default_value || (std::isnan(v) && std::isnan(spec.default_value)))
        << spec.key;
  }
  EXPECT_NO_THROW(validate(s));
}

TEST(Scenario, LargeSeedsSurvive) {
  const Scenario s = parse_scenario("[run]\nseed = 9223372036854775807\n", kSource);
  EXPECT_EQ(s.run.seed, 9223372036854775807ULL);
}

// ---------------------------------------------------------------------------------------------
// --set

TEST(Assignment, SetsEveryKindOfValue) {
  Scenario s = parse_scenario("", kSource);
  apply_assignment(s, "strategy.delegation=0.8");
  apply_assignment(s, "municipality.population=50000");
  apply_assignment(s, "strategy.arena_includes_opposition=true");
  apply_assignment(s, "strategy.foundation=roles");
  apply_assignment(s, "strategy.role_dialogue=at_start");
  apply_assignment(s, "municipality.capacity=0.25");
  apply_assignment(s, "model.case_load=2");
  EXPECT_EQ(s.parameters.strategy.delegation, 0.8);
  EXPECT_EQ(s.parameters.municipality.population, 50000);
  EXPECT_TRUE(s.parameters.strategy.arena_includes_opposition);
  EXPECT_EQ(s.parameters.strategy.foundation, model::Foundation::roles);
  EXPECT_EQ(s.parameters.strategy.role_dialogue, model::RoleDialogue::at_start);
  EXPECT_EQ(s.parameters.municipality.capacity, 0.25);
  EXPECT_EQ(s.parameters.model.case_load, 2.0);

  apply_assignment(s, "strategy.ceo_heads_departments=false");
  EXPECT_FALSE(s.parameters.strategy.ceo_heads_departments);
}

TEST(Assignment, SetsRunSettings) {
  Scenario s = parse_scenario("[run]\nstart = \"2010-01\"\nyears = 16\n", kSource);
  apply_assignment(s, "run.start=2012-05");
  apply_assignment(s, "run.years=4");
  apply_assignment(s, "run.seed=99");
  apply_assignment(s, "run.replicates=10");
  EXPECT_EQ(s.run.start, (engine::YearMonth{2012, 5}));
  EXPECT_EQ(s.run.years, 4);
  EXPECT_EQ(s.run.seed, 99U);
  EXPECT_EQ(s.run.replicates, 10);
}

// --set overrides one value: everything else the file said must survive.
TEST(Assignment, LeavesOtherValuesAlone) {
  Scenario s = parse_scenario(kFullScenario, kSource);
  apply_assignment(s, "strategy.delegation=0.1");
  apply_assignment(s, "run.seed=5");
  EXPECT_EQ(s.parameters.strategy.delegation, 0.1);
  EXPECT_EQ(s.parameters.strategy.foundation, model::Foundation::roles);
  EXPECT_EQ(s.parameters.municipality.population, 120000);
  EXPECT_EQ(s.parameters.municipality.capacity, 0.7);
  EXPECT_EQ(s.run.seed, 5U);
  EXPECT_EQ(s.run.start, (engine::YearMonth{2012, 3}));
  EXPECT_EQ(s.run.years, 4);
  EXPECT_EQ(s.run.replicates, 7);
  EXPECT_EQ(s.events.size(), 5U);
  EXPECT_EQ(s.name, "Full");
  EXPECT_EQ(s.source, kSource);
}

TEST(Assignment, FailureLeavesTheScenarioUnchanged) {
  Scenario s = parse_scenario("[strategy]\ndelegation = 0.4\n", kSource);
  EXPECT_THROW(apply_assignment(s, "strategy.delegation=4"), ScenarioError);
  EXPECT_EQ(s.parameters.strategy.delegation, 0.4);
}

auto assignment_problem(std::string_view assignment, std::string_view rest) {
  return AllOf(StartsWith("--set " + std::string(assignment) + ": "), HasSubstr(std::string(rest)),
               Not(HasSubstr("\n")));
}

TEST(Assignment, MissingEquals) {
  EXPECT_THAT(assignment_error("strategy.delegation"),
              assignment_problem("strategy.delegation", "expected key=value"));
  EXPECT_THAT(assignment_error("=0.5"), assignment_problem("=0.5", "expected key=value"));
}

TEST(Assignment, KeyWithoutSection) {
  EXPECT_THAT(assignment_error("delegation=0.5"),
              assignment_problem("delegation=0.5", "expected section.name=value"));
}

TEST(Assignment, UnknownKey) {
  EXPECT_THAT(assignment_error("strategy.nonsense=1"),
              assignment_problem("strategy.nonsense=1",
                                 "strategy.nonsense: unknown key; allowed: the keys of this "
                                 "section"));
  EXPECT_THAT(assignment_error("run.threads=4"),
              assignment_problem("run.threads=4",
                                 "run.threads: unknown key; allowed: start, years, replicates, "
                                 "seed"));
  EXPECT_THAT(assignment_error("colour.red=1"), assignment_problem("colour.red=1", "allowed:"));
}

TEST(Assignment, OutOfRange) {
  EXPECT_EQ(assignment_error("strategy.delegation=2"),
            "--set strategy.delegation=2: strategy.delegation: 2 is not allowed; allowed: a "
            "number in [0, 1]");
  EXPECT_THAT(assignment_error("run.years=0"),
              assignment_problem("run.years=0", "allowed: an integer in [1, 100]"));
  EXPECT_THAT(assignment_error("municipality.departments=2.5"),
              assignment_problem("municipality.departments=2.5", "allowed: an integer in [1, 12]"));
}

TEST(Assignment, WrongLabelOrType) {
  EXPECT_EQ(assignment_error("strategy.foundation=trust"),
            "--set strategy.foundation=trust: strategy.foundation: \"trust\" is not allowed; "
            "allowed: one of chemistry, roles");
  EXPECT_THAT(assignment_error("strategy.arena_includes_opposition=1"),
              assignment_problem("strategy.arena_includes_opposition=1", "allowed: true or false"));
  EXPECT_THAT(assignment_error("strategy.delegation=high"),
              assignment_problem("strategy.delegation=high", "not a TOML value"));
  EXPECT_THAT(assignment_error("run.seed="), assignment_problem("run.seed=", "not a TOML value"));
  EXPECT_THAT(assignment_error("run.start=2010-13"),
              assignment_problem("run.start=2010-13", "\"2010-13\" is not a month"));
}

TEST(Assignment, LineBreaksInTheArgumentStayOnOneLine) {
  EXPECT_THAT(assignment_error("strategy.foundation=ro\nles"), Not(HasSubstr("\n")));
  EXPECT_THAT(assignment_error("strategy.delegation=0.5\nx = 1"), Not(HasSubstr("\n")));
}

// ---------------------------------------------------------------------------------------------
// Files

TEST(ScenarioFile, MissingFileNamesThePath) {
  const io_test::TempDirectory dir;
  const auto path = dir.path() / "nowhere.toml";
  try {
    load_scenario(path);
    FAIL() << "no ScenarioError";
  } catch (const ScenarioError& e) {
    EXPECT_THAT(e.what(), AllOf(StartsWith(path.string() + ": "), Not(HasSubstr("\n"))));
  }
}

TEST(ScenarioFile, DirectoryIsNotAScenario) {
  const io_test::TempDirectory dir;
  EXPECT_THROW(load_scenario(dir.path()), ScenarioError);
}

TEST(ScenarioFile, ErrorsNameTheFile) {
  const io_test::TempDirectory dir;
  const auto path = dir.path() / "bad.toml";
  std::ofstream(path) << "[strategy]\ndelegation = 3\n";
  try {
    load_scenario(path);
    FAIL() << "no ScenarioError";
  } catch (const ScenarioError& e) {
    EXPECT_THAT(e.what(), StartsWith(path.string() + ":2:14: strategy.delegation: "));
  }
}

TEST(ScenarioFile, LoadsAFile) {
  const io_test::TempDirectory dir;
  const auto path = dir.path() / "full.toml";
  std::ofstream(path) << kFullScenario;
  const Scenario s = load_scenario(path);
  EXPECT_EQ(s.source, path.string());
  EXPECT_EQ(s.name, "Full");
  EXPECT_EQ(s.events.size(), 5U);
}

TEST(ScenarioFile, EveryShippedScenarioLoadsAndValidates) {
  const auto dir = std::filesystem::path(SAMSPEL_SOURCE_DIR) / "scenarios";
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".toml") continue;
    SCOPED_TRACE(entry.path().string());
    ++count;
    try {
      const Scenario s = load_scenario(entry.path());
      validate(s);
      EXPECT_FALSE(s.name.empty()) << "every shipped scenario should say what it is";
      EXPECT_EQ(s.scripted_events().size(), s.events.size());
    } catch (const ScenarioError& e) {
      ADD_FAILURE() << e.what();
    }
  }
  EXPECT_GE(count, 1) << "no scenarios in " << dir;
}

}  // namespace
}  // namespace samspel::io

namespace samspel::io {
namespace {

// A '#' would start a TOML comment inside the parsed assignment and hide the rest.
TEST(Assignment, RefusesCommentAndQuoteCharacters) {
  Scenario s = parse_scenario("", "s.toml");
  for (const char* bad : {"municipality.population=1000 # x", "strategy.foundation=roles\"#"}) {
    try {
      apply_assignment(s, bad);
      ADD_FAILURE() << bad;
    } catch (const ScenarioError& e) {
      EXPECT_NE(std::string(e.what()).find("contains '#'"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace samspel::io
