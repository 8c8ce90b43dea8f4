// `samspel sensitivity`: which of the model's real parameters drive a run measure of a scenario,
// or the effects of a pattern's validation file, by Morris screening or Sobol' indices
// (docs/sensitivity.md).
#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "samspel/io/scenario.hpp"
#include "samspel/io/sensitivity_report.hpp"
#include "samspel/io/staged_folder.hpp"
#include "samspel/io/validation_file.hpp"
#include "samspel/study/sensitivity.hpp"
#include "samspel/version.hpp"

namespace samspel::cli {

namespace {

// The robustness check's spread (docs/VALIDATION.md): the default box of every parameter.
constexpr double kDefaultSpread = 0.25;

// What a scenario is analysed for when no --measure is given: cooperation, its fragility at
// changes, ideas and the voters' verdict.
const std::vector<std::string> kDefaultMeasures = {
    "mean_cooperation_kso_ceo", "mean_relative_cooperation_drop", "mean_fit_ideas",
    "mean_satisfaction", "majority_shifts"};

struct SensitivityCliOptions {
  std::string scenario;
  std::string method = "morris";
  std::vector<std::string> params;
  std::vector<std::string> measures;
  int points = 0;
  int replicates = 20;
  std::optional<std::int64_t> seed;
  unsigned threads = 0;
  int top = 10;
  std::string out = "results/sensitivity";
  std::string store;
};

}  // namespace

Command add_sensitivity_command(CLI::App& app, const std::string& command_line,
                                const engine::Cluster& cluster) {
  auto o = std::make_shared<SensitivityCliOptions>();
  auto* sub = app.add_subcommand(
      "sensitivity",
      "Which parameters drive a scenario's measures, or a pattern's effects (Morris or Sobol')");
  sub->add_option("scenario", o->scenario, "Scenario or validation file (TOML)")->required();
  sub->add_option("--method", o->method, "morris (screening) or sobol (variance-based)")
      ->check(CLI::IsMember({"morris", "sobol"}))
      ->capture_default_str();
  sub->add_option("--param", o->params,
                  "key=lo:hi[:log] (repeatable); default every real parameter +-25% of its "
                  "value, clamped to its range");
  sub->add_option("--measure", o->measures,
                  "Run measure of docs/outputs.md (repeatable; scenarios only; default: "
                  "cooperation, relative drop, fit, satisfaction, majority shifts)");
  sub->add_option("--points", o->points,
                  "Morris trajectories (default 10) or Sobol' base samples (default 256)")
      ->check(CLI::Range(2, 1'000'000));
  sub->add_option("--replicates,-n", o->replicates, "Replicates per design point")
      ->check(CLI::Range(2, 100'000))
      ->capture_default_str();
  sub->add_option("--seed", o->seed, "Seed (default: the file's [run] seed)")->check(seed_check());
  sub->add_option("--threads,-t", o->threads,
                  "Threads; 0 = all cores (results do not depend on it)")
      ->capture_default_str();
  sub->add_option("--top", o->top, "Parameters shown per output")
      ->check(CLI::Range(1, 10'000))
      ->capture_default_str();
  sub->add_option("--out,-o", o->out, "Output directory")->capture_default_str();
  sub->add_option("--store", o->store,
                  "Results store, resumed by rerunning the command (default "
                  "results/<scenario>-sensitivity.sqlite)");
  return [o, command_line, &cluster] {
    study::SensitivityOptions options;
    options.method = o->method == "sobol" ? io::Method::sobol : io::Method::morris;
    options.points = o->points > 0 ? o->points : (options.method == io::Method::sobol ? 256 : 10);
    options.replicates = o->replicates;
    options.threads = o->threads;
    options.scenario = o->scenario;
    options.provenance = {std::string(version()), std::string(git_revision()), command_line};
    options.cluster = &cluster;
    ScenarioOptions named;
    named.scenario = o->scenario;
    options.store = store_path(named, o->store, "sensitivity");
    // A bar on a terminal only; its total (the design's runs) is known once the design is made.
    if (progress_bar(1, "runs")) {
      options.progress = [](std::size_t done, std::size_t total) {
        progress_bar(total, "runs")(done);
      };
    }
    // Every rank reads the same inputs; rank 0 alone writes.
    std::unique_ptr<io::StagedFolder> out;
    bool pattern = false;
    io::ValidationSpec spec;
    io::Scenario base;
    std::vector<io::Factor> factors;
    std::exception_ptr bad_input;
    try {
      if (cluster.coordinator())
        out = std::make_unique<io::StagedFolder>(o->out, "--out", io::kSensitivityFiles);
      pattern = io::is_validation_file(o->scenario);
      if (pattern) spec = io::load_validation(o->scenario);
      base = pattern ? spec.scenario : io::load_scenario(o->scenario);
      if (pattern && !o->measures.empty())
        throw io::ScenarioError("--measure: a validation file's outputs are its own measures");
      options.seed = o->seed ? static_cast<std::uint64_t>(*o->seed) : base.run.seed;
      for (const auto& p : o->params)
        factors.push_back(io::parse_factor(p));
      if (factors.empty()) {
        factors = pattern ? study::pattern_factors(spec, kDefaultSpread)
                          : study::default_factors(base, kDefaultSpread, {});
      }
    } catch (const io::ScenarioError&) {
      bad_input = std::current_exception();
    }
    // Rank 0's --out may be refused where the other ranks read their inputs well: every rank
    // hears of it before anything runs, and only rank 0's message is seen.
    const bool coordinator_ready = cluster.broadcast(bad_input ? 0 : 1) == 1;
    if (bad_input) std::rethrow_exception(bad_input);
    if (!coordinator_ready) return kExitBadInput;
    io::SensitivityResult result =
        pattern ? study::analyse_pattern(spec, factors, options)
                : study::analyse_scenario(
                      base, factors, o->measures.empty() ? kDefaultMeasures : o->measures, options);
    if (!cluster.coordinator()) return 0;
    result.scenario = o->scenario;
    result.seed = options.seed;
    result.points = options.points;
    result.replicates = options.replicates;
    const io::Provenance provenance{command_line, std::string(version()),
                                    std::string(git_revision())};
    io::write_sensitivity_directory(out->path(), result, provenance);
    out->commit();
    fmt::print("{}", io::sensitivity_table(result, o->top));
    if (result.resumed_runs > 0) {
      fmt::print("\nresumed: {} of the {} runs' points were already stored\n", result.resumed_runs,
                 result.runs);
    }
    if (cluster.size() > 1) {
      fmt::print("\nran {} runs on {} MPI ranks\n", result.runs - result.resumed_runs,
                 cluster.size());
    }
    fmt::print("\nresults written to {}/ (sensitivity.csv, sensitivity.json)\n", o->out);
    fmt::print("results store: {} (samspel report {} -o FILE.html)\n", options.store.string(),
               options.store.string());
    return 0;
  };
}

}  // namespace samspel::cli
