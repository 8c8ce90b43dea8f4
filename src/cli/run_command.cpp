// `samspel run SCENARIO`: runs a scenario's replicates and writes series, per-replicate
// measures, changes and provenance (docs/outputs.md).
#include <fmt/format.h>

#include <memory>

#include "commands.hpp"
#include "samspel/io/population.hpp"
#include "samspel/io/results.hpp"
#include "samspel/io/staged_folder.hpp"
#include "samspel/io/store.hpp"
#include "samspel/study/plan.hpp"
#include "samspel/study/run_scenario.hpp"
#include "samspel/version.hpp"
#include "scenario_options.hpp"

namespace samspel::cli {

namespace {

struct RunOptions {
  ScenarioOptions scenario;
  std::string store;
  bool keep_series = false;
};

// A scenario naming a population runs every municipality in it into a results store.
int run_population(const io::Scenario& scenario, const RunOptions& o,
                   const std::string& command_line, const engine::Cluster& cluster) {
  const std::filesystem::path path = store_without_folder(o.scenario, o.store, "population");
  const io::Population population = io::load_population(scenario.population, scenario);
  const study::StudyPlan plan =
      study::plan_population(scenario, population, o.keep_series,
                             {std::string(version()), std::string(git_revision()), command_line});
  const int code = run_study_into_store(plan, path, o.scenario.threads, cluster);
  if (code != 0 || !cluster.coordinator()) return code;
  // CEOs per four-year period: 1, 2 or 3+ (shares of periods).
  fmt::print("\n{:<10} {:>14} {:>22} {:>18} {:>22} {:>22}\n", "size", "municipalities",
             "majority shift/election", "CEO changes/year", "CEO exits cooperation",
             "CEOs per period 1/2/3+");
  for (const auto& row : read_back([&] { return io::population_summary(path); })) {
    fmt::print("{:<10} {:>14} {:>21.1f}% {:>17.1f}% {:>21.1f}% {:>7.0f}%/{:>3.0f}%/{:>3.0f}%\n",
               row.size_class, row.municipalities, 100 * row.majority_shift_per_election,
               100 * row.ceo_changes_per_year, 100 * row.ceo_exits_cooperation_share,
               100 * (1 - row.terms_with_ceo_change), 100 * row.terms_with_two_ceos,
               100 * row.terms_with_three_or_more_ceos);
  }
  return 0;
}

}  // namespace

Command add_run_command(CLI::App& app, const std::string& command_line,
                        const engine::Cluster& cluster) {
  auto opts = std::make_shared<RunOptions>();
  auto* sub = app.add_subcommand(
      "run",
      "Run a scenario's replicates (for a population: every municipality) and write the results");
  add_scenario_options(*sub, opts->scenario);
  sub->add_option(
      "--store", opts->store,
      "Results store of a population study (default results/<scenario>-population.sqlite)");
  sub->add_flag("--keep-series", opts->keep_series,
                "Population study: also store every run's series");
  return [opts, command_line, &cluster] {
    const ScenarioOptions& o = opts->scenario;
    const io::Scenario scenario = load_with_options(o);
    if (!scenario.population.empty()) {
      return run_population(scenario, *opts, command_line, cluster);
    }
    if (!cluster.coordinator()) return 0;  // a single scenario runs on rank 0's threads
    const auto out =
        std::make_unique<io::StagedFolder>(output_directory(o), "--out", io::kRunFiles);
    require_memory(study::run_memory(scenario), scenario.run.replicates);
    const auto total = static_cast<std::size_t>(scenario.run.replicates);
    const io::RunResults results =
        study::run_scenario(scenario, o.threads, progress_bar(total, "replicates"));
    const io::Provenance provenance{command_line, std::string(version()),
                                    std::string(git_revision())};
    io::write_run_directory(out->path(), results, scenario, provenance);
    out->commit();
    fmt::print("{}{}\n", scenario.name.empty() ? "" : scenario.name + "\n",
               io::summary_table(results));
    fmt::print(
        "results written to {}/ (series.csv, replicates.csv, changes.csv, provenance.json)\n",
        out->target().string());
    return 0;
  };
}

}  // namespace samspel::cli
