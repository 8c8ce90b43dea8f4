// `samspel sweep` and `samspel export`: studies into a results store, and reading one out.
#include <fmt/format.h>

#include <chrono>
#include <exception>
#include <memory>

#include "commands.hpp"
#include "samspel/io/store.hpp"
#include "samspel/io/sweep.hpp"
#include "samspel/study/plan.hpp"
#include "samspel/study/study.hpp"
#include "samspel/version.hpp"
#include "scenario_options.hpp"

namespace samspel::cli {

namespace {

struct SweepOptions {
  ScenarioOptions scenario;
  std::vector<std::string> params;
  std::string design = "lhs";
  int points = 0;
  std::string store;
  bool keep_series = false;
};

}  // namespace

std::filesystem::path store_path(const ScenarioOptions& o, const std::string& store,
                                 const std::string& kind) {
  if (!store.empty()) return store;
  return std::filesystem::path("results") /
         fmt::format("{}-{}.sqlite", std::filesystem::path(o.scenario).stem().string(), kind);
}

std::filesystem::path store_without_folder(const ScenarioOptions& o, const std::string& store,
                                           const std::string& kind) {
  const std::filesystem::path path = store_path(o, store, kind);
  if (!o.out.empty()) {
    throw io::ScenarioError(fmt::format(
        "--out {}: a {} writes a results store, not a folder; name the store with --store FILE "
        "(here {}), and `samspel export` writes it as CSV or JSON",
        o.out, kind == "population" ? "population study" : kind, path.string()));
  }
  return path;
}

namespace {

std::unique_ptr<io::Store> open_store(const study::StudyPlan& plan,
                                      const std::filesystem::path& path) {
  try {
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    require_memory(study::study_memory_floor(plan.description), plan.description.replicates);
    return std::make_unique<io::Store>(path, plan.description);
  } catch (const std::filesystem::filesystem_error& e) {
    throw io::ScenarioError(
        fmt::format("--store {}: cannot create its folder: {}; allowed: a file in a folder that "
                    "can be created and written",
                    path.string(), e.code().message()));
  }
}

}  // namespace

int run_study_into_store(const study::StudyPlan& plan, const std::filesystem::path& path,
                         unsigned threads, const engine::Cluster& cluster) {
  std::unique_ptr<io::Store> store;
  // Every rank learns whether rank 0 opened the store, so that none waits for runs that will
  // never be asked for; rank 0 then reports why it could not.
  std::exception_ptr refused;
  if (cluster.coordinator()) {
    try {
      store = open_store(plan, path);
    } catch (...) {
      refused = std::current_exception();
    }
  }
  if (cluster.broadcast(refused ? 0 : 1) == 0) {
    if (refused) std::rethrow_exception(refused);
    return kExitBadInput;
  }
  if (!cluster.coordinator()) {
    study::serve_study(plan, cluster, threads);
    return 0;
  }
  const std::size_t total = plan.size() * static_cast<std::size_t>(plan.description.replicates);
  const auto bar = progress_bar(total, "runs");
  study::StudyOptions options;
  options.threads = threads;
  options.cluster = &cluster;
  if (bar) options.progress = [bar](std::size_t done, std::size_t) { bar(done); };
  const auto started = std::chrono::steady_clock::now();
  const study::StudyOutcome outcome = study::run_study(plan, *store, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print("{} study: {} configurations x {} replicates = {} runs{}\n", plan.description.kind,
             plan.size(), plan.description.replicates, total,
             cluster.size() > 1 ? fmt::format(" on {} MPI ranks", cluster.size()) : "");
  fmt::print("stored {} runs in {:.1f} s{}\n", outcome.stored, seconds,
             outcome.already_stored > 0
                 ? fmt::format(" (resumed: {} were already stored)", outcome.already_stored)
                 : "");
  fmt::print("results store: {} (samspel export {} --format csv)\n", path.string(), path.string());
  return 0;
}

Command add_sweep_command(CLI::App& app, const std::string& command_line,
                          const engine::Cluster& cluster) {
  auto o = std::make_shared<SweepOptions>();
  auto* sub = app.add_subcommand(
      "sweep", "Sweep parameters over a grid or a Latin hypercube into a results store");
  add_scenario_options(*sub, o->scenario);
  sub->add_option("--param", o->params, "A swept parameter: section.name=lo:hi[:log] (repeatable)")
      ->required();
  sub->add_option("--design", o->design,
                  "grid (--points levels per parameter) or lhs (--points points)")
      ->check(CLI::IsMember({"grid", "lhs"}))
      ->capture_default_str();
  sub->add_option("--points", o->points, "Levels per parameter (grid) or points (lhs)")
      ->required()
      ->check(CLI::Range(1, 10'000'000));
  sub->add_option("--store", o->store, "Results store (default results/<scenario>-sweep.sqlite)");
  sub->add_flag("--keep-series", o->keep_series, "Also store every run's monthly series");
  return [o, command_line, &cluster] {
    const std::filesystem::path store = store_without_folder(o->scenario, o->store, "sweep");
    const io::Scenario base = load_with_options(o->scenario);
    const auto axes = io::parse_sweep_axes(o->params);
    const study::Provenance p{std::string(version()), std::string(git_revision()), command_line};
    study::StudyPlan plan;
    try {
      plan = study::plan_sweep(base, axes,
                               o->design == "grid" ? study::Design::grid : study::Design::lhs,
                               o->points, o->keep_series, p);
    } catch (const std::invalid_argument& e) {
      throw io::ScenarioError(fmt::format("--points {}: {}", o->points, e.what()));
    }
    return run_study_into_store(plan, store, o->scenario.threads, cluster);
  };
}

Command add_export_command(CLI::App& app) {
  struct Options {
    std::string store;
    std::string format = "csv";
    std::string out;
  };
  auto o = std::make_shared<Options>();
  auto* sub = app.add_subcommand("export", "Write a results store's tables as CSV files or JSON");
  sub->add_option("store", o->store, "Results store (.sqlite)")->required();
  sub->add_option("--format", o->format, "csv or json")
      ->check(CLI::IsMember({"csv", "json"}))
      ->capture_default_str();
  sub->add_option("--out,-o", o->out,
                  "Directory to write into (default: the store's name without .sqlite)");
  return [o] {
    const std::filesystem::path store(o->store);
    const std::filesystem::path out =
        o->out.empty() ? store.parent_path() / store.stem() : std::filesystem::path(o->out);
    io::export_store(store, out, o->format);
    fmt::print("wrote {} ({})\n", out.string(),
               o->format == "csv" ? "one CSV file per table" : "store.json");
    return 0;
  };
}

}  // namespace samspel::cli
