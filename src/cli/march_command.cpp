// `samspel march`: March's (1991) exploration/exploitation model on samspel's engine: Figure 1
// and the turnover and turbulence experiments (docs/march.md).
#include <fmt/format.h>

#include <memory>

#include "commands.hpp"
#include "samspel/io/staged_folder.hpp"
#include "samspel/study/march_report.hpp"
#include "samspel/version.hpp"
#include "scenario_options.hpp"

namespace samspel::cli {

namespace {

struct MarchOptions {
  int runs = 5000;
  std::int64_t seed = 1991;
  unsigned threads = 0;
  std::string out;
  std::string experiment = "all";
};

}  // namespace

Command add_march_command(CLI::App& app, const std::string& command_line,
                          const engine::Cluster& cluster) {
  auto opts = std::make_shared<MarchOptions>();
  auto* sub = app.add_subcommand(
      "march",
      "March (1991) exploration and exploitation: Figure 1, turnover and turbulence experiments");
  sub->add_option("--runs", opts->runs, "Runs per cell (default 5000)")
      ->check(CLI::Range(2, 10000000));
  sub->add_option("--seed", opts->seed, "Seed (default 1991)")->check(seed_check());
  sub->add_option("--threads", opts->threads, "Threads (default: all cores)");
  sub->add_option("--out", opts->out, "Write CSV files and provenance.json to this directory");
  sub->add_option("--experiment", opts->experiment, "Which experiments (default all)")
      ->check(CLI::IsMember({"all", "figure1", "turnover", "turbulence"}));
  return [opts, command_line, &cluster] {
    // The experiments run on rank 0's threads: other ranks would only repeat them.
    if (!cluster.coordinator()) return 0;
    const MarchOptions& o = *opts;
    // The output folder is checked before the experiments run, and written whole or not at all.
    const auto out = o.out.empty()
                         ? nullptr
                         : std::make_unique<io::StagedFolder>(o.out, "--out", study::kMarchFiles);
    study::MarchOptions run_options{o.runs, static_cast<std::uint64_t>(o.seed), o.threads, {}};
    study::MarchResults results{o.runs, run_options.seed, {}, {}, {}};
    const auto wants = [&](const char* name) {
      return o.experiment == "all" || o.experiment == name;
    };
    // A progress bar on stderr when it is a terminal.
    const auto with_progress = [&](const char* unit) {
      study::MarchOptions with = run_options;
      if (progress_bar(1, unit)) {
        with.progress = [unit](std::size_t done, std::size_t total) {
          progress_bar(total, unit)(done);
        };
      }
      return with;
    };
    if (wants("figure1")) {
      results.figure1 = study::run_figure1(with_progress("figure1 runs"));
      fmt::print("{}\n", study::figure1_table(*results.figure1));
    }
    if (wants("turnover")) {
      results.turnover = study::run_turnover(with_progress("turnover runs"));
      fmt::print("{}\n", study::turnover_table(*results.turnover));
    }
    if (wants("turbulence")) {
      results.turbulence = study::run_turbulence(with_progress("turbulence runs"));
      fmt::print("{}\n", study::turbulence_table(*results.turbulence, 25));
    }
    if (out) {
      study::write_march_directory(
          out->path(), results,
          {command_line, std::string(version()), std::string(git_revision())});
      out->commit();
      fmt::print(
          "results written to {}/ (figure1.csv, turnover.csv, turbulence.csv, provenance.json)\n",
          o.out);
    }
    return 0;
  };
}

}  // namespace samspel::cli
