#include "samspel/io/comparison.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "samspel/analysis/run_measures.hpp"
#include "samspel/engine/statistics.hpp"
#include "samspel/io/atomic_file.hpp"

namespace samspel::io {

namespace {

std::string num(double v) {
  return std::isnan(v) ? "NA" : fmt::format("{:.6g}", v);
}

double mean_of(const std::vector<double>& v) {
  double sum = 0;
  int n = 0;
  for (const double x : v) {
    if (std::isfinite(x)) {
      sum += x;
      ++n;
    }
  }
  return n > 0 ? sum / n : NAN;
}

}  // namespace

std::vector<double> Comparison::column(std::size_t variant, std::size_t m) const {
  std::vector<double> out(static_cast<std::size_t>(replicates));
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = values[(variant * static_cast<std::size_t>(replicates) + i) * measures + m];
  }
  return out;
}

std::string comparison_csv(const Comparison& c) {
  std::string out = "variant,label,measure,n,mean,difference,difference_low,difference_high\n";
  const auto& info = analysis::run_measure_info();
  for (std::size_t v = 0; v < c.labels.size(); ++v) {
    for (std::size_t m = 0; m < c.measures; ++m) {
      const auto reference = c.column(0, m);
      const auto values = c.column(v, m);
      const auto d = engine::paired_difference(reference, values);
      int n = 0;
      for (const double x : values)
        n += std::isfinite(x) ? 1 : 0;
      out += fmt::format("{},\"{}\",{},{},{},{},{},{}\n", v, c.labels[v], info[m].name, n,
                         num(mean_of(values)), v == 0 ? "NA" : num(d.mean),
                         v == 0 ? "NA" : num(d.low), v == 0 ? "NA" : num(d.high));
    }
  }
  return out;
}

const std::vector<std::string>& headline_measures() {
  static const std::vector<std::string> shown{"mean_cooperation_kso_ceo",
                                              "mean_effective_trust_kso_ceo",
                                              "lockin_share",
                                              "mean_cooperation_drop",
                                              "unrecovered_share_24",
                                              "restricted_recovery_months",
                                              "ceo_changes",
                                              "ceo_exits_cooperation",
                                              "majority_shifts",
                                              "mean_consensus_pre_discussion",
                                              "mean_belief_diversity",
                                              "mean_fit_ideas",
                                              "mean_political_room",
                                              "mean_performance",
                                              "mean_satisfaction"};
  return shown;
}

std::string comparison_table(const Comparison& c, const std::vector<std::string>& shown) {
  const auto& info = analysis::run_measure_info();
  std::string out;
  for (std::size_t v = 0; v < c.labels.size(); ++v) {
    out += fmt::format("[{}] {}{}\n", v, c.labels[v], v == 0 ? "  (reference)" : "");
  }
  out += fmt::format(
      "\n{} replicates each, common random numbers; difference to [0] with its "
      "95% confidence interval\n\n",
      c.replicates);
  out += fmt::format("{:<32}", "measure");
  for (std::size_t v = 0; v < c.labels.size(); ++v) {
    out += v == 0 ? fmt::format("{:>12}", "[0] mean")
                  : fmt::format("  {:>34}", fmt::format("[{}] mean, difference [95% CI]", v));
  }
  out += '\n';
  for (std::size_t m = 0; m < c.measures; ++m) {
    if (!shown.empty() && std::find(shown.begin(), shown.end(), info[m].name) == shown.end())
      continue;
    out += fmt::format("{:<32}", info[m].name);
    const auto reference = c.column(0, m);
    for (std::size_t v = 0; v < c.labels.size(); ++v) {
      const auto values = c.column(v, m);
      if (v == 0) {
        out += fmt::format("{:>12.4g}", mean_of(values));
        continue;
      }
      const auto d = engine::paired_difference(reference, values);
      out += fmt::format("  {:>9.4g} {:>+9.3g} [{:+.3g}, {:+.3g}]", mean_of(values), d.mean, d.low,
                         d.high);
    }
    out += '\n';
  }
  return out;
}

void write_comparison_directory(const std::filesystem::path& dir, const Comparison& c,
                                const std::vector<Variant>& variants, const Provenance& p) {
  std::filesystem::create_directories(dir);
  write_file_atomically(dir / "compare.csv", comparison_csv(c));
  auto j = nlohmann::ordered_json::parse(provenance_json(variants.front().scenario, p));
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (std::size_t v = 0; v < variants.size(); ++v)
    list.push_back({{"variant", v}, {"label", variants[v].label}});
  j["variants"] = list;
  j["common_random_numbers"] = "replicate i of every variant uses the streams of (seed, i)";
  write_file_atomically(dir / "provenance.json", j.dump(2) + "\n");
}

}  // namespace samspel::io
