// Peak memory of a study of a million runs (target: under 200 MB): a Latin hypercube of 10,000
// points of the default municipality, 100 replicates each, one observed year (the runs' length
// does not change what a study holds in memory, only its time). Reported as the process's
// peak resident set, so run it on its own:
//   ./build/bench/samspel_bench --benchmark_filter=MillionRunSweep
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>

#include "samspel/io/scenario.hpp"
#include "samspel/io/store.hpp"
#include "samspel/study/plan.hpp"
#include "samspel/study/study.hpp"

namespace {

double peak_resident_megabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KB on Linux
}

void remove_store(const std::filesystem::path& path) {
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path.string() + suffix);
}

void BM_MillionRunSweep(benchmark::State& state) {
  samspel::io::Scenario base =
      samspel::io::load_scenario(SAMSPEL_SOURCE_DIR "/scenarios/default.toml");
  base.run.years = 1;
  base.run.replicates = 100;
  const auto axes = samspel::io::parse_sweep_axes(
      {"model.socialisation_rate=0.01:0.3", "strategy.private_socializing=0:1"});
  const auto plan =
      samspel::study::plan_sweep(base, axes, samspel::study::Design::lhs, 10000, false, {});
  const auto path = std::filesystem::temp_directory_path() /
                    ("samspel-bench-memory-" + std::to_string(::getpid()) + ".sqlite");
  samspel::study::StudyOptions options;
  options.threads = 0;
  for (auto _ : state) {
    remove_store(path);
    samspel::io::Store store(path, plan.description);
    samspel::study::run_study(plan, store, options);
  }
  remove_store(path);
  state.counters["runs"] = static_cast<double>(plan.size()) * base.run.replicates;
  state.counters["peak_MB"] = peak_resident_megabytes();
}
BENCHMARK(BM_MillionRunSweep)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

}  // namespace
