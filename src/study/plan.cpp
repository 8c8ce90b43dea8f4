#include "samspel/study/plan.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "samspel/engine/design.hpp"
#include "samspel/io/dictionary.hpp"

namespace samspel::study {

namespace {

std::string parameters_json(const io::Scenario& s) {
  nlohmann::ordered_json j;
  for (const auto& spec : io::parameter_specs()) {
    j[std::string(spec.key)] = io::format_value(spec, spec.get(s.parameters));
  }
  nlohmann::ordered_json events = nlohmann::ordered_json::array();
  for (const auto& e : s.events) {
    events.push_back({model::kEventTypeNames[static_cast<int>(e.event.type)],
                      engine::format_year_month(e.date), e.event.size, e.event.months});
  }
  return nlohmann::ordered_json{{"parameters", j}, {"events", events}}.dump();
}

StudyPlan start(const std::string& kind, const io::Scenario& base, bool keep_series,
                const Provenance& p) {
  StudyPlan plan;
  auto& d = plan.description;
  d.kind = kind;
  d.replicates = base.run.replicates;
  d.seed = base.run.seed;
  d.calendar = base.calendar();
  d.keep_series = keep_series;
  d.base_parameters_json = parameters_json(base);
  d.samspel_version = p.samspel_version;
  d.git_revision = p.git_revision;
  d.command_line = p.command_line;
  return plan;
}

}  // namespace

StudyPlan plan_comparison(const std::vector<io::Variant>& variants, bool keep_series,
                          const Provenance& p) {
  StudyPlan plan = start("compare", variants.front().scenario, keep_series, p);
  nlohmann::ordered_json design = nlohmann::ordered_json::array();
  for (const auto& v : variants) {
    design.push_back(v.label);
    plan.description.configurations.push_back({v.label, "", "", {}});
    plan.scenarios.push_back(v.scenario);
  }
  plan.description.design_json = nlohmann::ordered_json{{"variants", design}}.dump();
  return plan;
}

StudyPlan plan_sweep(const io::Scenario& base, const std::vector<io::SweepAxis>& axes,
                     Design design, int points, bool keep_series, const Provenance& p) {
  StudyPlan plan = start("sweep", base, keep_series, p);
  const int dims = static_cast<int>(axes.size());
  const engine::UnitDesign unit = design == Design::grid
                                      ? engine::grid_design(dims, points)
                                      : engine::latin_hypercube(dims, points, base.run.seed);
  nlohmann::ordered_json axes_json = nlohmann::ordered_json::array();
  for (const auto& a : axes)
    axes_json.push_back(a.text);
  plan.description.design_json = nlohmann::ordered_json{
      {"design", design == Design::grid ? "grid" : "lhs"},
      {"points", points},
      {"axes", axes_json}}.dump();
  for (std::size_t i = 0; i < unit.size(); ++i) {
    io::StudyConfiguration c;
    io::Scenario s = base;
    for (int a = 0; a < dims; ++a) {
      const std::string assignment =
          io::axis_assignment(axes[static_cast<std::size_t>(a)], unit.at(i, a));
      io::apply_assignment(s, assignment);
      c.assignments.push_back(assignment);
      c.label += (a == 0 ? "" : ", ") + assignment;
    }
    io::validate(s);
    plan.description.configurations.push_back(std::move(c));
    plan.scenarios.push_back(std::move(s));
  }
  return plan;
}

StudyPlan plan_population(const io::Scenario& base, const io::Population& population,
                          bool keep_series, const Provenance& p) {
  StudyPlan plan = start("population", base, keep_series, p);
  plan.description.design_json = nlohmann::ordered_json{
      {"population", population.source},
      {"columns", population.columns},
      {"municipalities",
       population.rows.size()}}.dump();
  for (const auto& row : population.rows) {
    io::Scenario s = io::scenario_for(base, row);
    plan.description.configurations.push_back(
        {row.name, row.name, std::string(io::size_class(s.parameters.municipality.population)),
         row.assignments});
    plan.scenarios.push_back(std::move(s));
  }
  return plan;
}

}  // namespace samspel::study
