#include "samspel/io/population.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "io/temp_directory.hpp"
#include "samspel/model/parameters.hpp"

namespace samspel::io {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const std::filesystem::path kShipped =
    std::filesystem::path(SAMSPEL_SOURCE_DIR) / "data" / "municipalities.tsv";

Scenario default_base() {
  return parse_scenario("", "base.toml");
}

class PopulationTest : public ::testing::Test {
 protected:
  // Writes `text` to a file in the test's directory and returns its path as a string, which is
  // also the place errors name.
  std::string write(std::string_view text, std::string_view name = "p.tsv") {
    const auto path = dir_.path() / name;
    std::ofstream out(path, std::ios::binary);
    out << text;
    return path.string();
  }

  // The ScenarioError message of loading `text` on `base`, or "<no error>".
  std::string load_error(std::string_view text, const Scenario& base = default_base()) {
    const std::string path = write(text);
    try {
      load_population(path, base);
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "<no error>";
  }

  // What every population error promises: one line, "file:line: column: ..." and what would
  // have been allowed.
  auto population_error(std::string_view prefix) {
    return AllOf(StartsWith(file() + std::string(prefix)), HasSubstr("; allowed: "),
                 Not(HasSubstr("\n")), Not(HasSubstr("--set")));
  }

  std::string file() const { return (dir_.path() / "p.tsv").string(); }

  io_test::TempDirectory dir_;
};

TEST_F(PopulationTest, ShippedFileHoldsSwedensMunicipalities) {
  const Scenario base = default_base();
  const Population population = load_population(kShipped, base);
  EXPECT_EQ(population.source, kShipped.string());
  EXPECT_THAT(population.columns, ElementsAre("population"));
  ASSERT_EQ(population.rows.size(), 290u);
  // Three comment lines and the header come first.
  EXPECT_EQ(population.rows.front().name, "Ale");
  EXPECT_EQ(population.rows.front().line, 5);
  EXPECT_THAT(population.rows.front().assignments, ElementsAre("municipality.population=32595"));

  long long total = 0;
  const PopulationRow* stockholm = nullptr;
  for (const auto& row : population.rows) {
    total += scenario_for(base, row).parameters.municipality.population;
    if (row.name == "Stockholms") stockholm = &row;
  }
  ASSERT_NE(stockholm, nullptr);
  EXPECT_EQ(scenario_for(base, *stockholm).parameters.municipality.population, 998782);
  EXPECT_EQ(total, 10'609'461);
}

TEST_F(PopulationTest, ShippedFileStatesItsTotalInAComment) {
  std::ifstream in(kShipped);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  EXPECT_THAT(text, StartsWith("# "));
  EXPECT_THAT(text, HasSubstr("total 10,609,461"));
  EXPECT_THAT(text, HasSubstr("\nkommun\tpopulation\n"));
}

TEST_F(PopulationTest, ParameterColumnsSetValuesPerMunicipality) {
  const std::string path = write(
      "name\tstrategy.foundation\tpopulation\tmunicipality.committees\n"
      "Small\troles\t4000\t0\n"
      "Large\tchemistry\t250000\t6\n");
  Scenario base = default_base();
  apply_assignment(base, "strategy.delegation=0.9");
  const Population population = load_population(path, base);
  EXPECT_THAT(population.columns,
              ElementsAre("strategy.foundation", "population", "municipality.committees"));
  ASSERT_EQ(population.rows.size(), 2u);
  EXPECT_THAT(population.rows[0].assignments,
              ElementsAre("municipality.population=4000", "strategy.foundation=roles",
                          "municipality.committees=0"));

  const Scenario small = scenario_for(base, population.rows[0]);
  EXPECT_EQ(small.parameters.strategy.foundation, model::Foundation::roles);
  EXPECT_EQ(small.parameters.municipality.population, 4000);
  EXPECT_EQ(small.parameters.municipality.committees, 0);
  EXPECT_DOUBLE_EQ(small.parameters.strategy.delegation, 0.9);  // the base's value stays

  const Scenario large = scenario_for(base, population.rows[1]);
  EXPECT_EQ(large.parameters.strategy.foundation, model::Foundation::chemistry);
  EXPECT_EQ(large.parameters.municipality.population, 250000);
  EXPECT_EQ(large.parameters.municipality.committees, 6);
  EXPECT_DOUBLE_EQ(large.parameters.strategy.delegation, 0.9);
}

TEST_F(PopulationTest, CommentsBlankLinesCarriageReturnsAndByteOrderMarkAreSkipped) {
  const std::string path = write(
      "\xEF\xBB\xBF# source: somewhere\r\n"
      "\r\n"
      "kommun\tpopulation\r\n"
      "# a comment between rows\r\n"
      "Ale\t32595\r\n"
      "\t\r\n"
      "   \n"
      "Bjuvs\t16022");  // no final newline
  const Population population = load_population(path, default_base());
  ASSERT_EQ(population.rows.size(), 2u);
  EXPECT_EQ(population.rows[0].name, "Ale");
  EXPECT_EQ(population.rows[0].line, 5);
  EXPECT_EQ(population.rows[1].name, "Bjuvs");
  EXPECT_EQ(population.rows[1].line, 8);
  EXPECT_THAT(population.rows[1].assignments, ElementsAre("municipality.population=16022"));
}

TEST_F(PopulationTest, NamesMayHoldSpacesAndAnyHeaderText) {
  const std::string path = write("\tpopulation\nUpplands Väsby\t50000\n");
  const Population population = load_population(path, default_base());
  ASSERT_EQ(population.rows.size(), 1u);
  EXPECT_EQ(population.rows[0].name, "Upplands Väsby");
}

TEST_F(PopulationTest, UnreadableFile) {
  const auto missing = (dir_.path() / "missing.tsv").string();
  try {
    load_population(missing, default_base());
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()), missing + ": cannot read the population file");
  }
  try {
    load_population(dir_.path(), default_base());
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_THAT(e.what(), HasSubstr("it is a directory"));
  }
}

TEST_F(PopulationTest, NoHeader) {
  EXPECT_THAT(load_error("# only a comment\n\n"), population_error(": no header line; allowed: "));
  EXPECT_THAT(load_error(""), population_error(": no header line; "));
}

TEST_F(PopulationTest, NoPopulationColumn) {
  EXPECT_THAT(load_error("# c\nkommun\tstrategy.foundation\nAle\troles\n"),
              population_error(":2: header: no population column; allowed: "));
  EXPECT_THAT(load_error("kommun\nAle\n"), population_error(":1: header: no population column"));
}

TEST_F(PopulationTest, UnknownColumn) {
  EXPECT_THAT(load_error("kommun\tpopulation\tstrategy.fundation\nAle\t32595\troles\n"),
              AllOf(population_error(":1: strategy.fundation: unknown column; allowed: "),
                    HasSubstr("population or a key of docs/parameters.md")));
  EXPECT_THAT(load_error("kommun\tpopulation\tfoundation\nAle\t32595\troles\n"),
              population_error(":1: foundation: unknown column; "));
  EXPECT_THAT(load_error("kommun\tpopulation\trun.years\nAle\t32595\t5\n"),
              population_error(":1: run.years: unknown column (run settings are"));
  EXPECT_THAT(load_error("kommun\tpopulation \nAle\t32595\n"),
              population_error(":1: \"population \": unknown column (spaces around the name)"));
  EXPECT_THAT(load_error("kommun\tpopulation\t\nAle\t32595\t\n"),
              population_error(":1: column 3: empty column name; "));
  EXPECT_THAT(load_error("kommun\tmunicipality.population\nAle\t32595\n"),
              population_error(":1: municipality.population: use the column population"));
}

TEST_F(PopulationTest, DuplicateColumn) {
  EXPECT_THAT(load_error("kommun\tpopulation\tstrategy.foundation\tstrategy.foundation\n"
                         "Ale\t32595\troles\troles\n"),
              population_error(":1: strategy.foundation: duplicate column (columns 3 and 4); "
                               "allowed: each column once"));
  EXPECT_THAT(load_error("kommun\tpopulation\tpopulation\nAle\t1000\t2000\n"),
              population_error(":1: population: duplicate column (columns 2 and 3)"));
}

TEST_F(PopulationTest, WrongNumberOfFields) {
  EXPECT_THAT(load_error("kommun\tpopulation\nAle\t32595\nBjuvs\t16022\textra\n"),
              population_error(":3: 3 fields; allowed: 2 fields (kommun, population) separated "
                               "by tabs"));
  EXPECT_THAT(load_error("kommun\tpopulation\nAle 32595\n"),
              population_error(":2: 1 field (spaces do not separate fields); allowed: 2 fields"));
}

TEST_F(PopulationTest, EmptyName) {
  EXPECT_THAT(load_error("kommun\tpopulation\n\t32595\n"),
              population_error(":2: kommun: empty name; allowed: "));
  EXPECT_THAT(load_error("\tpopulation\n  \t32595\n"),
              population_error(":2: column 1: empty name; "));
}

TEST_F(PopulationTest, DuplicateName) {
  EXPECT_THAT(load_error("kommun\tpopulation\nAle\t32595\n# c\nAle\t32000\n"),
              population_error(":4: kommun: Ale appears twice (first on line 2); allowed: each "
                               "municipality once"));
}

TEST_F(PopulationTest, BadValues) {
  EXPECT_THAT(load_error("# c\nkommun\tpopulation\nAle\t32595\nX\t-3\n"),
              population_error(":4: population: -3 is not allowed; allowed: an integer in [500, "
                               "2000000]"));
  EXPECT_THAT(load_error("kommun\tpopulation\nX\t3.5\n"),
              population_error(":2: population: 3.5 is a number; allowed: an integer in [500, "
                               "2000000]"));
  EXPECT_THAT(load_error("kommun\tpopulation\nX\tmany\n"),
              population_error(":2: population: \"many\" is not allowed; allowed: an integer"));
  EXPECT_THAT(load_error("kommun\tpopulation\nX\t\n"),
              population_error(":2: population: empty value; allowed: an integer in [500, "
                               "2000000]"));
  EXPECT_THAT(load_error("kommun\tpopulation\nX\t32 595\n"),
              population_error(":2: population: \"32 595\" is not allowed; "));
  // TOML would read what follows '#' as a comment and take 1000.
  EXPECT_THAT(load_error("kommun\tpopulation\nX\t1000 # about\n"),
              population_error(":2: population: \"1000 # about\" is not allowed; "));
  EXPECT_THAT(load_error("kommun\tpopulation\tstrategy.foundation\nX\t5000\tfriendship\n"),
              population_error(":2: strategy.foundation: \"friendship\" is not allowed; allowed: "
                               "one of chemistry, roles"));
  EXPECT_THAT(load_error("kommun\tpopulation\tstrategy.foundation\nX\t5000\troles\"#\n"),
              population_error(":2: strategy.foundation: \"roles\"#\" is not allowed; "));
  EXPECT_THAT(load_error("kommun\tpopulation\tstrategy.arena_includes_opposition\nX\t5000\tyes\n"),
              population_error(":2: strategy.arena_includes_opposition: \"yes\" is not allowed; "
                               "allowed: true or false"));
  EXPECT_THAT(load_error("kommun\tpopulation\tstrategy.delegation\nX\t5000\t1.5\n"),
              population_error(":2: strategy.delegation: 1.5 is not allowed; allowed: a number "
                               "in [0, 1]"));
}

TEST_F(PopulationTest, RowsAreValidatedTogetherWithTheBase) {
  // committees <= departments: the row sets both, so its line is the place.
  EXPECT_THAT(load_error("kommun\tpopulation\tmunicipality.departments\tmunicipality.committees\n"
                         "X\t5000\t4\t4\n"
                         "Y\t5000\t4\t5\n"),
              population_error(":3: municipality.committees: 5 is not allowed; allowed: at most "
                               "municipality.departments (4)"));
  // The base's committees (its default) against the row's departments: the row's line comes
  // first, then where the base has the other value.
  EXPECT_THAT(load_error("kommun\tpopulation\tmunicipality.departments\nX\t5000\t3\n"),
              population_error(":2: base.toml: municipality.committees: 6 is not allowed; "
                               "allowed: at most municipality.departments (3)"));
}

TEST_F(PopulationTest, NoRows) {
  EXPECT_THAT(load_error("# c\nkommun\tpopulation\n\n# nothing\n"),
              population_error(":2: no municipalities after the header; allowed: "));
}

TEST_F(PopulationTest, MessagesStayOnOneLine) {
  EXPECT_THAT(load_error("kommun\tpopulation\nX\t5\r000\n"),
              AllOf(population_error(":2: population: \"5\\r000\" is not allowed; "),
                    Not(HasSubstr("\r"))));
}

TEST_F(PopulationTest, ScenarioForKeepsTheBaseUntouched) {
  const Scenario base = default_base();
  const PopulationRow row{"X", 2, {"municipality.population=4000", "strategy.foundation=roles"}};
  const Scenario scenario = scenario_for(base, row);
  EXPECT_EQ(scenario.parameters.municipality.population, 4000);
  EXPECT_EQ(scenario.parameters.strategy.foundation, model::Foundation::roles);
  EXPECT_EQ(base.parameters.municipality.population, 30000);
  EXPECT_EQ(base.parameters.strategy.foundation, model::Foundation::chemistry);
}

TEST(SizeClass, Boundaries) {
  EXPECT_EQ(size_class(500), "<10k");
  EXPECT_EQ(size_class(9'999), "<10k");
  EXPECT_EQ(size_class(10'000), "10-25k");
  EXPECT_EQ(size_class(24'999), "10-25k");
  EXPECT_EQ(size_class(25'000), "25-50k");
  EXPECT_EQ(size_class(49'999), "25-50k");
  EXPECT_EQ(size_class(50'000), "50-100k");
  EXPECT_EQ(size_class(99'999), "50-100k");
  EXPECT_EQ(size_class(100'000), "100-200k");
  EXPECT_EQ(size_class(199'999), "100-200k");
  EXPECT_EQ(size_class(200'000), ">=200k");
  EXPECT_EQ(size_class(2'000'000), ">=200k");
}

}  // namespace
}  // namespace samspel::io
