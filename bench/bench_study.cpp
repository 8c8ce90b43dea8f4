// Studies: the 290-municipality population into a results store, on 1 and 2 threads (the
// speed-up of issue 3), per replicate of every municipality.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "samspel/io/population.hpp"
#include "samspel/io/store.hpp"
#include "samspel/study/plan.hpp"
#include "samspel/study/study.hpp"

namespace {

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
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
    state.ResumeTiming();
    samspel::io::Store store(path, plan.description);
    samspel::study::run_study(plan, store, options);
  }
  std::filesystem::remove(path);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(plan.size()) *
                          state.range(1));
  state.counters["runs"] = static_cast<double>(plan.size() * state.range(1));
}
// (threads, replicates per municipality)
BENCHMARK(BM_PopulationStudy)
    ->Args({1, 10})
    ->Args({2, 10})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(2);

}  // namespace
