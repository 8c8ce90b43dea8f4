// The self-assessment for a leadership team (docs/self-assessment.md): questions drawn from the
// report, each answer mapped to scenario assignments in ONE table (assessment.cpp); the
// scenario the answers make; a risk profile computed by running it next to the report's two
// archetypes; and the report's suggestions that the answers call for, each with its mechanism.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "samspel/io/scenario.hpp"
#include "samspel/io/variants.hpp"
#include "samspel/web/jobs.hpp"

namespace samspel::web {

struct Option {
  std::string_view id;
  std::string_view sv;
  std::string_view en;
  // "key=value;key=value": applied with io::apply_assignment, so checked like --set.
  std::string_view assignments;
};

struct Question {
  std::string_view id;
  std::string_view sv;
  std::string_view en;
  std::string_view pages;  // report pages the question is drawn from
  std::vector<Option> options;
  std::string_view default_option;
};

struct Suggestion {
  std::string_view question;
  std::vector<std::string_view> when;  // the answers (option ids) that call for it
  std::string_view sv;
  std::string_view en;
  std::string_view mechanism_sv;
  std::string_view mechanism_en;
  std::string_view pages;
};

const std::vector<Question>& questions();
const std::vector<Suggestion>& suggestions();

// Replicates and years of the assessment's runs, and the month (from the start) of the scripted
// change of kommunchef that measures fragility.
inline constexpr int kAssessmentReplicates = 100;
inline constexpr int kAssessmentYears = 16;
inline constexpr int kChangeMonth = 50;  // March of the fifth year: mid-term, as in the README

// A group's level ("low", "medium", "high"; null without positions) and mean position from its
// indicators' positions (0 = discussed roles, 1 = stagnating; null = not separable): each
// clamped to [0, 1], thirds of their mean, "high" only when most lie above 1/2 and "low" only
// when most lie below, else "medium". As {"position", "level"}.
nlohmann::json group_level(const std::vector<nlohmann::json>& positions);

// The scenario the answers make: the default municipality with every answer's assignments.
// Throws BadRequest naming "answers.<question>" when an answer is unknown; unanswered questions
// take their default option.
io::Scenario assessment_scenario(const nlohmann::json& answers);

// The three configurations run: the answers, the stagnating archetype and the discussed-roles
// archetype (the same municipality, other organisation), each with the scripted CEO change.
std::vector<io::Variant> assessment_variants(const io::Scenario& scenario);

// Runs the variants; JSON text of {"answers", "scenario", "change_date", "risk", "suggestions",
// "document"} (docs/api.md).
std::string run_assessment(const nlohmann::json& answers, unsigned threads,
                           const Jobs::Progress& progress);

nlohmann::json questions_json();

// docs/self-assessment.md, generated from the tables.
std::string assessment_markdown();

}  // namespace samspel::web
