// `samspel validate`: runs the patterns of docs/patterns.md, each stated as a validation file under
// validation/, and prints whether each comes out (docs/VALIDATION.md).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>
#include <optional>
#include <tuple>

#include "commands.hpp"
#include "samspel/io/staged_folder.hpp"
#include "samspel/io/validation_file.hpp"
#include "samspel/io/validation_report.hpp"
#include "samspel/study/validate.hpp"
#include "samspel/version.hpp"

namespace samspel::cli {

namespace {

// --quick: small enough for CI on two cores (the `validation` CTest label). The comparison at
// the file's parameters keeps the file's replicates (200, the minimum of docs/patterns.md), since
// whether a pattern holds is judged there and smaller effects (F3's fit: about -0.017) need that
// power; each robustness point runs as many, and only the points are fewer (5 against 20). Stated
// in the report's provenance.
constexpr int kQuickRobustPoints = 5;

struct ValidateCliOptions {
  bool quick = false;
  std::optional<int> robust;
  std::optional<int> replicates;
  std::optional<int> robust_replicates;
  std::optional<std::int64_t> seed;
  unsigned threads = 0;
  std::string out = "results/validation";
  std::string dir = "validation";
  std::vector<std::string> only;
};

// The validation files of `dir` in name order (F1, F2, ..., F10, F11, F4b sorted naturally:
// by the number after F, then by suffix), filtered by --only.
std::vector<std::filesystem::path> validation_files(const ValidateCliOptions& o) {
  const std::filesystem::path dir(o.dir);
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error))
    throw io::ScenarioError(
        fmt::format("--dir {}: not a directory; allowed: the folder of validation files "
                    "(validation/ of the repository)",
                    o.dir));
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  const auto key = [](const std::filesystem::path& p) {
    const std::string stem = p.stem().string();
    std::size_t digits = 1;
    while (digits < stem.size() && std::isdigit(static_cast<unsigned char>(stem[digits])) != 0)
      ++digits;
    const int number = digits > 1 ? std::stoi(stem.substr(1, digits - 1)) : 0;
    return std::make_tuple(number, stem);
  };
  std::sort(files.begin(), files.end(),
            [&](const auto& a, const auto& b) { return key(a) < key(b); });
  if (!o.only.empty()) {
    std::vector<std::filesystem::path> kept;
    for (const auto& name : o.only) {
      const auto it = std::find_if(files.begin(), files.end(),
                                   [&](const auto& f) { return f.stem().string() == name; });
      if (it == files.end())
        throw io::ScenarioError(
            fmt::format("--only {}: no {}/{}.toml; allowed: the names of the files in {}", name,
                        o.dir, name, o.dir));
      kept.push_back(*it);
    }
    files = kept;
  }
  if (files.empty())
    throw io::ScenarioError(fmt::format("--dir {}: no .toml validation files", o.dir));
  return files;
}

}  // namespace

Command add_validate_command(CLI::App& app, const std::string& command_line) {
  auto o = std::make_shared<ValidateCliOptions>();
  auto* sub = app.add_subcommand(
      "validate", "Run the report's patterns (validation/*.toml) and say which come out");
  sub->add_flag(
      "--quick", o->quick,
      fmt::format("Reduced size for CI: as full, but {} robustness points", kQuickRobustPoints));
  sub->add_option("--robust", o->robust, "Robustness points (default 20; --quick 5)")
      ->check(CLI::Range(0, 10'000));
  sub->add_option("--replicates,-n", o->replicates,
                  "Replicates per configuration at the file's parameters (default: the file's)")
      ->check(CLI::Range(2, 10'000'000));
  sub->add_option("--robust-replicates", o->robust_replicates,
                  "Replicates per configuration at each robustness point (default: as at "
                  "the file's parameters)")
      ->check(CLI::Range(2, 10'000'000));
  sub->add_option("--seed", o->seed, "Seed (default: each file's [run] seed)")->check(seed_check());
  sub->add_option("--threads,-t", o->threads,
                  "Threads; 0 = all cores (results do not depend on it)")
      ->capture_default_str();
  sub->add_option("--out,-o", o->out, "Output directory")->capture_default_str();
  sub->add_option("--dir", o->dir, "Folder of validation files")->capture_default_str();
  sub->add_option("--only", o->only, "Only these patterns, e.g. --only F1,F4b")->delimiter(',');
  return [o, command_line] {
    std::vector<std::pair<std::filesystem::path, io::ValidationSpec>> specs;
    for (const auto& file : validation_files(*o))
      specs.emplace_back(file, io::load_validation(file));
    const auto out = std::make_unique<io::StagedFolder>(o->out, "--out", io::kValidationFiles);
    io::ValidationReport report;
    report.quick = o->quick;
    // --seed, or null when each file's own [run] seed is used (recorded per pattern).
    report.seed =
        o->seed ? std::optional<std::uint64_t>(static_cast<std::uint64_t>(*o->seed)) : std::nullopt;
    study::ValidateOptions options;
    report.robust_spread = options.robust_spread;
    report.robust_required = options.robust_required;
    options.threads = o->threads;
    options.robust_points = o->robust.value_or(o->quick ? kQuickRobustPoints : 20);
    for (const auto& [file, spec] : specs) {
      options.replicates = o->replicates.value_or(spec.scenario.run.replicates);
      // As many replicates at each robustness point as at the file's parameters, so that a
      // point fails for the mechanism, not for want of power.
      options.robust_replicates = o->robust_replicates.value_or(options.replicates);
      options.seed = o->seed ? static_cast<std::uint64_t>(*o->seed) : spec.scenario.run.seed;
      std::fprintf(stderr, "%s ...\n", spec.pattern.c_str());
      report.patterns.push_back(study::validate_pattern(spec, file.string(), options));
    }
    const io::Provenance provenance{command_line, std::string(version()),
                                    std::string(git_revision())};
    io::write_validation_directory(out->path(), report, provenance);
    out->commit();
    fmt::print("\n{}", io::validation_table(report));
    fmt::print("results written to {}/ (validation.csv, validation.json, validation.md)\n", o->out);
    return report.all_pass() ? 0 : kExitFailure;
  };
}

}  // namespace samspel::cli
