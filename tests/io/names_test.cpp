#include "samspel/io/names.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "samspel/io/population.hpp"
#include "samspel/io/scenario.hpp"
#include "samspel/model/context.hpp"

namespace samspel::io {
namespace {

using ::testing::HasSubstr;

std::string parse_error(const std::string& text) {
  try {
    parse_scenario(text, "s.toml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "<no error>";
}

std::string text_of(const FieldSpec& field, double value) {
  if (field.kind == FieldKind::Integer) return fmt::format("{}", static_cast<std::int64_t>(value));
  return fmt::format("{}", value);
}

// Every [run] key the parser accepts is in the table, with the table's bounds and default.
TEST(Names, TheParserTakesTheRunKeysOfTheTable) {
  const RunSettings defaults;
  EXPECT_EQ(engine::format_year_month(defaults.start), format_default(run_key("start")));
  EXPECT_EQ(fmt::format("{}", defaults.years), format_default(run_key("years")));
  EXPECT_EQ(fmt::format("{}", defaults.replicates), format_default(run_key("replicates")));
  EXPECT_EQ(fmt::format("{}", defaults.seed), format_default(run_key("seed")));
  std::string names;
  for (const auto& field : kRunKeys) {
    names += names.empty() ? "" : ", ";
    names += field.name;
    if (field.kind != FieldKind::Integer) continue;
    const auto at = [&](std::string value) {
      return parse_error(fmt::format("[run]\n{} = {}\n", field.name, value));
    };
    EXPECT_EQ(at(fmt::format("{}", integer_low(field))), "<no error>") << field.name;
    EXPECT_EQ(at(fmt::format("{}", integer_high(field))), "<no error>") << field.name;
    EXPECT_THAT(at(fmt::format("{}", integer_low(field) - 1)),
                HasSubstr(fmt::format("run.{}: {} is not allowed; allowed: {}", field.name,
                                      integer_low(field) - 1, allowed_values(field))));
    if (!std::isinf(field.high)) {
      EXPECT_THAT(at(fmt::format("{}", integer_high(field) + 1)),
                  HasSubstr(fmt::format("allowed: {}", allowed_values(field))));
    }
  }
  EXPECT_THAT(parse_error("[run]\nspeed = 1\n"),
              HasSubstr(fmt::format("run.speed: unknown key; allowed: {}", names)));
}

// Every event type of the model is in the table; the parser gives each field its default and
// takes exactly the table's fields within the table's bounds.
TEST(Names, TheParserTakesTheEventsOfTheTable) {
  ASSERT_EQ(std::size(kEventSpecs), std::size(model::kEventTypeNames));
  for (std::size_t i = 0; i < std::size(kEventSpecs); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(kEventSpecs[i].type), i);
    EXPECT_EQ(event_name(kEventSpecs[i].type), model::kEventTypeNames[i]);
  }
  for (const auto& spec : kEventSpecs) {
    const std::string type(event_name(spec.type));
    const std::string head = fmt::format("[[events]]\ntype = \"{}\"\ndate = \"2011-01\"\n", type);
    const Scenario s = parse_scenario(head, "s.toml");
    ASSERT_EQ(s.events.size(), 1U);
    EXPECT_EQ(s.events[0].event.type, spec.type);
    std::string fields;
    for (const auto& field : spec.fields) {
      fields += fmt::format(", {}", field.name);
      const double value =
          field.name == "months" ? s.events[0].event.months : s.events[0].event.size;
      EXPECT_EQ(value, field.default_value) << type << "." << field.name;
      const auto at = [&](double v) {
        return parse_error(fmt::format("{}{} = {}\n", head, field.name, text_of(field, v)));
      };
      EXPECT_EQ(at(field.low), "<no error>") << type << "." << field.name;
      EXPECT_EQ(at(field.high), "<no error>") << type << "." << field.name;
      EXPECT_THAT(at(field.high + 1), HasSubstr(fmt::format("events[0].{}: ", field.name)));
      EXPECT_THAT(at(field.high + 1), HasSubstr(fmt::format("allowed: {}", allowed_values(field))));
    }
    EXPECT_THAT(parse_error(head + "colour = 1\n"),
                HasSubstr(fmt::format("events[0].colour: unknown key for an event of type {}; "
                                      "allowed: type, date{}",
                                      type, fields)));
  }
  EXPECT_THAT(parse_error("[[events]]\ntype = \"flood\"\ndate = \"2011-01\"\n"),
              HasSubstr(fmt::format("allowed: {}", event_names(", "))));
}

TEST(Names, SizeClassesFollowTheTable) {
  int from = 0;
  for (const auto& c : kSizeClasses) {
    EXPECT_EQ(size_class(from), c.label);
    EXPECT_EQ(size_class(c.below - 1), c.label);
    from = c.below;
  }
  EXPECT_EQ(size_class(std::numeric_limits<int>::max()), std::end(kSizeClasses)[-1].label);
}

// The joint checks are the model's: the scenario check names the same key and problem.
TEST(Names, TheScenarioCheckReportsTheModelsJointProblem) {
  Scenario s = parse_scenario("[municipality]\ndepartments = 3\ncommittees = 4\n", "s.toml");
  const auto breach = model::joint_problem(s.parameters);
  ASSERT_TRUE(breach.has_value());
  try {
    validate(s);
    ADD_FAILURE() << "validate accepted committees > departments";
  } catch (const ScenarioError& e) {
    EXPECT_THAT(e.what(), HasSubstr(fmt::format("{}: {}", breach->key, breach->problem)));
  }
  EXPECT_THROW(model::describe(s.parameters), std::invalid_argument);
}

std::string read_source(const std::filesystem::path& relative) {
  std::ifstream in(std::filesystem::path(SAMSPEL_SOURCE_DIR) / relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The `events: {...}` labels of one language of web/src/i18n.js.
std::map<std::string, std::string> i18n_events(const std::string& text, std::string_view lang) {
  const auto start = text.find(fmt::format("\n    {}: {{\n", lang));
  const auto events = text.find("\n      events: {\n", start);
  const auto end = text.find("\n      },", events);
  std::map<std::string, std::string> out;
  if (start == std::string::npos || events == std::string::npos) return out;
  const std::string block = text.substr(events, end - events);
  const std::regex entry(R"((\w+): '([^']*)')");
  for (auto it = std::sregex_iterator(block.begin(), block.end(), entry);
       it != std::sregex_iterator(); ++it) {
    out[(*it)[1]] = (*it)[2];
  }
  return out;
}

// The report reads event labels from web/src/i18n.js (it is offline: no /api/parameters); they
// are the table's.
TEST(Names, TheReportsEventLabelsAreTheTables) {
  const std::string text = read_source("web/src/i18n.js");
  const auto sv = i18n_events(text, "sv");
  const auto en = i18n_events(text, "en");
  EXPECT_EQ(sv.size(), std::size(kEventSpecs));
  EXPECT_EQ(en.size(), std::size(kEventSpecs));
  for (const auto& e : kEventSpecs) {
    const std::string name(event_name(e.type));
    EXPECT_EQ(sv.contains(name) ? sv.at(name) : "<missing>", e.label.sv) << name;
    EXPECT_EQ(en.contains(name) ? en.at(name) : "<missing>", e.label.en) << name;
  }
}

// The front end takes bounds and defaults from /api/parameters: no numeric bound or default in
// its scripts.
TEST(Names, TheFrontEndHoldsNoNumericBound) {
  const std::regex bound(R"(\b(min|max|low|high|default)\s*:\s*-?[0-9])");
  std::vector<std::filesystem::path> files = {"web/src/i18n.js"};
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(SAMSPEL_SOURCE_DIR) / "web/app")) {
    if (entry.path().extension() == ".js") files.push_back("web/app" / entry.path().filename());
  }
  for (const auto& file : files) {
    std::istringstream lines(read_source(file));
    for (std::string line; std::getline(lines, line);) {
      if (line.find("el(\"progress\"") != std::string::npos) continue;  // a share done, 0..1
      std::smatch found;
      EXPECT_FALSE(std::regex_search(line, found, bound))
          << file << " holds a numeric bound or default: " << line;
    }
  }
}

}  // namespace
}  // namespace samspel::io
