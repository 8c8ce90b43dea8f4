#include "samspel/study/plan.hpp"

#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>

#include "samspel/engine/design.hpp"
#include "samspel/io/dictionary.hpp"
#include "samspel/io/mix.hpp"

namespace samspel::study {

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

namespace {

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
  for (const auto& v : variants)
    design.push_back(v.label);
  plan.description.design_json = nlohmann::ordered_json{{"variants", design}}.dump();
  const auto shared = std::make_shared<const std::vector<io::Variant>>(variants);
  plan.description.configuration_count = variants.size();
  plan.description.configuration = [shared](std::size_t i) {
    return io::StudyConfiguration{(*shared)[i].label, "", "", {}};
  };
  plan.scenario = [shared](std::size_t i) { return (*shared)[i].scenario; };
  return plan;
}

namespace {

// A sweep's configuration i: the base with each axis set to design point i.
struct Sweep {
  io::Scenario base;
  std::vector<io::SweepAxis> axes;
  engine::UnitDesign unit;

  io::Scenario scenario(std::size_t i) const {
    io::Scenario s = base;
    for (std::size_t a = 0; a < axes.size(); ++a) {
      axes[a].spec->set(s.parameters, io::axis_value(axes[a], unit.at(i, static_cast<int>(a))));
    }
    return s;
  }

  io::StudyConfiguration configuration(std::size_t i) const {
    io::StudyConfiguration c;
    for (std::size_t a = 0; a < axes.size(); ++a) {
      const std::string assignment = io::axis_assignment(axes[a], unit.at(i, static_cast<int>(a)));
      c.label += (a == 0 ? "" : ", ") + assignment;
      c.assignments.push_back(assignment);
    }
    return c;
  }
};

}  // namespace

StudyPlan plan_sweep(const io::Scenario& base, const std::vector<io::SweepAxis>& axes,
                     Design design, int points, bool keep_series, const Provenance& p) {
  StudyPlan plan = start("sweep", base, keep_series, p);
  const int dims = static_cast<int>(axes.size());
  auto sweep = std::make_shared<Sweep>(
      Sweep{base, axes,
            design == Design::grid ? engine::grid_design(dims, points)
                                   : engine::latin_hypercube(dims, points, base.run.seed)});
  nlohmann::ordered_json axes_json = nlohmann::ordered_json::array();
  for (const auto& a : axes)
    axes_json.push_back(a.text);
  plan.description.design_json = nlohmann::ordered_json{
      {"design", design == Design::grid ? "grid" : "lhs"},
      {"points", points},
      {"axes", axes_json}}.dump();
  // Every point is checked before anything runs (values one by one, then together), so a bad
  // combination is refused up front; the scenarios themselves are made when needed.
  for (std::size_t i = 0; i < sweep->unit.size(); ++i) {
    try {
      io::validate(sweep->scenario(i));
    } catch (const io::ScenarioError& e) {
      throw io::ScenarioError(fmt::format("--param at design point {} ({}): {}", i,
                                          sweep->configuration(i).label, e.what()));
    }
  }
  plan.description.configuration_count = sweep->unit.size();
  plan.description.configuration = [sweep](std::size_t i) { return sweep->configuration(i); };
  plan.scenario = [sweep](std::size_t i) { return sweep->scenario(i); };
  return plan;
}

namespace {

nlohmann::ordered_json mix_json(const std::vector<io::Mix>& mix) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& m : mix) {
    nlohmann::ordered_json options = nlohmann::ordered_json::array();
    for (const auto& o : m.options) {
      nlohmann::ordered_json option{{"weight", o.weight}};
      for (const auto& [key, value] : o.values)
        option[key] = io::format_value(*io::find_parameter(key), value);
      options.push_back(option);
    }
    out.push_back(options);
  }
  return out;
}

// Municipality i: the base with its drawn strategy mix, then its own columns.
struct PopulationScenarios {
  io::Scenario base;
  io::Population population;

  io::Scenario scenario(std::size_t i, std::vector<std::string>* drawn = nullptr) const {
    io::Scenario s = io::scenario_for(base, population.rows[i]);
    std::vector<std::string> assignments = io::apply_mix(s, i);
    if (drawn != nullptr) *drawn = std::move(assignments);
    return s;
  }
};

}  // namespace

StudyPlan plan_population(const io::Scenario& base, const io::Population& population,
                          bool keep_series, const Provenance& p) {
  StudyPlan plan = start("population", base, keep_series, p);
  nlohmann::ordered_json design{{"population", population.source},
                                {"columns", population.columns},
                                {"municipalities", population.rows.size()}};
  if (!base.mix.empty()) design["mix"] = mix_json(base.mix);
  plan.description.design_json = design.dump();
  const auto shared =
      std::make_shared<const PopulationScenarios>(PopulationScenarios{base, population});
  // A drawn combination the model cannot take (more committees than a municipality's
  // departments) is refused before anything runs.
  for (std::size_t i = 0; i < population.rows.size(); ++i) {
    try {
      io::validate(shared->scenario(i));
    } catch (const io::ScenarioError& e) {
      throw io::ScenarioError(fmt::format("{}: municipality {} with its [[mix]] draw: {}",
                                          population.source, population.rows[i].name, e.what()));
    }
  }
  plan.description.configuration_count = population.rows.size();
  plan.description.configuration = [shared](std::size_t i) {
    const io::PopulationRow& row = shared->population.rows[i];
    std::vector<std::string> assignments;
    const io::Scenario s = shared->scenario(i, &assignments);
    assignments.insert(assignments.end(), row.assignments.begin(), row.assignments.end());
    return io::StudyConfiguration{row.name, row.name,
                                  std::string(io::size_class(s.parameters.municipality.population)),
                                  assignments};
  };
  plan.scenario = [shared](std::size_t i) { return shared->scenario(i); };
  return plan;
}

}  // namespace samspel::study
