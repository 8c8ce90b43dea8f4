#include "samspel/study/calibration_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "samspel/io/dictionary.hpp"

namespace samspel::study {

namespace {

// Shortest text that reads back to the same double, so the files round-trip exactly.
std::string number(double v) {
  return std::isnan(v) ? "NA" : fmt::format("{}", v);
}

nlohmann::ordered_json statistics_json(const CalibrationStatistics& s) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  const auto targets = calibration_targets();
  for (std::size_t k = 0; k < targets.size(); ++k) {
    out.push_back(
        {{"target", targets[k].name},
         {"value", s.value[k]},
         {"standard_error", s.standard_error[k]},
         {"within_target", s.value[k] >= targets[k].low && s.value[k] <= targets[k].high}});
  }
  return out;
}

}  // namespace

std::string draws_csv(const CalibrationResult& result) {
  std::string csv = "draw";
  for (const auto& p : result.parameters)
    csv += "," + p.key;
  for (const char* c : {"c1", "c2", "c3"})
    csv += fmt::format(",{0},{0}_se", c);
  csv += ",distance,accepted,weight";
  for (const auto& p : result.parameters)
    csv += ",adjusted_" + p.key;
  csv += '\n';
  for (std::size_t d = 0; d < result.draws.size(); ++d) {
    const auto& draw = result.draws[d];
    csv += std::to_string(d);
    for (const double v : draw.theta)
      csv += fmt::format(",{}", number(v));
    for (std::size_t k = 0; k < kCalibrationTargets; ++k)
      csv += fmt::format(",{},{}", number(draw.statistics.value[k]),
                         number(draw.statistics.standard_error[k]));
    csv +=
        fmt::format(",{},{},{}", number(draw.distance), draw.accepted ? 1 : 0, number(draw.weight));
    for (std::size_t k = 0; k < result.parameters.size(); ++k)
      csv += fmt::format(",{}", draw.accepted ? number(draw.adjusted[k]) : std::string());
    csv += '\n';
  }
  return csv;
}

std::string calibration_json(const CalibrationRecord& record) {
  const auto& r = record.result;
  const auto& s = record.settings;
  nlohmann::ordered_json j;
  j["samspel_version"] = record.provenance.samspel_version;
  j["git_revision"] = record.provenance.git_revision;
  j["command_line"] = record.provenance.command_line;
  j["scenario"] = record.scenario.source;
  j["population"] = record.scenario.population.string();
  j["municipalities"] = r.municipalities;
  j["start"] = engine::format_year_month(record.scenario.run.start);
  j["years"] = r.years;
  j["seed"] = record.scenario.run.seed;
  j["draw_seed"] = r.draw_seed;
  j["method"] =
      "ABC rejection (Latin hypercube over uniform priors, common random numbers, distance in "
      "target half-widths, closest fraction accepted) with local-linear regression adjustment "
      "(Beaumont, Zhang & Balding 2002), Epanechnikov weights";
  j["settings"] = {{"draws", s.draws},
                   {"accept_fraction", s.accept_fraction},
                   {"replicates_per_municipality", s.replicates},
                   {"check_replicates_per_municipality", s.check_replicates}};
  nlohmann::ordered_json targets = nlohmann::ordered_json::array();
  for (const auto& t : calibration_targets())
    targets.push_back({{"name", t.name}, {"low", t.low}, {"high", t.high}});
  j["targets"] = targets;
  nlohmann::ordered_json parameters = nlohmann::ordered_json::array();
  for (std::size_t k = 0; k < r.parameters.size(); ++k) {
    const auto& post = r.posterior[k];
    parameters.push_back({{"key", r.parameters[k].key},
                          {"prior_low", r.parameters[k].low},
                          {"prior_high", r.parameters[k].high},
                          {"base_value", r.base_values[k]},
                          {"fitted", r.fitted[k]},
                          {"posterior_sd", post.sd},
                          {"posterior_q05", post.q05},
                          {"posterior_q50", post.q50},
                          {"posterior_q95", post.q95}});
  }
  j["parameters"] = parameters;
  std::size_t accepted = 0;
  for (const auto& d : r.draws)
    accepted += d.accepted ? 1 : 0;
  j["accepted_draws"] = accepted;
  j["check_at_base_values"] = statistics_json(r.at_base);
  j["check_at_fitted_values"] = statistics_json(r.at_fitted);
  nlohmann::ordered_json base = nlohmann::ordered_json::object();
  for (const auto& spec : io::parameter_specs())
    base[std::string(spec.key)] = io::format_value(spec, spec.get(record.scenario.parameters));
  j["base_parameters"] = base;
  return j.dump(2) + "\n";
}

std::string calibration_table(const CalibrationResult& r) {
  std::string out = fmt::format("{:<36} {:>13} {:>20} {:>20}\n", "statistic", "target",
                                "base values (se)", "fitted (se)");
  const auto targets = calibration_targets();
  for (std::size_t k = 0; k < targets.size(); ++k) {
    out += fmt::format("{:<36} {:>5.1f}-{:<5.1f}% {:>12.1f}% ({:.1f}) {:>12.1f}% ({:.1f})\n",
                       targets[k].name, 100 * targets[k].low, 100 * targets[k].high,
                       100 * r.at_base.value[k], 100 * r.at_base.standard_error[k],
                       100 * r.at_fitted.value[k], 100 * r.at_fitted.standard_error[k]);
  }
  out += fmt::format("\n{:<30} {:>11} {:>11} {:>23}\n", "parameter", "base", "fitted",
                     "90% posterior interval");
  for (std::size_t k = 0; k < r.parameters.size(); ++k) {
    out += fmt::format("{:<30} {:>11.4g} {:>11.4g} {:>11.4g} - {:<11.4g}\n", r.parameters[k].key,
                       r.base_values[k], r.fitted[k], r.posterior[k].q05, r.posterior[k].q95);
  }
  return out;
}

}  // namespace samspel::study
