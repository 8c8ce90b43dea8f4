// Studies: the 290-municipality population into a results store, on 1 and 2 threads (the
// speed-up target: 2 threads at least 1.8 times 1), per replicate of every municipality.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>

#include "samspel/io/population.hpp"
#include "samspel/io/store.hpp"
#include "samspel/study/plan.hpp"
#include "samspel/study/study.hpp"

namespace {

double cpu_seconds(int who) {
  rusage usage{};
  getrusage(who, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

void BM_PopulationStudy(benchmark::State& state) {
  samspel::io::Scenario base =
      samspel::io::load_scenario(SAMSPEL_SOURCE_DIR "/scenarios/sweden.toml");
  base.run.replicates = static_cast<int>(state.range(1));
  const auto population = samspel::io::load_population(base.population, base);
  const auto plan = samspel::study::plan_population(base, population, false, {});
  const auto path = std::filesystem::temp_directory_path() /
                    ("samspel-bench-" + std::to_string(::getpid()) + ".sqlite");
  samspel::study::StudyOptions options;
  options.threads = static_cast<unsigned>(state.range(0));
  // CPU time of the calling thread (the coordinator: it moves results and writes the store) and
  // of the whole process, per run: ratios that a loaded machine disturbs less than wall time.
  double coordinator = 0;
  double process = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
    state.ResumeTiming();
    const double thread_before = cpu_seconds(RUSAGE_THREAD);
    const double process_before = cpu_seconds(RUSAGE_SELF);
    samspel::io::Store store(path, plan.description);
    samspel::study::run_study(plan, store, options);
    coordinator += cpu_seconds(RUSAGE_THREAD) - thread_before;
    process += cpu_seconds(RUSAGE_SELF) - process_before;
  }
  std::filesystem::remove(path);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(plan.size()) *
                          state.range(1));
  const double runs = static_cast<double>(plan.size() * state.range(1));
  state.counters["runs"] = runs;
  const double per_run_us = 1e6 / (runs * static_cast<double>(state.iterations()));
  state.counters["coordinator_cpu_us_per_run"] = coordinator * per_run_us;
  state.counters["cpu_us_per_run"] = process * per_run_us;
}
// (threads, replicates per municipality)
BENCHMARK(BM_PopulationStudy)
    ->Args({1, 10})
    ->Args({2, 10})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(2);
// The size of the time target (100 replicates: under 3 s on 2 cores), once each.
BENCHMARK(BM_PopulationStudy)
    ->Args({1, 100})
    ->Args({2, 100})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
