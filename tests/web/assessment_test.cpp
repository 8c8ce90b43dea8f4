#include "samspel/web/assessment.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "samspel/io/dictionary.hpp"
#include "samspel/web/run_request.hpp"

namespace samspel::web {
namespace {

using nlohmann::json;

// Every answer of the table is a valid scenario, and answering a question changes what its
// assignments name, so no answer is silently without effect.
TEST(Assessment, EveryAnswerSetsWhatItSays) {
  for (const auto& q : questions()) {
    std::set<std::string_view> ids;
    for (const auto& o : q.options) {
      ids.insert(o.id);
      io::Scenario s;
      ASSERT_NO_THROW(s = assessment_scenario({{std::string(q.id), std::string(o.id)}}))
          << q.id << "=" << o.id;
      std::string_view rest = o.assignments;
      while (!rest.empty()) {
        const auto end = rest.find(';');
        const std::string_view a = rest.substr(0, end);
        const auto eq = a.find('=');
        const io::ParameterSpec* spec = io::find_parameter(a.substr(0, eq));
        ASSERT_NE(spec, nullptr) << a;
        EXPECT_EQ(io::format_value(*spec, spec->get(s.parameters)), a.substr(eq + 1)) << a;
        if (end == std::string_view::npos) break;
        rest.remove_prefix(end + 1);
      }
    }
    EXPECT_EQ(ids.size(), q.options.size()) << q.id;
    EXPECT_TRUE(ids.contains(q.default_option)) << q.id;
    EXPECT_FALSE(q.pages.empty()) << q.id;
  }
}

// The default answers leave the model's constants (model.*) at the dictionary's defaults, at
// which the model is calibrated and validated: a user who accepts every default sees the model
// of docs/VALIDATION.md.
TEST(Assessment, DefaultAnswersKeepTheModelsDefaults) {
  for (const auto& q : questions()) {
    for (const auto& o : q.options) {
      if (o.id != q.default_option) continue;
      std::string_view rest = o.assignments;
      while (!rest.empty()) {
        const auto end = rest.find(';');
        const std::string_view a = rest.substr(0, end);
        const auto eq = a.find('=');
        if (a.starts_with("model.")) {
          const io::ParameterSpec* spec = io::find_parameter(a.substr(0, eq));
          ASSERT_NE(spec, nullptr) << a;
          EXPECT_EQ(io::format_value(*spec, spec->default_value), a.substr(eq + 1))
              << q.id << "=" << o.id;
        }
        if (end == std::string_view::npos) break;
        rest.remove_prefix(end + 1);
      }
    }
  }
}

TEST(Assessment, SuggestionsReferToExistingAnswers) {
  for (const auto& s : suggestions()) {
    const Question* question = nullptr;
    for (const auto& q : questions()) {
      if (q.id == s.question) question = &q;
    }
    ASSERT_NE(question, nullptr) << s.question;
    for (const auto& w : s.when) {
      bool found = false;
      for (const auto& o : question->options)
        found = found || o.id == w;
      EXPECT_TRUE(found) << s.question << "=" << w;
    }
    EXPECT_FALSE(s.mechanism_en.empty());
    EXPECT_FALSE(s.mechanism_sv.empty());
    EXPECT_FALSE(s.pages.empty());
  }
}

TEST(Assessment, BadAnswersNameTheQuestion) {
  try {
    assessment_scenario({{"roles", "maybe"}});
    FAIL();
  } catch (const BadRequest& e) {
    EXPECT_STREQ(e.what(), "answers.roles: \"maybe\" is not allowed; allowed: one of no, yes");
  }
  EXPECT_THROW(assessment_scenario({{"weather", "fine"}}), BadRequest);
  EXPECT_THROW(assessment_scenario(json::array()), BadRequest);
}

TEST(Assessment, ArchetypesDifferFromTheAnswersOnlyInTheirStrategy) {
  const io::Scenario s = assessment_scenario({{"size", "small"}, {"committees", "none"}});
  const auto variants = assessment_variants(s);
  ASSERT_EQ(variants.size(), 3u);
  for (const auto& v : variants) {
    EXPECT_EQ(v.scenario.parameters.municipality.population, 5000);
    EXPECT_EQ(v.scenario.parameters.municipality.committees, 0);
    ASSERT_EQ(v.scenario.events.size(), 1u);
    EXPECT_EQ(v.scenario.calendar().step_of(v.scenario.events[0].date), kChangeMonth);
  }
  EXPECT_EQ(variants[1].scenario.parameters.strategy.private_socializing, 0.8);
  EXPECT_EQ(variants[2].scenario.parameters.strategy.arena_interval_months, 6);
}

// The level never contradicts the table: where the level is high, the answers' mean lies on the
// stagnating archetype's side of the archetypes' midpoint for most of the indicators the level
// is made from (those with a defined position), and where it is low on the discussed-roles
// side. The sides are read off the table's own means, not off the positions the level uses.
void expect_level_agrees_with_table(const json& group, std::initializer_list<const char*> names,
                                    const std::string& where) {
  const json& level = group.at("level");
  int defined = 0;
  int stagnating_side = 0;
  int discussed_side = 0;
  for (const char* name : names) {
    const json& i = group.at(name);
    if (i.at("position").is_null()) continue;
    ++defined;
    const double yours = i.at("yours").at("mean").get<double>();
    const double stagnating = i.at("stagnating").at("mean").get<double>();
    const double discussed = i.at("discussed_roles").at("mean").get<double>();
    const double side = (yours - (stagnating + discussed) / 2) * (stagnating - discussed);
    stagnating_side += side > 0 ? 1 : 0;
    discussed_side += side < 0 ? 1 : 0;
  }
  if (level.is_null()) {
    EXPECT_EQ(defined, 0) << where;
    return;
  }
  ASSERT_GT(defined, 0) << where;
  if (level == "high") {
    EXPECT_GT(2 * stagnating_side, defined) << where << ": " << group.dump();
  }
  if (level == "low") {
    EXPECT_GT(2 * discussed_side, defined) << where << ": " << group.dump();
  }
}

// One row far beyond an archetype does not outvote the others, and a level is "high" or "low"
// only with a majority of the rows on its side.
TEST(Assessment, GroupLevelClampsAndNeedsAMajority) {
  EXPECT_EQ(group_level({json(12.0), json(0.0), json(0.1), json(0.2)})["level"], "low");
  EXPECT_DOUBLE_EQ(group_level({json(12.0), json(0.0), json(0.1), json(0.2)})["position"], 0.325);
  EXPECT_EQ(group_level({json(0.45), json(0.45), json(1.0), json(1.0)})["level"], "medium");
  EXPECT_EQ(group_level({json(0.55), json(0.9), json(1.0), json(-3.0)})["level"], "medium");
  EXPECT_EQ(group_level({json(0.7), json(0.9), json(1.0), json(0.4)})["level"], "high");
  EXPECT_EQ(group_level({json(-2.0), json(0.1), json(nullptr), json(0.2)})["level"], "low");
  EXPECT_TRUE(group_level({json(nullptr), json(nullptr)})["level"].is_null());
}

TEST(Assessment, LevelsNeverContradictTheTable) {
  const json answer_sets[] = {
      {{"roles", "no"}, {"role_talk", "never"}, {"private", "often"}},
      {{"roles", "yes"}, {"role_talk", "yearly"}, {"private", "never"}},
      json::object(),
  };
  std::set<std::string> fragility_levels;
  for (const auto& answers : answer_sets) {
    const json result = json::parse(run_assessment(answers, 2, {}));
    const json& risk = result.at("risk");
    EXPECT_EQ(result.at("replicates"), kAssessmentReplicates);
    const json& fragility = risk.at("fragility");
    expect_level_agrees_with_table(
        fragility, {"drop", "unrecovered_24", "restricted_recovery_months", "lockins_new_pair"},
        "fragility for " + answers.dump());
    expect_level_agrees_with_table(
        risk.at("stagnation"),
        {"fit_change", "diversity_change", "consensus_end", "shifts_per_election"},
        "stagnation for " + answers.dump());
    fragility_levels.insert(
        fragility.at("level").is_null() ? "null" : fragility.at("level").get<std::string>());
    // The 24-month indicators are defined for every run: the scripted change is followed for
    // years, so none is censored.
    EXPECT_EQ(fragility.at("unrecovered_24").at("yours").at("n"), kAssessmentReplicates);
    EXPECT_EQ(fragility.at("restricted_recovery_months").at("yours").at("n"),
              kAssessmentReplicates);
  }
  // Not vacuous: the answer sets reach both ends.
  EXPECT_TRUE(fragility_levels.contains("high")) << json(fragility_levels).dump();
  EXPECT_TRUE(fragility_levels.contains("low")) << json(fragility_levels).dump();
}

}  // namespace
}  // namespace samspel::web

namespace samspel::web {
namespace {

TEST(Assessment, DocumentationIsCurrent) {
  std::ifstream in(std::filesystem::path(SAMSPEL_SOURCE_DIR) / "docs" / "self-assessment.md");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(text == assessment_markdown())
      << "docs/self-assessment.md is stale: run ./build/samspel docs";
}

}  // namespace
}  // namespace samspel::web
