#include "samspel/io/results.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>

#include "samspel/analysis/run_measures.hpp"
#include "samspel/engine/statistics.hpp"
#include "samspel/io/atomic_file.hpp"
#include "samspel/io/dictionary.hpp"

namespace samspel::io {

namespace {

using model::kMetricCount;
using model::kMetrics;
using model::Metric;

// Shortest form that reads back to the same double: locale-free and byte-stable.
std::string num(double v) {
  if (std::isnan(v)) return "NA";
  return fmt::format("{:.6g}", v);
}

constexpr const char* kChangeColumns[][2] = {
    {"replicate", "Replicate index"},
    {"month", "Month of the change (YYYY-MM)"},
    {"seat", "kso or ceo"},
    {"reason", "cooperation, new_majority or other (for the KSO: new_majority or other)"},
    {"cooperation_before", "Mean KSO-kommunchef cooperation over the 6 months before"},
    {"cooperation_after", "Mean over the 12 months from the change; NA if the run ended first"},
    {"drop", "cooperation_before - cooperation_after"},
    {"recovery_months",
     "Months until cooperation is back to 90% of before, the change month counting as month 0; NA "
     "if not back by the end of the run (or, past its month 24, when a later change needed its "
     "place among the 32 changes followed at once)"},
    {"lockins_new_pair",
     "Lock-ins in the KSO-kommunchef relation in the 24 months from the change, the change month "
     "included. Observation follows every process of a month, so that month counts whole: its "
     "lock-ins come after a change in turnover or a scripted event, before one made by the "
     "elections process (a new board, a politician stepping down). NA "
     "if the run ended first, no cooperation was observed before the change (the first observed "
     "month: the change is not followed), or it stopped being followed (only with more than 32 "
     "changes within 25 months)"},
};

}  // namespace

std::string series_csv(const RunResults& r) {
  std::string out = "month,statistic";
  for (const auto& m : kMetrics)
    out += fmt::format(",{}", m.name);
  out += '\n';
  const int months = r.calendar.months();
  std::vector<double> values(static_cast<std::size_t>(r.replicates));
  // rows[statistic][metric] for one month
  std::vector<double> rows(engine::kBandSize * kMetricCount);
  for (int t = 0; t < months; ++t) {
    for (std::size_t m = 0; m < kMetricCount; ++m) {
      for (int i = 0; i < r.replicates; ++i)
        values[i] = r.at(i, t, static_cast<Metric>(m));
      engine::band(values, &rows[m], kMetricCount);
    }
    const std::string month = engine::format_year_month(r.calendar.at(t));
    for (std::size_t s = 0; s < engine::kBandSize; ++s) {
      out += fmt::format("{},{}", month, engine::kBandStatistics[s]);
      for (std::size_t m = 0; m < kMetricCount; ++m)
        out += fmt::format(",{}", num(rows[s * kMetricCount + m]));
      out += '\n';
    }
  }
  return out;
}

std::string replicates_csv(const RunResults& r) {
  const auto& info = analysis::run_measure_info();
  std::string out = "replicate";
  for (const auto& m : info)
    out += fmt::format(",{}", m.name);
  out += '\n';
  std::vector<double> values(info.size());
  for (int i = 0; i < r.replicates; ++i) {
    analysis::run_measures(r.summaries[static_cast<std::size_t>(i)], r.run_series(i),
                           r.calendar.months(), values);
    out += fmt::format("{}", i);
    for (const double v : values)
      out += fmt::format(",{}", num(v));
    out += '\n';
  }
  return out;
}

std::string changes_csv(const RunResults& r) {
  std::string out;
  for (std::size_t c = 0; c < std::size(kChangeColumns); ++c) {
    out += fmt::format("{}{}", c == 0 ? "" : ",", kChangeColumns[c][0]);
  }
  out += '\n';
  for (int i = 0; i < r.replicates; ++i) {
    for (const auto& c : r.summaries[static_cast<std::size_t>(i)].changes) {
      out += fmt::format("{},{},{},{},{},{},{},{},{}\n", i,
                         engine::format_year_month(r.calendar.at(c.step)),
                         model::kSeatNames[static_cast<int>(c.seat)],
                         model::kExitReasonNames[static_cast<int>(c.reason)], num(c.before),
                         num(c.after), num(c.before - c.after),
                         c.recovery >= 0 ? std::to_string(c.recovery) : "NA", num(c.lockins));
    }
  }
  return out;
}

std::string provenance_json(const Scenario& scenario, const Provenance& p) {
  nlohmann::ordered_json j;
  j["samspel_version"] = p.samspel_version;
  j["git_revision"] = p.git_revision;
  j["command_line"] = p.command_line;
  j["scenario"] = {
      {"source", scenario.source}, {"name", scenario.name}, {"description", scenario.description}};
  j["run"] = {{"start", engine::format_year_month(scenario.run.start)},
              {"years", scenario.run.years},
              {"replicates", scenario.run.replicates},
              {"seed", scenario.run.seed}};
  nlohmann::ordered_json params = nlohmann::ordered_json::object();
  for (const auto& spec : parameter_specs()) {
    const double v = spec.get(scenario.parameters);
    nlohmann::ordered_json value;
    if (std::isnan(v)) {
      value = "derived";
    } else if (spec.kind == Kind::Choice) {
      value = format_value(spec, v);
    } else if (spec.kind == Kind::Boolean) {
      value = v != 0;
    } else if (spec.kind == Kind::Integer) {
      value = static_cast<long long>(v);
    } else {
      value = v;
    }
    params[std::string(spec.key)] = value;
  }
  j["parameters"] = params;
  nlohmann::ordered_json events = nlohmann::ordered_json::array();
  for (const auto& e : scenario.events) {
    events.push_back({{"type", model::kEventTypeNames[static_cast<int>(e.event.type)]},
                      {"date", engine::format_year_month(e.date)},
                      {"size", e.event.size},
                      {"months", e.event.months}});
  }
  j["events"] = events;
  j["random_streams"] =
      "xoshiro256** per (seed, replicate, process), seeded by SplitMix64; see docs/MODEL.md";
  return j.dump(2) + "\n";
}

void write_run_directory(const std::filesystem::path& dir, const RunResults& results,
                         const Scenario& scenario, const Provenance& provenance) {
  std::filesystem::create_directories(dir);
  write_file_atomically(dir / "series.csv", series_csv(results));
  write_file_atomically(dir / "replicates.csv", replicates_csv(results));
  write_file_atomically(dir / "changes.csv", changes_csv(results));
  // Provenance last: its presence marks a complete run directory.
  write_file_atomically(dir / "provenance.json", provenance_json(scenario, provenance));
}

std::string summary_table(const RunResults& r) {
  const int months = r.calendar.months();
  std::string out = fmt::format("{} replicates, {} to {}\n\n", r.replicates,
                                engine::format_year_month(r.calendar.at(0)),
                                engine::format_year_month(r.calendar.at(months - 1)));
  out +=
      fmt::format("{:<28} {:>10} {:>24}\n", "metric (mean, 90% band)", "first month", "last month");
  const Metric shown[] = {Metric::cooperation_kso_ceo, Metric::effective_trust_kso_ceo,
                          Metric::fit_ideas,           Metric::consensus_pre_discussion,
                          Metric::belief_diversity,    Metric::performance,
                          Metric::satisfaction,        Metric::vision_vacuum};
  std::vector<double> values(static_cast<std::size_t>(r.replicates));
  const auto band_at = [&](int t, Metric m) {
    for (int i = 0; i < r.replicates; ++i)
      values[i] = r.at(i, t, m);
    std::array<double, engine::kBandSize> b{};
    engine::band(values, b.data(), 1);
    return b;
  };
  for (const Metric m : shown) {
    const auto first = band_at(0, m);
    const auto last = band_at(months - 1, m);
    // last[1] and last[5] are the 5% and 95% quantiles.
    out += fmt::format("{:<28} {:>10.3f} {:>24}\n", kMetrics[static_cast<int>(m)].name, first[0],
                       fmt::format("{:.3f} [{:.3f}, {:.3f}]", last[0], last[1], last[5]));
  }
  double shifts = 0, ceo = 0, kso = 0, coop = 0, majority = 0, other = 0, drop = 0;
  int followed = 0;
  const auto& info = analysis::run_measure_info();
  std::size_t drop_column = 0;
  while (info[drop_column].name != "mean_cooperation_drop")
    ++drop_column;
  std::vector<double> measures(info.size());
  for (int i = 0; i < r.replicates; ++i) {
    const auto& s = r.summaries[static_cast<std::size_t>(i)];
    shifts += s.majority_shifts;
    ceo += s.ceo_changes;
    kso += s.kso_changes;
    coop += s.ceo_exits_cooperation;
    majority += s.ceo_exits_new_majority;
    other += s.ceo_exits_other;
    analysis::run_measures(s, r.run_series(i), months, measures);
    if (std::isfinite(measures[drop_column])) {
      drop += measures[drop_column];
      ++followed;
    }
  }
  const double n = r.replicates;
  const double years = months / 12.0;
  out += fmt::format(
      "\nper run (mean): majority shifts {:.2f}, KSO changes {:.2f}, CEO changes {:.2f} "
      "({:.1f}% a year)\n",
      shifts / n, kso / n, ceo / n, 100 * ceo / n / years);
  out += fmt::format("CEO exit reasons: cooperation {:.0f}%, new majority {:.0f}%, other {:.0f}%\n",
                     ceo > 0 ? 100 * coop / ceo : 0.0, ceo > 0 ? 100 * majority / ceo : 0.0,
                     ceo > 0 ? 100 * other / ceo : 0.0);
  out += fmt::format("cooperation drop after a change of KSO or CEO: {:.3f}\n",
                     followed > 0 ? drop / followed : NAN);
  return out;
}

std::string outputs_markdown() {
  std::string out =
      "# Outputs of `samspel run`\n\n"
      "Generated by `samspel docs` from `include/samspel/model/observation.hpp` and "
      "`src/io/results.cpp`. Do not edit by hand; a test fails when this file is stale.\n\n"
      "`samspel run SCENARIO --out DIR` writes four files into DIR. They are written into a "
      "staging folder beside DIR, each flushed to disk, and the staging folder takes DIR's "
      "place only when all four are in it, so DIR always holds the four files of one run: a "
      "run that fails or is killed leaves the previous DIR as it was (docs/results.md). DIR may "
      "hold only these files, since it is replaced whole. CSV files use `,`, a header row, `.` "
      "as decimal "
      "point, six significant digits and `NA` for a missing value.\n\n"
      "## series.csv\n\n"
      "Monthly series across replicates. Columns: `month` (YYYY-MM), `statistic` (`mean`, "
      "`q05`, `q25`, `q50`, `q75`, `q95`: the mean and quantiles across replicates, quantiles "
      "by linear interpolation between order statistics, Hyndman & Fan type 7), then one "
      "column per metric:\n\n"
      "| metric | meaning |\n|---|---|\n";
  for (const auto& m : kMetrics)
    out += fmt::format("| `{}` | {} |\n", m.name, m.meaning);
  out +=
      "\n## replicates.csv\n\nOne row per replicate: `replicate` (its index i; its random "
      "streams depend only on the seed and i), then the per-run measures, which are also what "
      "`samspel compare` compares.\n\n| column | meaning |\n|---|---|\n";
  for (const auto& m : analysis::run_measure_info())
    out += fmt::format("| `{}` | {} |\n", m.name, m.meaning);
  out +=
      "\n## changes.csv\n\nOne row per change of person in the KSO or kommunchef seat, with "
      "the fragility of cooperation around it.\n\n| column | meaning |\n|---|---|\n";
  for (const auto& c : kChangeColumns)
    out += fmt::format("| `{}` | {} |\n", c[0], c[1]);
  out +=
      "\n## compare.csv (samspel compare)\n\n"
      "`samspel compare SCENARIO --vary key=v1,v2 ...` runs every combination of the varied "
      "values (variant 0 takes the first value of each) with common random numbers: replicate i "
      "of every variant draws from the streams of (seed, i). One row per variant and per-run "
      "measure (the columns of replicates.csv): `variant`, `label` (its assignments), `measure`, "
      "`n` (replicates where the measure is defined), `mean`, and `difference`, "
      "`difference_low`, `difference_high`: the mean of the paired differences to variant 0 "
      "over the replicates where both are defined, with its 95% confidence interval (Student t "
      "with n - 1 degrees of freedom). Variant 0 has NA there. `provenance.json` lists the "
      "variants as well.\n"
      "\n## Windowed measures (validation files)\n\n"
      "A validation file (docs/VALIDATION.md) may take any `mean_<metric>` measure over a "
      "window of observed years, `years = [first, last]` (1-based, inclusive): the mean of the "
      "metric over the months of those years in one run, e.g. `mean_cooperation_kso_ceo` over "
      "years 1-2 or `mean_fit_ideas` over years 9-16.\n"
      "\n## validation.csv and validation.json (samspel validate)\n\n"
      "One row per measure of each pattern's comparisons: `pattern`, `comparison` (its label), "
      "`measure`, `from_year`, `to_year` (the window, NA for none), `expect` (increase, decrease, "
      "equal, positive, no_less, no_more), `min_effect`, `margin`, `n` (replicates where the "
      "effect is defined), `means` (the mean in each configuration, `;`-separated, in the order "
      "reference, treatment, and for a difference in differences the same under `to`), `effect`, "
      "`effect_low`, `effect_high` (the paired effect and its 95% confidence interval; for "
      "`positive`, the lowest configuration's mean and interval), `holds` (1 when the measure "
      "holds at the file's parameters), `robust_holds` (robustness points where it holds), "
      "`by_construction` (1 when the measure has no variance across replicates or the file "
      "declares it so) and `by_construction_why` (`no variance`, `declared`, both, or NA), "
      "`robust_points`, `pattern_holds`, `pattern_robust_share` (share of points where every "
      "measure of the pattern holds), `pattern_emergent` (1 when at least one measure is not by "
      "construction), `pattern_pass` and `pattern_held` (the parameters the robustness points keep "
      "at the file's value, `;`-separated, or NA). validation.json holds the same with the "
      "claim, file, "
      "replicates, each pattern's `fail_reasons` and provenance (version, revision, command line, "
      "seed, spread, required share).\n"
      "\n## provenance.json\n\n"
      "`samspel_version`, `git_revision` (with `-dirty` when the tree had uncommitted "
      "changes), `command_line`, `scenario` (source file and name), `run` (start, years, "
      "replicates, seed), `parameters` (every dictionary key with its resolved value), "
      "`events` and a note on the random streams. Together with the scenario file they rerun "
      "the study exactly: results do not depend on `--threads`.\n";
  return out;
}

}  // namespace samspel::io
