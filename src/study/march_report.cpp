#include "samspel/study/march_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "samspel/io/atomic_file.hpp"

namespace samspel::study {

namespace {

// Locale-free and byte-stable.
std::string num(double v) {
  return fmt::format("{:.6g}", v);
}

std::string ci(const Estimate& e) {
  return fmt::format("{:.3f} [{:.3f}, {:.3f}]", e.mean, e.low, e.high);
}

std::string estimate_columns(const Estimate& e) {
  return fmt::format("{},{},{},{},{}", e.n, num(e.mean), num(e.standard_error), num(e.low),
                     num(e.high));
}

nlohmann::ordered_json parameters_json(const march::Parameters& p) {
  return {{"m", p.dimensions},     {"n", p.individuals}, {"p1", p.socialisation},
          {"p2", p.code_learning}, {"p3", p.turnover},   {"p4", p.turbulence}};
}

}  // namespace

std::string figure1_table(const Figure1& f) {
  std::string out = fmt::format(
      "Figure 1: knowledge of the code at equilibrium (p3 = p4 = 0; mean [95% CI], {} runs "
      "per cell;\nequilibrium: the code holds every dimension and every individual holds it; "
      "safety horizon {} periods)\n\n{:<10}",
      f.cells.empty() ? 0 : f.cells.front().knowledge.n, Figure1::kHorizon, "");
  for (const double p1 : f.p1)
    out += fmt::format(" {:>24}", fmt::format("p1 = {}", p1));
  out += '\n';
  for (std::size_t i = 0; i < f.p2.size(); ++i) {
    out += fmt::format("{:<10}", fmt::format("p2 = {}", f.p2[i]));
    for (std::size_t j = 0; j < f.p1.size(); ++j)
      out += fmt::format(" {:>24}", ci(f.cells[i * f.p1.size() + j].knowledge));
    out += '\n';
  }
  out += fmt::format("\nperiods to equilibrium (mean)\n{:<10}", "");
  for (const double p1 : f.p1)
    out += fmt::format(" {:>10}", fmt::format("p1 = {}", p1));
  out += '\n';
  int censored = 0;
  for (std::size_t i = 0; i < f.p2.size(); ++i) {
    out += fmt::format("{:<10}", fmt::format("p2 = {}", f.p2[i]));
    for (std::size_t j = 0; j < f.p1.size(); ++j) {
      const auto& cell = f.cells[i * f.p1.size() + j];
      out += fmt::format(" {:>10.1f}", cell.periods.mean);
      censored += cell.not_at_equilibrium;
    }
    out += '\n';
  }
  if (censored > 0) out += fmt::format("{} runs stopped at the safety horizon\n", censored);
  return out;
}

std::string turnover_table(const TurnoverExperiment& t) {
  std::string out = fmt::format(
      "Turnover: knowledge of the code after {} periods (p2 = {}, p4 = 0; mean [95% CI], {} runs "
      "per cell)\n\n{:<10}",
      TurnoverExperiment::kHorizon, t.p2, t.cells.empty() ? 0 : t.cells.front().knowledge.n, "");
  for (const double p1 : t.p1)
    out += fmt::format(" {:>24}", fmt::format("p1 = {}", p1));
  out += '\n';
  for (std::size_t j = 0; j < t.p3.size(); ++j) {
    out += fmt::format("{:<10}", fmt::format("p3 = {}", t.p3[j]));
    for (std::size_t i = 0; i < t.p1.size(); ++i)
      out += fmt::format(" {:>24}", ci(t.cells[i * t.p3.size() + j].knowledge));
    out += '\n';
  }
  return out;
}

std::string turbulence_table(const TurbulenceExperiment& t, int every) {
  std::string out = fmt::format(
      "Turbulence: knowledge of the code over {} periods (p1 = {}, p2 = {}, p4 = {}; mean [95% "
      "CI], {} runs per cell)\n\n{:<8}",
      TurbulenceExperiment::kHorizon, t.p1, t.p2, t.p4,
      t.series.empty() ? 0 : t.series.front().knowledge.front().n, "period");
  for (const double p3 : t.p3)
    out += fmt::format(" {:>24}", fmt::format("p3 = {}", p3));
  out += '\n';
  for (int period = 0; period <= TurbulenceExperiment::kHorizon; period += every) {
    out += fmt::format("{:<8}", period);
    for (const auto& s : t.series)
      out += fmt::format(" {:>24}", ci(s.knowledge[static_cast<std::size_t>(period)]));
    out += '\n';
  }
  return out;
}

std::string figure1_csv(const Figure1& f) {
  std::string out =
      "p1,p2,runs,knowledge_mean,knowledge_se,knowledge_ci_low,knowledge_ci_high,"
      "periods_mean,periods_se,not_at_equilibrium\n";
  for (const auto& c : f.cells) {
    out += fmt::format("{},{},{},{},{},{}\n", num(c.parameters.socialisation),
                       num(c.parameters.code_learning), estimate_columns(c.knowledge),
                       num(c.periods.mean), num(c.periods.standard_error), c.not_at_equilibrium);
  }
  return out;
}

std::string turnover_csv(const TurnoverExperiment& t) {
  std::string out =
      "p1,p2,p3,period,runs,knowledge_mean,knowledge_se,knowledge_ci_low,knowledge_ci_high\n";
  for (const auto& c : t.cells) {
    out += fmt::format("{},{},{},{},{}\n", num(c.parameters.socialisation),
                       num(c.parameters.code_learning), num(c.parameters.turnover),
                       TurnoverExperiment::kHorizon, estimate_columns(c.knowledge));
  }
  return out;
}

std::string turbulence_csv(const TurbulenceExperiment& t) {
  std::string out =
      "p1,p2,p3,p4,period,runs,knowledge_mean,knowledge_se,knowledge_ci_low,knowledge_ci_high\n";
  for (const auto& s : t.series) {
    const auto& p = s.parameters;
    for (std::size_t period = 0; period < s.knowledge.size(); ++period) {
      out += fmt::format("{},{},{},{},{},{}\n", num(p.socialisation), num(p.code_learning),
                         num(p.turnover), num(p.turbulence), period,
                         estimate_columns(s.knowledge[period]));
    }
  }
  return out;
}

std::string march_provenance_json(const MarchResults& r, const io::Provenance& p) {
  nlohmann::ordered_json j;
  j["samspel_version"] = p.samspel_version;
  j["git_revision"] = p.git_revision;
  j["command_line"] = p.command_line;
  j["model"] = "March (1991), Exploration and exploitation in organizational learning";
  j["runs_per_cell"] = r.runs;
  j["seed"] = r.seed;
  nlohmann::ordered_json experiments = nlohmann::ordered_json::object();
  if (r.figure1) {
    auto cells = nlohmann::ordered_json::array();
    for (const auto& c : r.figure1->cells)
      cells.push_back(parameters_json(c.parameters));
    experiments["figure1"] = {
        {"file", "figure1.csv"},
        {"stop", "equilibrium: the code holds every dimension and every individual holds it"},
        {"safety_horizon", Figure1::kHorizon},
        {"cells", cells}};
  }
  if (r.turnover) {
    auto cells = nlohmann::ordered_json::array();
    for (const auto& c : r.turnover->cells)
      cells.push_back(parameters_json(c.parameters));
    experiments["turnover"] = {
        {"file", "turnover.csv"}, {"horizon", TurnoverExperiment::kHorizon}, {"cells", cells}};
  }
  if (r.turbulence) {
    auto cells = nlohmann::ordered_json::array();
    for (const auto& s : r.turbulence->series)
      cells.push_back(parameters_json(s.parameters));
    experiments["turbulence"] = {
        {"file", "turbulence.csv"}, {"horizon", TurbulenceExperiment::kHorizon}, {"cells", cells}};
  }
  j["experiments"] = experiments;
  return j.dump(2) + "\n";
}

void write_march_directory(const std::filesystem::path& dir, const MarchResults& r,
                           const io::Provenance& p) {
  std::filesystem::create_directories(dir);
  if (r.figure1) io::write_file_atomically(dir / "figure1.csv", figure1_csv(*r.figure1));
  if (r.turnover) io::write_file_atomically(dir / "turnover.csv", turnover_csv(*r.turnover));
  if (r.turbulence) {
    io::write_file_atomically(dir / "turbulence.csv", turbulence_csv(*r.turbulence));
  }
  // Provenance last: its presence marks a complete directory.
  io::write_file_atomically(dir / "provenance.json", march_provenance_json(r, p));
}

}  // namespace samspel::study
