// `samspel run SCENARIO`: runs a scenario's replicates and writes series, per-replicate
// summaries, changes and provenance (docs/outputs.md).
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "samspel/io/results.hpp"
#include "samspel/io/scenario.hpp"
#include "samspel/study/run_scenario.hpp"
#include "samspel/version.hpp"

namespace samspel::cli {

namespace {

struct RunOptions {
  std::string scenario;
  std::optional<int> replicates;
  std::optional<std::int64_t> seed;
  unsigned threads = 0;
  std::string out;
  std::vector<std::string> assignments;
};

// A one-line progress bar, redrawn in place; only when stderr is a terminal.
void draw_progress(std::size_t done, std::size_t total) {
  constexpr int kWidth = 30;
  const int filled = total > 0 ? static_cast<int>(kWidth * done / total) : kWidth;
  std::fprintf(stderr, "\r[%s%s] %zu/%zu replicates", std::string(filled, '#').c_str(),
               std::string(kWidth - filled, ' ').c_str(), done, total);
  if (done == total) std::fputc('\n', stderr);
  std::fflush(stderr);
}

int run(const RunOptions& o, const std::string& command_line) {
  io::Scenario scenario;
  std::filesystem::path out;
  try {
    scenario = io::load_scenario(o.scenario);
    for (const auto& a : o.assignments)
      io::apply_assignment(scenario, a);
    if (o.replicates) scenario.run.replicates = *o.replicates;
    if (o.seed) scenario.run.seed = static_cast<std::uint64_t>(*o.seed);
    io::validate(scenario);
    out = o.out.empty()
              ? std::filesystem::path("results") / std::filesystem::path(o.scenario).stem()
              : std::filesystem::path(o.out);
    if (std::filesystem::exists(out) && !std::filesystem::is_directory(out)) {
      throw io::ScenarioError(fmt::format("--out {}: exists and is not a directory", out.string()));
    }
  } catch (const io::ScenarioError& e) {
    std::fprintf(stderr, "samspel: %s\n", e.what());
    return kExitBadInput;
  }

  const std::size_t total = static_cast<std::size_t>(scenario.run.replicates);
  std::function<void(std::size_t)> progress;
  if (::isatty(STDERR_FILENO) != 0)
    progress = [total](std::size_t done) { draw_progress(done, total); };
  const io::RunResults results = study::run_scenario(scenario, o.threads, progress);

  const io::Provenance provenance{command_line, std::string(version()),
                                  std::string(git_revision())};
  io::write_run_directory(out, results, scenario, provenance);
  fmt::print("{}{}\n", scenario.name.empty() ? "" : scenario.name + "\n",
             io::summary_table(results));
  fmt::print("results written to {}/ (series.csv, replicates.csv, changes.csv, provenance.json)\n",
             out.string());
  return 0;
}

}  // namespace

Command add_run_command(CLI::App& app, const std::string& command_line) {
  auto o = std::make_shared<RunOptions>();
  auto* sub = app.add_subcommand("run", "Run a scenario's replicates and write the results");
  sub->add_option("scenario", o->scenario, "Scenario file (TOML), e.g. scenarios/default.toml")
      ->required();
  sub->add_option("--replicates,-n", o->replicates, "Replicates (overrides [run] replicates)")
      ->check(CLI::Range(1, 10'000'000));
  sub->add_option("--seed", o->seed, "Seed (overrides [run] seed)")
      ->check(CLI::Range(std::int64_t{0}, std::numeric_limits<std::int64_t>::max()));
  sub->add_option("--threads,-t", o->threads,
                  "Threads; 0 = all cores (results do not depend on it)")
      ->capture_default_str();
  sub->add_option("--out,-o", o->out, "Output directory (default: results/<scenario file name>)");
  sub->add_option("--set", o->assignments, "Set a parameter: section.name=value (repeatable)");
  return [o, command_line] { return run(*o, command_line); };
}

}  // namespace samspel::cli
