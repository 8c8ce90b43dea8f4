#include "samspel/io/validation_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "samspel/io/atomic_file.hpp"
#include "samspel/io/number_format.hpp"

namespace samspel::io {

namespace {

std::string_view expectation(const ValidationMeasure& m) {
  return kExpectationNames[static_cast<int>(m.expect)];
}

// "increase by >= 0.05", "equal within 0.05", "positive", "no less than -0.05",
// "no more than +0.005".
std::string rule(const ValidationMeasure& m) {
  switch (m.expect) {
    case Expectation::increase:
    case Expectation::decrease:
      return m.min_effect > 0 ? fmt::format("{} by >= {}", expectation(m), csv_number(m.min_effect))
                              : std::string(expectation(m));
    case Expectation::equal:
      return fmt::format("equal within {}", csv_number(m.margin));
    case Expectation::positive:
      return "positive";
    case Expectation::no_less:
      return m.margin > 0 ? fmt::format("no less than -{}", csv_number(m.margin))
                          : "no less than 0";
    case Expectation::no_more:
      return m.margin > 0 ? fmt::format("no more than +{}", csv_number(m.margin))
                          : "no more than 0";
  }
  return {};
}

// Why a measure is by construction: "declared" (in the file), "no variance" (found), both, or
// empty for an emergent measure.
std::string construction_why(const MeasureOutcome& m) {
  if (!m.by_construction) return {};
  if (m.measure.by_construction && m.no_variance) return "declared; no variance";
  return m.measure.by_construction ? "declared" : "no variance";
}

std::string csv_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// ", model.initial_fit held" after the robustness figures, or nothing.
std::string held_note(const PatternOutcome& p) {
  return p.held.empty() ? std::string() : fmt::format(", {} held", fmt::join(p.held, ", "));
}

}  // namespace

double PatternOutcome::robust_share() const {
  return robust_points > 0 ? static_cast<double>(robust_holds) / robust_points : NAN;
}

bool ValidationReport::all_pass() const {
  for (const auto& p : patterns) {
    if (!p.pass) return false;
  }
  return true;
}

std::vector<std::string> ValidationReport::fail_reasons(const PatternOutcome& p) const {
  std::vector<std::string> out;
  if (p.pass) return out;
  if (!p.holds) out.emplace_back("does not hold at the file's parameters");
  if (p.robust_points > 0 && p.robust_share() < robust_required)
    out.push_back(fmt::format("robust at {} of {} points (< {:.0f}%)", p.robust_holds,
                              p.robust_points, 100 * robust_required));
  if (!p.emergent) out.emplace_back("no emergent measure");
  return out;
}

std::string validation_csv(const ValidationReport& r) {
  std::string out =
      "pattern,comparison,measure,from_year,to_year,expect,min_effect,margin,n,means,effect,"
      "effect_low,effect_high,holds,robust_holds,by_construction,by_construction_why,"
      "robust_points,pattern_holds,pattern_robust_share,pattern_emergent,pattern_pass,pattern_"
      "held\n";
  for (const auto& p : r.patterns) {
    for (const auto& m : p.measures) {
      std::vector<std::string> means;
      for (const double v : m.means)
        means.push_back(csv_number(v));
      const std::string why = construction_why(m);
      out += fmt::format(
          "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", p.pattern,
          csv_quoted(m.comparison), m.measure.name,
          m.measure.windowed() ? std::to_string(m.measure.from_year) : "NA",
          m.measure.windowed() ? std::to_string(m.measure.to_year) : "NA", expectation(m.measure),
          csv_number(m.measure.min_effect), csv_number(m.measure.margin), m.effect.n,
          fmt::join(means, ";"), csv_number(m.effect.mean), csv_number(m.effect.low),
          csv_number(m.effect.high), m.holds ? 1 : 0, m.robust_holds, m.by_construction ? 1 : 0,
          why.empty() ? "NA" : why, p.robust_points, p.holds ? 1 : 0, csv_number(p.robust_share()),
          p.emergent ? 1 : 0, p.pass ? 1 : 0,
          p.held.empty() ? "NA" : fmt::format("{}", fmt::join(p.held, ";")));
    }
  }
  return out;
}

std::string validation_json(const ValidationReport& r, const Provenance& prov) {
  nlohmann::ordered_json j;
  j["samspel_version"] = prov.samspel_version;
  j["git_revision"] = prov.git_revision;
  j["command_line"] = prov.command_line;
  j["seed"] = r.seed ? nlohmann::ordered_json(*r.seed) : nlohmann::ordered_json(nullptr);
  j["quick"] = r.quick;
  j["robust_spread"] = r.robust_spread;
  j["robust_required_share"] = r.robust_required;
  j["common_random_numbers"] =
      "replicate i of every configuration at every point uses the streams of (seed, i)";
  j["all_pass"] = r.all_pass();
  nlohmann::ordered_json patterns = nlohmann::ordered_json::array();
  for (const auto& p : r.patterns) {
    nlohmann::ordered_json measures = nlohmann::ordered_json::array();
    for (const auto& m : p.measures) {
      nlohmann::ordered_json means = nlohmann::ordered_json::array();
      for (const double v : m.means)
        means.push_back(json_number(v));
      nlohmann::ordered_json jm{
          {"comparison", m.comparison},
          {"measure", m.measure.name},
          {"years", m.measure.windowed()
                        ? nlohmann::ordered_json::array({m.measure.from_year, m.measure.to_year})
                        : nlohmann::ordered_json(nullptr)},
          {"expect", expectation(m.measure)},
          {"rule", rule(m.measure)},
          {"n", m.effect.n},
          {"means", means},
          {"effect", json_number(m.effect.mean)},
          {"effect_low", json_number(m.effect.low)},
          {"effect_high", json_number(m.effect.high)},
          {"holds", m.holds},
          {"robust_holds", m.robust_holds},
          {"by_construction", m.by_construction},
          {"by_construction_why", m.by_construction ? nlohmann::ordered_json(construction_why(m))
                                                    : nlohmann::ordered_json(nullptr)}};
      measures.push_back(jm);
    }
    patterns.push_back({{"pattern", p.pattern},
                        {"claim", p.claim},
                        {"file", p.file},
                        {"seed", p.seed},
                        {"replicates", p.replicates},
                        {"robust_points", p.robust_points},
                        {"robust_replicates", p.robust_replicates},
                        {"held", p.held},
                        {"holds", p.holds},
                        {"robust_holds", p.robust_holds},
                        {"robust_share", json_number(p.robust_share())},
                        {"emergent", p.emergent},
                        {"pass", p.pass},
                        {"fail_reasons", r.fail_reasons(p)},
                        {"measures", measures}});
  }
  j["patterns"] = patterns;
  return j.dump(2) + "\n";
}

std::string validation_table(const ValidationReport& r) {
  std::string out = fmt::format(
      "Paired effect (treatment - reference; for a difference in differences, the gap under "
      "`to` minus under `from`) with its 95% CI.\nRobust: points at which every measure "
      "holds (each real parameter x U(1-{0}, 1+{0})); a pattern passes if it holds, "
      "robust >= {1}, and at least one measure is emergent: it varies across replicates and is "
      "not declared by construction.\n\n",
      r.robust_spread, r.robust_required);
  for (const auto& p : r.patterns) {
    out += fmt::format(
        "{:<4} {:<4}  holds: {:<3}  robust: {}/{} ({})  n = {}, {} per point{}{}\n", p.pattern,
        p.pass ? "PASS" : "FAIL", p.holds ? "yes" : "no", p.robust_holds, p.robust_points,
        p.robust_points > 0 ? fmt::format("{:.0f}%", 100 * p.robust_share()) : "none", p.replicates,
        p.robust_replicates, held_note(p), p.emergent ? "" : "  NO EMERGENT MEASURE");
    for (const auto& m : p.measures) {
      out += fmt::format(
          "       {:<3} {:<40} {:<44} {:<24} {:>+9.3g} [{:+.3g}, {:+.3g}]  {}/{}{}\n",
          m.holds ? "ok" : "NO", m.comparison.substr(0, 40), m.measure.label().substr(0, 44),
          rule(m.measure), m.effect.mean, m.effect.low, m.effect.high, m.robust_holds,
          p.robust_points,
          m.by_construction ? fmt::format("  by construction ({})", construction_why(m)) : "");
    }
  }
  int passed = 0;
  for (const auto& p : r.patterns)
    passed += p.pass ? 1 : 0;
  out += fmt::format("\n{} of {} patterns pass\n", passed, r.patterns.size());
  return out;
}

std::string validation_markdown(const ValidationReport& r) {
  std::string out =
      "| pattern | comparison | measure | rule | means (ref; treat[; ref; treat under `to`]) | "
      "effect [95% CI] | holds | emergent | robust (measure) | robust (pattern) | verdict |\n"
      "|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& p : r.patterns) {
    bool first = true;
    for (const auto& m : p.measures) {
      std::vector<std::string> means;
      for (const double v : m.means)
        means.push_back(fmt::format("{:.3g}", v));
      const std::string measure = m.measure.windowed()
                                      ? fmt::format("`{}` (years {}–{})", m.measure.name,
                                                    m.measure.from_year, m.measure.to_year)
                                      : fmt::format("`{}`", m.measure.name);
      // The pattern's own columns go on its first row only, as in a grouped table.
      const std::string verdict =
          p.pass ? "**PASS**" : (p.emergent ? "**FAIL**" : "**FAIL** (no emergent measure)");
      out += fmt::format(
          "| {} | {} | {} | {} | {} | {:+.3g} [{:+.3g}, {:+.3g}] | {} | {} | {}/{} | {}{} | {} |\n",
          first ? p.pattern : "", m.comparison, measure, rule(m.measure), fmt::join(means, "; "),
          m.effect.mean, m.effect.low, m.effect.high, m.holds ? "yes" : "**no**",
          m.by_construction ? fmt::format("by construction ({})", construction_why(m)) : "yes",
          m.robust_holds, p.robust_points,
          first ? fmt::format("{}/{}", p.robust_holds, p.robust_points) : std::string(),
          first ? held_note(p) : std::string(), first ? verdict : "");
      first = false;
    }
  }
  return out;
}

void write_validation_directory(const std::filesystem::path& dir, const ValidationReport& r,
                                const Provenance& p) {
  std::filesystem::create_directories(dir);
  write_file_atomically(dir / "validation.csv", validation_csv(r));
  write_file_atomically(dir / "validation.json", validation_json(r, p));
  write_file_atomically(dir / "validation.md", validation_markdown(r));
}

}  // namespace samspel::io
