#include "samspel/io/dictionary.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string>

#include "samspel/io/results.hpp"

namespace samspel::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;

const ParameterSpec& spec_of(std::string_view key) {
  const ParameterSpec* spec = find_parameter(key);
  if (spec == nullptr) throw std::logic_error("no parameter " + std::string(key));
  return *spec;
}

// A value inside the spec's range that differs from its default, so that a set() which writes
// the wrong field or rounds wrongly shows.
double other_value(const ParameterSpec& spec) {
  if (std::isnan(spec.default_value)) return spec.low + (spec.high - spec.low) / 4;
  return spec.default_value != spec.high ? spec.high : spec.low;
}

bool same(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || a == b;
}

TEST(Dictionary, HasParametersOfEverySection) {
  std::set<std::string_view> sections;
  for (const auto& spec : parameter_specs())
    sections.insert(spec.section);
  EXPECT_THAT(sections, ElementsAre("model", "municipality", "strategy"));
  EXPECT_GT(parameter_specs().size(), 50U);
}

TEST(Dictionary, KeysAreUniqueAndSectionDotName) {
  std::set<std::string_view> keys;
  for (const auto& spec : parameter_specs()) {
    EXPECT_TRUE(keys.insert(spec.key).second) << "duplicate key " << spec.key;
    EXPECT_EQ(spec.key, std::string(spec.section) + "." + std::string(spec.name));
    EXPECT_FALSE(spec.name.empty());
    EXPECT_EQ(spec.name.find('.'), std::string_view::npos) << spec.key;
  }
}

TEST(Dictionary, EveryEntryIsDocumented) {
  for (const auto& spec : parameter_specs()) {
    EXPECT_FALSE(spec.meaning.empty()) << spec.key;
    EXPECT_FALSE(spec.source.empty()) << spec.key;
    EXPECT_LE(spec.low, spec.high) << spec.key;
    // A '|' in a text would split a row of the markdown table in docs/parameters.md.
    EXPECT_EQ(spec.meaning.find('|'), std::string_view::npos) << spec.key;
    EXPECT_EQ(spec.source.find('|'), std::string_view::npos) << spec.key;
    EXPECT_EQ(spec.unit.find('|'), std::string_view::npos) << spec.key;
    EXPECT_EQ(spec.kind == Kind::Choice, !spec.choices.empty()) << spec.key;
  }
}

TEST(Dictionary, DefaultsAreAllowed) {
  int derived = 0;
  for (const auto& spec : parameter_specs()) {
    if (std::isnan(spec.default_value)) {
      // Only a real can be derived; the model fills it in.
      EXPECT_EQ(spec.kind, Kind::Real) << spec.key;
      ++derived;
      continue;
    }
    EXPECT_EQ(check_value(spec, spec.default_value), std::nullopt) << spec.key;
  }
  EXPECT_TRUE(std::isnan(spec_of("municipality.capacity").default_value));
  EXPECT_EQ(derived, 1);
}

TEST(Dictionary, DefaultsMatchTheParametersStruct) {
  const model::Parameters p;
  for (const auto& spec : parameter_specs()) {
    EXPECT_TRUE(same(spec.get(p), spec.default_value))
        << spec.key << ": struct " << spec.get(p) << ", dictionary " << spec.default_value;
  }
}

TEST(Dictionary, ChoicesCoverTheRangeExactly) {
  for (const auto& spec : parameter_specs()) {
    if (spec.kind != Kind::Choice) continue;
    EXPECT_EQ(spec.low, 0) << spec.key;
    EXPECT_EQ(spec.high, static_cast<double>(choice_labels(spec).size() - 1)) << spec.key;
  }
}

TEST(Dictionary, FindParameterFindsEveryKey) {
  for (const auto& spec : parameter_specs()) {
    EXPECT_EQ(find_parameter(spec.key), &spec) << spec.key;
  }
}

TEST(Dictionary, FindParameterReturnsNullForUnknownKeys) {
  EXPECT_EQ(find_parameter("municipality.nonsense"), nullptr);
  EXPECT_EQ(find_parameter("population"), nullptr);
  EXPECT_EQ(find_parameter("strategy.population"), nullptr);
  EXPECT_EQ(find_parameter("municipality.population "), nullptr);
  EXPECT_EQ(find_parameter("Municipality.population"), nullptr);
  EXPECT_EQ(find_parameter("run.seed"), nullptr);
  EXPECT_EQ(find_parameter(""), nullptr);
}

TEST(Dictionary, ChoiceLabelsAndIndex) {
  const auto& dialogue = spec_of("strategy.role_dialogue");
  EXPECT_THAT(choice_labels(dialogue), ElementsAre("none", "at_start", "recurring"));
  EXPECT_EQ(choice_index(dialogue, "none"), 0);
  EXPECT_EQ(choice_index(dialogue, "at_start"), 1);
  EXPECT_EQ(choice_index(dialogue, "recurring"), 2);
  EXPECT_EQ(choice_index(dialogue, "Recurring"), std::nullopt);
  EXPECT_EQ(choice_index(dialogue, "recur"), std::nullopt);
  EXPECT_EQ(choice_index(dialogue, ""), std::nullopt);
  EXPECT_EQ(choice_index(dialogue, "none|at_start"), std::nullopt);

  const auto& foundation = spec_of("strategy.foundation");
  EXPECT_THAT(choice_labels(foundation), ElementsAre("chemistry", "roles"));
  EXPECT_EQ(choice_index(foundation, "roles"), 1);

  EXPECT_THAT(choice_labels(spec_of("municipality.ruling_bloc")), ElementsAre("a", "b"));
  EXPECT_TRUE(choice_labels(spec_of("municipality.population")).empty());
}

TEST(Dictionary, RealRoundTrip) {
  const auto& spec = spec_of("strategy.delegation");
  model::Parameters p;
  spec.set(p, 0.75);
  EXPECT_EQ(p.strategy.delegation, 0.75);
  EXPECT_EQ(spec.get(p), 0.75);
  const auto& intercept = spec_of("model.election_intercept");
  intercept.set(p, -1.25);
  EXPECT_EQ(p.model.election_intercept, -1.25);
  EXPECT_EQ(intercept.get(p), -1.25);
}

TEST(Dictionary, DerivedCapacityRoundTrip) {
  const auto& spec = spec_of("municipality.capacity");
  model::Parameters p;
  EXPECT_TRUE(std::isnan(spec.get(p)));
  spec.set(p, 0.4);
  EXPECT_EQ(p.municipality.capacity, 0.4);
  EXPECT_EQ(spec.get(p), 0.4);
}

TEST(Dictionary, IntegerRoundTrip) {
  const auto& spec = spec_of("municipality.population");
  model::Parameters p;
  spec.set(p, 123456);
  EXPECT_EQ(p.municipality.population, 123456);
  EXPECT_EQ(spec.get(p), 123456.0);
}

TEST(Dictionary, BooleanRoundTrip) {
  const auto& opposition = spec_of("strategy.arena_includes_opposition");
  model::Parameters p;
  EXPECT_FALSE(p.strategy.arena_includes_opposition);
  opposition.set(p, 1);
  EXPECT_TRUE(p.strategy.arena_includes_opposition);
  EXPECT_EQ(opposition.get(p), 1.0);

  const auto& heads = spec_of("strategy.ceo_heads_departments");
  EXPECT_EQ(heads.default_value, 1.0);
  heads.set(p, 0);
  EXPECT_FALSE(p.strategy.ceo_heads_departments);
  EXPECT_EQ(heads.get(p), 0.0);
}

TEST(Dictionary, ChoiceRoundTrip) {
  model::Parameters p;
  const auto& foundation = spec_of("strategy.foundation");
  foundation.set(p, 1);
  EXPECT_EQ(p.strategy.foundation, model::Foundation::roles);
  EXPECT_EQ(foundation.get(p), 1.0);

  const auto& dialogue = spec_of("strategy.role_dialogue");
  dialogue.set(p, 2);
  EXPECT_EQ(p.strategy.role_dialogue, model::RoleDialogue::recurring);
  EXPECT_EQ(dialogue.get(p), 2.0);

  const auto& bloc = spec_of("municipality.ruling_bloc");
  bloc.set(p, 1);
  EXPECT_EQ(p.municipality.ruling_bloc, model::Bloc::b);
}

// Each setter must write its own field and no other: the X-macro rows are easy to misalign.
TEST(Dictionary, EachSetterWritesOnlyItsOwnField) {
  for (const auto& spec : parameter_specs()) {
    model::Parameters p;
    const double value = other_value(spec);
    ASSERT_EQ(check_value(spec, value), std::nullopt) << spec.key;
    spec.set(p, value);
    for (const auto& other : parameter_specs()) {
      const double expected = &other == &spec ? value : other.default_value;
      EXPECT_TRUE(same(other.get(p), expected))
          << "after setting " << spec.key << " to " << value << ", " << other.key << " is "
          << other.get(p) << ", expected " << expected;
    }
  }
}

TEST(Dictionary, CheckValueAcceptsTheBounds) {
  const auto& population = spec_of("municipality.population");
  EXPECT_EQ(check_value(population, 500), std::nullopt);
  EXPECT_EQ(check_value(population, 2000000), std::nullopt);
  const auto& intercept = spec_of("model.election_intercept");
  EXPECT_EQ(check_value(intercept, -5), std::nullopt);
  EXPECT_EQ(check_value(intercept, 5), std::nullopt);
  EXPECT_EQ(check_value(intercept, 0.123), std::nullopt);
}

TEST(Dictionary, CheckValueRejectsOutOfRange) {
  const auto& population = spec_of("municipality.population");
  EXPECT_THAT(check_value(population, 499),
              Optional(std::string("499 is not allowed; allowed: an integer in [500, 2000000]")));
  EXPECT_NE(check_value(population, 2000001), std::nullopt);

  const auto& delegation = spec_of("strategy.delegation");
  EXPECT_THAT(check_value(delegation, 1.5),
              Optional(std::string("1.5 is not allowed; allowed: a number in [0, 1]")));
  EXPECT_NE(check_value(delegation, -0.001), std::nullopt);
  EXPECT_NE(check_value(delegation, 1.0000001), std::nullopt);

  EXPECT_NE(check_value(spec_of("strategy.role_dialogue"), 3), std::nullopt);
  EXPECT_NE(check_value(spec_of("strategy.role_dialogue"), -1), std::nullopt);
  EXPECT_NE(check_value(spec_of("strategy.arena_includes_opposition"), 2), std::nullopt);
}

TEST(Dictionary, CheckValueRejectsNonFinite) {
  const auto& delegation = spec_of("strategy.delegation");
  EXPECT_THAT(check_value(delegation, std::numeric_limits<double>::quiet_NaN()),
              Optional(HasSubstr("allowed: a number in [0, 1]")));
  EXPECT_NE(check_value(delegation, std::numeric_limits<double>::infinity()), std::nullopt);
  // A derived default is a marker, never a value a scenario may give.
  EXPECT_NE(check_value(spec_of("municipality.capacity"), model::kDerived), std::nullopt);
  // An unbounded-looking range must still reject infinity.
  const auto& high = spec_of("model.capacity_population_high");
  EXPECT_NE(check_value(high, std::numeric_limits<double>::infinity()), std::nullopt);
}

TEST(Dictionary, CheckValueRejectsFractionsUnlessReal) {
  EXPECT_THAT(check_value(spec_of("municipality.departments"), 2.5),
              Optional(std::string("2.5 is not allowed; allowed: an integer in [1, 12]")));
  EXPECT_NE(check_value(spec_of("strategy.arena_includes_opposition"), 0.5), std::nullopt);
  EXPECT_NE(check_value(spec_of("strategy.role_dialogue"), 1.5), std::nullopt);
  EXPECT_EQ(check_value(spec_of("municipality.departments"), 3.0), std::nullopt);
  EXPECT_EQ(check_value(spec_of("strategy.delegation"), 0.5), std::nullopt);
}

TEST(Dictionary, AllowedValuesWording) {
  EXPECT_EQ(allowed_values(spec_of("strategy.delegation")), "a number in [0, 1]");
  EXPECT_EQ(allowed_values(spec_of("model.election_intercept")), "a number in [-5, 5]");
  EXPECT_EQ(allowed_values(spec_of("model.communication_horizon")), "a number in [0.5, 60]");
  EXPECT_EQ(allowed_values(spec_of("municipality.population")), "an integer in [500, 2000000]");
  EXPECT_EQ(allowed_values(spec_of("strategy.arena_includes_opposition")), "true or false");
  EXPECT_EQ(allowed_values(spec_of("strategy.role_dialogue")), "one of none, at_start, recurring");
  EXPECT_EQ(allowed_values(spec_of("municipality.ruling_bloc")), "one of a, b");
}

TEST(Dictionary, FormatValueWritesScenarioSyntax) {
  EXPECT_EQ(format_value(spec_of("strategy.foundation"), 1), "roles");
  EXPECT_EQ(format_value(spec_of("strategy.arena_includes_opposition"), 1), "true");
  EXPECT_EQ(format_value(spec_of("strategy.arena_includes_opposition"), 0), "false");
  EXPECT_EQ(format_value(spec_of("municipality.population"), 30000), "30000");
  EXPECT_EQ(format_value(spec_of("strategy.delegation"), 0.25), "0.25");
  EXPECT_EQ(format_value(spec_of("municipality.capacity"), model::kDerived), "derived");
}

// docs/ is generated from the code; a stale copy would document parameters that no longer
// exist or omit new ones.
std::string read_doc(const char* name) {
  std::ifstream in(std::filesystem::path(SAMSPEL_SOURCE_DIR) / "docs" / name, std::ios::binary);
  if (!in) return "<missing>";
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Docs, ParametersMarkdownIsUpToDate) {
  EXPECT_TRUE(read_doc("parameters.md") == parameters_markdown())
      << "docs/parameters.md is stale or missing: run `build/samspel docs` and commit the "
         "result";
}

TEST(Docs, OutputsMarkdownIsUpToDate) {
  EXPECT_TRUE(read_doc("outputs.md") == outputs_markdown())
      << "docs/outputs.md is stale or missing: run `build/samspel docs` and commit the result";
}

TEST(Docs, ParametersMarkdownListsEveryKey) {
  const std::string md = parameters_markdown();
  for (const auto& spec : parameter_specs()) {
    const std::string row = "| `" + std::string(spec.name) + "` | " +
                            format_value(spec, spec.default_value) + " | " + allowed_values(spec) +
                            " | ";
    EXPECT_THAT(md, HasSubstr(row)) << spec.key;
  }
  EXPECT_THAT(md, HasSubstr("\n## [municipality]\n"));
  EXPECT_THAT(md, HasSubstr("\n## [strategy]\n"));
  EXPECT_THAT(md, HasSubstr("\n## [model]\n"));
}

}  // namespace
}  // namespace samspel::io
