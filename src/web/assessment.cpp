#include "samspel/web/assessment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "samspel/analysis/run_measures.hpp"
#include "samspel/engine/statistics.hpp"
#include "samspel/io/dictionary.hpp"
#include "samspel/io/excerpt.hpp"
#include "samspel/io/results_json.hpp"
#include "samspel/study/run_scenario.hpp"
#include "samspel/web/api.hpp"
#include "samspel/web/run_request.hpp"

namespace samspel::web {

namespace {

using nlohmann::json;

// The report's two archetypes, as the presets write them: scenarios/stagnation.toml's strategy
// (a close leadership that stops talking, p. 25-26) and scenarios/strategy_discussed_roles.toml's
// (genomdiskuterade roller, p. 27). They differ in exactly the levers of patterns F1, F2 and F4.
constexpr std::string_view kStagnating =
    "strategy.foundation=chemistry;strategy.role_dialogue=none;"
    "strategy.arena_interval_months=0;strategy.private_socializing=0.8";
constexpr std::string_view kDiscussedRoles =
    "strategy.foundation=roles;strategy.role_dialogue=recurring;"
    "strategy.role_dialogue_period=12;strategy.arena_interval_months=6;"
    "strategy.private_socializing=0.3";

std::vector<std::string> split_assignments(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    const auto semicolon = list.find(';');
    out.emplace_back(list.substr(0, semicolon));
    if (semicolon == std::string_view::npos) break;
    list.remove_prefix(semicolon + 1);
  }
  return out;
}

void apply_all(io::Scenario& s, std::string_view list) {
  for (const auto& a : split_assignments(list))
    io::apply_assignment(s, a);
}

const Option* find_option(const Question& q, std::string_view id) {
  for (const auto& o : q.options) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

// The chosen option id of every question (its default when unanswered).
std::vector<std::string_view> chosen_options(const json& answers) {
  if (!answers.is_object())
    throw BadRequest("answers: not an object; allowed: {\"<question>\": \"<option>\", ...}");
  for (const auto& [key, value] : answers.items()) {
    bool known = false;
    for (const auto& q : questions())
      known = known || q.id == key;
    if (!known) {
      std::string ids;
      for (const auto& q : questions())
        ids += ids.empty() ? std::string(q.id) : fmt::format(", {}", q.id);
      throw BadRequest(
          fmt::format("answers.{}: unknown question; allowed: {}", io::key_for_message(key), ids));
    }
  }
  std::vector<std::string_view> out;
  for (const auto& q : questions()) {
    const std::string key(q.id);
    if (!answers.contains(key)) {
      out.push_back(q.default_option);
      continue;
    }
    const json& a = answers.at(key);
    const Option* option = a.is_string() ? find_option(q, a.get<std::string>()) : nullptr;
    if (option == nullptr) {
      std::string ids;
      for (const auto& o : q.options)
        ids += ids.empty() ? std::string(o.id) : fmt::format(", {}", o.id);
      throw BadRequest(
          io::one_line_error(fmt::format("answers.{}: {} is not allowed; allowed: one of {}", key,
                                         a.is_string() ? io::quoted_excerpt(a.get<std::string>())
                                                       : std::string(a.type_name()),
                                         ids))
              .what());
    }
    out.push_back(option->id);
  }
  return out;
}

io::Scenario base_scenario() {
  io::Scenario s;
  s.name = "Self-assessment";
  s.source = "answers";
  s.run.years = kAssessmentYears;
  s.run.replicates = kAssessmentReplicates;
  return s;
}

// One value per replicate; NaN where undefined.
using PerRun = std::vector<double>;

struct Indicators {
  // Fragility, around the scripted change: the relative drop, the 24-month risk (as the run
  // measures unrecovered_share_24, restricted_recovery_months and mean_lockins_new_pair define
  // it) and, kept for the API, the biased mean recovery over the recovered runs only.
  PerRun drop, unrecovered_24, restricted_recovery, lockins_new_pair, recovery;
  PerRun fit_change, diversity_change, consensus_end, shifts_per_election;
};

double window_mean(const io::RunResults& r, int i, model::Metric m, int from, int to) {
  double sum = 0;
  for (int t = from; t < to; ++t)
    sum += r.at(i, t, m);
  return sum / (to - from);
}

Indicators indicators(const io::RunResults& r) {
  Indicators out;
  const int months = r.calendar.months();
  const int window = std::min(48, months / 2);
  for (int i = 0; i < r.replicates; ++i) {
    const auto& s = r.summaries[static_cast<std::size_t>(i)];
    double drop = NAN;
    double unrecovered = NAN;
    double restricted = NAN;
    double lockins = NAN;
    double recovery = NAN;
    for (const auto& c : s.changes) {
      if (c.seat == model::Seat::ceo && c.step == kChangeMonth) {
        if (c.before > 0 && std::isfinite(c.after)) drop = (c.before - c.after) / c.before;
        unrecovered = analysis::unrecovered_24(c);
        restricted = analysis::restricted_recovery_24(c);
        lockins = c.lockins;
        if (c.recovery >= 0) recovery = c.recovery;
        break;
      }
    }
    out.drop.push_back(drop);
    out.unrecovered_24.push_back(unrecovered);
    out.restricted_recovery.push_back(restricted);
    out.lockins_new_pair.push_back(lockins);
    out.recovery.push_back(recovery);
    using model::Metric;
    out.fit_change.push_back(window_mean(r, i, Metric::fit_ideas, months - window, months) -
                             window_mean(r, i, Metric::fit_ideas, 0, window));
    out.diversity_change.push_back(
        window_mean(r, i, Metric::belief_diversity, months - window, months) -
        window_mean(r, i, Metric::belief_diversity, 0, window));
    out.consensus_end.push_back(
        window_mean(r, i, Metric::consensus_pre_discussion, months - window, months));
    out.shifts_per_election.push_back(
        s.elections > 0 ? static_cast<double>(s.election_shifts) / s.elections : NAN);
  }
  return out;
}

json number(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

json summary(const PerRun& values) {
  PerRun finite;
  for (const double v : values) {
    if (std::isfinite(v)) finite.push_back(v);
  }
  const auto s = engine::summarize(finite);
  return {
      {"n", finite.size()}, {"mean", number(s.mean)}, {"standard_error", number(s.standard_error)}};
}

// Where the answers lie between the discussed-roles archetype (0) and the stagnating one (1),
// read off the same means the table shows, so the level can never be computed from numbers the
// reader does not see. Undefined (null) when the archetypes' paired difference is not
// significant (its 95% interval holds 0): the model then does not tell them apart for this
// municipality.
json indicator(const PerRun& yours, const PerRun& stagnating, const PerRun& discussed) {
  const auto gap = engine::paired_difference(discussed, stagnating);
  json out = {{"yours", summary(yours)},
              {"stagnating", summary(stagnating)},
              {"discussed_roles", summary(discussed)},
              {"archetype_difference",
               {{"mean", number(gap.mean)}, {"low", number(gap.low)}, {"high", number(gap.high)}}}};
  const json& y = out["yours"]["mean"];
  const json& s = out["stagnating"]["mean"];
  const json& d = out["discussed_roles"]["mean"];
  const bool separated = gap.n > 1 && (gap.low > 0 || gap.high < 0) && !y.is_null() &&
                         !s.is_null() && !d.is_null() && s.get<double>() != d.get<double>();
  out["position"] =
      separated ? number((y.get<double>() - d.get<double>()) / (s.get<double>() - d.get<double>()))
                : json(nullptr);
  return out;
}

// The answers' assignments as a scenario object, for the build page.
json scenario_json(const io::Scenario& s, const std::vector<std::string_view>& chosen) {
  json out = {{"name", s.name},
              {"run",
               {{"start", engine::format_year_month(s.run.start)},
                {"years", s.run.years},
                {"replicates", s.run.replicates},
                {"seed", s.run.seed}}}};
  for (std::size_t q = 0; q < questions().size(); ++q) {
    const Option* o = find_option(questions()[q], chosen[q]);
    for (const auto& a : split_assignments(o->assignments)) {
      const std::string key = a.substr(0, a.find('='));
      const io::ParameterSpec* spec = io::find_parameter(key);
      const double v = spec->get(s.parameters);
      json value;
      switch (spec->kind) {
        case io::Kind::Choice:
          value = std::string(io::choice_labels(*spec)[static_cast<std::size_t>(v)]);
          break;
        case io::Kind::Boolean:
          value = v != 0;
          break;
        case io::Kind::Integer:
          value = static_cast<std::int64_t>(v);
          break;
        case io::Kind::Real:
          value = v;
          break;
      }
      out[std::string(spec->section)][std::string(spec->name)] = value;
    }
  }
  return out;
}

}  // namespace

// Each position is clamped first: beyond an archetype is "as far as that archetype", and one
// indicator far outside the pair (a small gap in the denominator) must not outvote the others.
// The majority rule keeps a level from contradicting the table it stands above.
json group_level(const std::vector<json>& positions) {
  double sum = 0;
  int n = 0;
  int stagnating_side = 0;
  int discussed_side = 0;
  for (const json& position : positions) {
    if (position.is_null()) continue;
    const double p = std::clamp(position.get<double>(), 0.0, 1.0);
    sum += p;
    ++n;
    stagnating_side += p > 0.5 ? 1 : 0;
    discussed_side += p < 0.5 ? 1 : 0;
  }
  if (n == 0) return {{"position", nullptr}, {"level", nullptr}};
  const double mean = sum / n;
  std::string level = mean < 1.0 / 3 ? "low" : (mean < 2.0 / 3 ? "medium" : "high");
  if (level == "high" && 2 * stagnating_side <= n) level = "medium";
  if (level == "low" && 2 * discussed_side <= n) level = "medium";
  return {{"position", mean}, {"level", level}};
}

io::Scenario assessment_scenario(const json& answers) {
  const auto chosen = chosen_options(answers);
  io::Scenario s = base_scenario();
  for (std::size_t q = 0; q < questions().size(); ++q)
    apply_all(s, find_option(questions()[q], chosen[q])->assignments);
  io::validate(s);
  return s;
}

std::vector<io::Variant> assessment_variants(const io::Scenario& scenario) {
  io::Scenario yours = scenario;
  io::DatedEvent change;
  change.event.type = model::EventType::ceo_leaves;
  change.date = yours.calendar().at(kChangeMonth);
  change.key = "events[0].date";
  change.where = "self-assessment";
  yours.events.push_back(change);
  io::Scenario stagnating = yours;
  apply_all(stagnating, kStagnating);
  io::Scenario discussed = yours;
  apply_all(discussed, kDiscussedRoles);
  return {{"yours", yours}, {"stagnating", stagnating}, {"discussed_roles", discussed}};
}

std::string run_assessment(const json& answers, unsigned threads, const Jobs::Progress& progress) {
  const auto chosen = chosen_options(answers);
  const io::Scenario scenario = assessment_scenario(answers);
  const auto variants = assessment_variants(scenario);
  std::vector<io::RunResults> results;
  std::vector<Indicators> values;
  for (const auto& v : variants) {
    const std::size_t offset = results.size() * static_cast<std::size_t>(kAssessmentReplicates);
    results.push_back(study::run_scenario(v.scenario, threads, [&](std::size_t done) {
      if (progress) progress(offset + done);
    }));
    values.push_back(indicators(results.back()));
  }
  const auto ind = [&](PerRun Indicators::*field) {
    return indicator(values[0].*field, values[1].*field, values[2].*field);
  };
  json fragility = {{"drop", ind(&Indicators::drop)},
                    {"unrecovered_24", ind(&Indicators::unrecovered_24)},
                    {"restricted_recovery_months", ind(&Indicators::restricted_recovery)},
                    {"lockins_new_pair", ind(&Indicators::lockins_new_pair)},
                    {"recovery_months", ind(&Indicators::recovery)}};
  // recovery_months (over the recovered runs only: biased) is not part of the level.
  const json fragility_level =
      group_level({fragility["drop"]["position"], fragility["unrecovered_24"]["position"],
                   fragility["restricted_recovery_months"]["position"],
                   fragility["lockins_new_pair"]["position"]});
  fragility["position"] = fragility_level["position"];
  fragility["level"] = fragility_level["level"];
  json stagnation = {{"fit_change", ind(&Indicators::fit_change)},
                     {"diversity_change", ind(&Indicators::diversity_change)},
                     {"consensus_end", ind(&Indicators::consensus_end)},
                     {"shifts_per_election", ind(&Indicators::shifts_per_election)}};
  const json stagnation_level = group_level(
      {stagnation["fit_change"]["position"], stagnation["diversity_change"]["position"],
       stagnation["consensus_end"]["position"], stagnation["shifts_per_election"]["position"]});
  stagnation["position"] = stagnation_level["position"];
  stagnation["level"] = stagnation_level["level"];

  json chosen_json = json::object();
  for (std::size_t q = 0; q < questions().size(); ++q)
    chosen_json[std::string(questions()[q].id)] = chosen[q];
  json advice = json::array();
  for (const auto& s : suggestions()) {
    for (std::size_t q = 0; q < questions().size(); ++q) {
      if (questions()[q].id != s.question) continue;
      for (const auto& w : s.when) {
        if (w == chosen[q]) {
          advice.push_back({{"question", s.question},
                            {"sv", s.sv},
                            {"en", s.en},
                            {"mechanism_sv", s.mechanism_sv},
                            {"mechanism_en", s.mechanism_en},
                            {"pages", s.pages}});
        }
      }
    }
  }
  const json out = {
      {"answers", chosen_json},
      {"scenario", scenario_json(scenario, chosen)},
      {"change_date", engine::format_year_month(scenario.calendar().at(kChangeMonth))},
      {"replicates", kAssessmentReplicates},
      {"risk", {{"fragility", fragility}, {"stagnation", stagnation}}},
      {"suggestions", advice}};
  // The charts show the answers' own run (with its scripted change) as a results document.
  std::string text = out.dump();
  text.pop_back();
  text +=
      ",\"document\":" +
      io::run_document(results[0], variants[0].scenario, served_provenance("assessment")).dump() +
      "}";
  return text;
}

json questions_json() {
  json out = json::array();
  for (const auto& q : questions()) {
    json options = json::array();
    for (const auto& o : q.options)
      options.push_back({{"id", o.id}, {"sv", o.sv}, {"en", o.en}, {"sets", o.assignments}});
    out.push_back({{"id", q.id},
                   {"sv", q.sv},
                   {"en", q.en},
                   {"pages", q.pages},
                   {"default", q.default_option},
                   {"options", options}});
  }
  return out;
}

}  // namespace samspel::web
