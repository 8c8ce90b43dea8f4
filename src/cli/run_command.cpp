// `samspel run SCENARIO`: runs a scenario's replicates and writes series, per-replicate
// measures, changes and provenance (docs/outputs.md).
#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "commands.hpp"
#include "samspel/io/results.hpp"
#include "samspel/study/run_scenario.hpp"
#include "samspel/version.hpp"
#include "scenario_options.hpp"

namespace samspel::cli {

Command add_run_command(CLI::App& app, const std::string& command_line) {
  auto o = std::make_shared<ScenarioOptions>();
  auto* sub = app.add_subcommand("run", "Run a scenario's replicates and write the results");
  add_scenario_options(*sub, *o);
  return [o, command_line] {
    io::Scenario scenario;
    std::filesystem::path out;
    try {
      scenario = load_with_options(*o);
      out = output_directory(*o);
    } catch (const io::ScenarioError& e) {
      std::fprintf(stderr, "samspel: %s\n", e.what());
      return kExitBadInput;
    }
    const auto total = static_cast<std::size_t>(scenario.run.replicates);
    const io::RunResults results =
        study::run_scenario(scenario, o->threads, progress_bar(total, "replicates"));
    const io::Provenance provenance{command_line, std::string(version()),
                                    std::string(git_revision())};
    io::write_run_directory(out, results, scenario, provenance);
    fmt::print("{}{}\n", scenario.name.empty() ? "" : scenario.name + "\n",
               io::summary_table(results));
    fmt::print(
        "results written to {}/ (series.csv, replicates.csv, changes.csv, provenance.json)\n",
        out.string());
    return 0;
  };
}

}  // namespace samspel::cli
