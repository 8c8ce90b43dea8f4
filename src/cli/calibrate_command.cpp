// `samspel calibrate [SCENARIO]`: fits the free parameters of CEO turnover and elections to the
// Swedish statistics C1-C3 over a population of municipalities (study/calibration.hpp) and
// writes draws.csv and calibration.json (docs/VALIDATION.md).
#include <fmt/format.h>

#include <memory>

#include "commands.hpp"
#include "samspel/io/atomic_file.hpp"
#include "samspel/io/population.hpp"
#include "samspel/io/staged_folder.hpp"
#include "samspel/study/calibration.hpp"
#include "samspel/study/calibration_report.hpp"
#include "samspel/version.hpp"
#include "scenario_options.hpp"

namespace samspel::cli {

namespace {

struct CalibrateOptions {
  std::string scenario = "scenarios/sweden.toml";
  std::optional<std::int64_t> seed;
  std::string out = "results/calibration";
  std::vector<std::string> assignments;
  std::vector<std::string> parameters;
  study::CalibrationSettings settings;
};

int calibrate(const CalibrateOptions& o, const std::string& command_line) {
  io::Scenario scenario = io::load_scenario(o.scenario);
  for (const auto& a : o.assignments)
    io::apply_assignment(scenario, a);
  if (o.seed) scenario.run.seed = static_cast<std::uint64_t>(*o.seed);
  io::validate(scenario);
  if (scenario.population.empty()) {
    throw io::ScenarioError(
        fmt::format("{}: no population; allowed: a scenario with population = \"file.tsv\" such as "
                    "scenarios/sweden.toml",
                    o.scenario));
  }
  const io::Population population = io::load_population(scenario.population, scenario);
  std::vector<study::CalibrationParameter> parameters;
  for (const auto& p : o.parameters)
    parameters.push_back(study::parse_calibration_parameter(p));
  if (parameters.empty()) parameters = study::default_calibration_parameters();
  const auto out = std::make_unique<io::StagedFolder>(o.out, "--out", study::kCalibrationFiles);
  study::CalibrationSettings settings = o.settings;
  const auto bar = progress_bar(100, "%");
  if (bar)
    settings.progress = [bar](std::size_t done, std::size_t total) { bar(100 * done / total); };
  const study::CalibrationResult result =
      study::calibrate(scenario, population, parameters, settings);
  const study::CalibrationRecord record{
      scenario,
      settings,
      result,
      {std::string(version()), std::string(git_revision()), command_line}};
  io::write_file_atomically(out->path() / "draws.csv", study::draws_csv(result));
  io::write_file_atomically(out->path() / "calibration.json", study::calibration_json(record));
  out->commit();
  fmt::print("{} municipalities, {} draws x {} replicates; check runs {} replicates each\n\n{}",
             result.municipalities, settings.draws, settings.replicates, settings.check_replicates,
             study::calibration_table(result));
  fmt::print("results written to {}/ (draws.csv, calibration.json)\n", o.out);
  return 0;
}

}  // namespace

Command add_calibrate_command(CLI::App& app, const std::string& command_line,
                              const engine::Cluster& cluster) {
  auto opts = std::make_shared<CalibrateOptions>();
  auto* sub = app.add_subcommand(
      "calibrate",
      "Fit CEO turnover and election parameters to Swedish statistics C1-C3 over a population");
  sub->add_option("scenario", opts->scenario, "Population scenario (TOML)")->capture_default_str();
  sub->add_option("--draws", opts->settings.draws, "Prior draws (Latin hypercube)")
      ->check(CLI::Range(2, 1'000'000))
      ->capture_default_str();
  sub->add_option("--accept", opts->settings.accept_fraction, "Share of draws accepted")
      ->check(CLI::Range(0.001, 1.0))
      ->capture_default_str();
  sub->add_option("--replicates,-n", opts->settings.replicates,
                  "Replicates per municipality and draw")
      ->check(CLI::Range(1, 100'000))
      ->capture_default_str();
  sub->add_option("--check-replicates", opts->settings.check_replicates,
                  "Replicates per municipality of the check runs at the base and fitted values")
      ->check(CLI::Range(1, 100'000))
      ->capture_default_str();
  sub->add_option("--seed", opts->seed, "Seed (overrides [run] seed)")->check(seed_check());
  sub->add_option("--threads,-t", opts->settings.threads,
                  "Threads; 0 = all cores (results do not depend on it)")
      ->capture_default_str();
  sub->add_option("--out,-o", opts->out, "Output directory")->capture_default_str();
  sub->add_option("--set", opts->assignments, "Set a parameter: section.name=value (repeatable)");
  sub->add_option("--param", opts->parameters,
                  "Calibrate key=lo:hi (uniform prior; repeatable; replaces the default set)");
  // A calibration runs on the threads of one process; under MPI the other ranks stand by.
  return [opts, command_line, &cluster] {
    return cluster.coordinator() ? calibrate(*opts, command_line) : 0;
  };
}

}  // namespace samspel::cli
