// Sensitivity analysis of a pattern (F2: roles talked through against roles left unsaid, at a
// change of persons): a Morris screening of every real parameter (20 trajectories, 50
// replicates a point) and Sobol' indices over 12 parameters (1,024 base samples, 50 replicates),
// each against a plain sweep of as many runs, so that what the analysis adds on top of the runs
// is a ratio within one benchmark run. Wall time: these use every core.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "samspel/io/store.hpp"
#include "samspel/io/sweep.hpp"
#include "samspel/io/validation_file.hpp"
#include "samspel/study/plan.hpp"
#include "samspel/study/sensitivity.hpp"
#include "samspel/study/study.hpp"

namespace {

namespace study = samspel::study;
namespace io = samspel::io;

constexpr int kReplicates = 50;

const io::ValidationSpec& pattern() {
  static const io::ValidationSpec spec =
      io::load_validation(SAMSPEL_SOURCE_DIR "/validation/F2.toml");
  return spec;
}

// Configurations run at every design point: each comparison's sides.
std::size_t configurations() {
  std::size_t n = 0;
  for (const auto& c : pattern().comparisons)
    n += c.configurations().size();
  return n;
}

void analyse(benchmark::State& state, io::Method method, int points, std::size_t factor_count) {
  std::vector<io::Factor> factors = study::pattern_factors(pattern(), 0.25);
  if (factor_count < factors.size()) factors.resize(factor_count);
  study::SensitivityOptions options;
  options.method = method;
  options.points = points;
  options.replicates = kReplicates;
  std::size_t runs = 0;
  for (auto _ : state)
    runs = study::analyse_pattern(pattern(), factors, options).runs;
  state.counters["factors"] = static_cast<double>(factors.size());
  state.counters["runs"] = static_cast<double>(runs);
  state.counters["runs_per_s"] =
      benchmark::Counter(static_cast<double>(runs), benchmark::Counter::kIsIterationInvariantRate);
}

// A Latin-hypercube sweep of the pattern's scenario over two of its parameters, with as many
// configurations x replicates as the analysis runs (its store written and its bands computed,
// which the analysis does not do).
void sweep(benchmark::State& state, std::size_t runs) {
  const auto axes =
      io::parse_sweep_axes({"model.case_pull=0.15:0.25", "model.closeness_trust=0.45:0.75"});
  io::Scenario base = pattern().scenario;
  base.run.replicates = kReplicates;
  const int points = static_cast<int>(runs / kReplicates);
  const auto plan = study::plan_sweep(base, axes, study::Design::lhs, points, false, {});
  const auto path = std::filesystem::temp_directory_path() /
                    ("samspel-bench-sweep-" + std::to_string(::getpid()) + ".sqlite");
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path.string() + suffix);
    state.ResumeTiming();
    io::Store store(path, plan.description);
    study::run_study(plan, store, study::StudyOptions{});
  }
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path.string() + suffix);
  const double total = static_cast<double>(points) * kReplicates;
  state.counters["runs"] = total;
  state.counters["runs_per_s"] =
      benchmark::Counter(total, benchmark::Counter::kIsIterationInvariantRate);
}

// 20 trajectories x (factors + 1) points x configurations x 50 replicates.
void BM_MorrisPattern(benchmark::State& state) {
  analyse(state, io::Method::morris, 20, 1000);
}
void BM_SweepAsManyRunsAsMorris(benchmark::State& state) {
  sweep(state,
        20 * (study::pattern_factors(pattern(), 0.25).size() + 1) * configurations() * kReplicates);
}
// 1,024 x (12 + 2) points x configurations x 50 replicates.
void BM_SobolPattern12(benchmark::State& state) {
  analyse(state, io::Method::sobol, 1024, 12);
}
void BM_SweepAsManyRunsAsSobol12(benchmark::State& state) {
  sweep(state, std::size_t{1024} * 14 * configurations() * kReplicates);
}

}  // namespace

BENCHMARK(BM_MorrisPattern)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_SweepAsManyRunsAsMorris)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_SobolPattern12)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_SweepAsManyRunsAsSobol12)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);
