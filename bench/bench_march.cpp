// Cost of one run of March's model to equilibrium (m = 30, n = 50, p3 = p4 = 0), one core,
// at the corners of Figure 1's grid; and 100 periods under turnover and turbulence.
#include <benchmark/benchmark.h>

#include "samspel/march/run.hpp"

namespace {

void BM_MarchRunToEquilibrium(benchmark::State& state) {
  const samspel::march::Parameters p{.socialisation = static_cast<double>(state.range(0)) / 10,
                                     .code_learning = static_cast<double>(state.range(1)) / 10};
  std::uint64_t run = 0;
  long periods = 0;
  for (auto _ : state) {
    const auto result = samspel::march::run(p, {10000, true}, 1991, run++);
    periods += result.periods;
    benchmark::DoNotOptimize(result);
  }
  state.counters["periods"] = benchmark::Counter(static_cast<double>(periods) / state.iterations());
  state.SetItemsProcessed(periods);
}
BENCHMARK(BM_MarchRunToEquilibrium)
    ->Args({1, 9})
    ->Args({5, 5})
    ->Args({9, 1})
    ->Unit(benchmark::kMicrosecond);

void BM_March100PeriodsTurnoverTurbulence(benchmark::State& state) {
  const samspel::march::Parameters p{.turnover = 0.1, .turbulence = 0.02};
  std::uint64_t run = 0;
  for (auto _ : state) {
    const auto result = samspel::march::run(p, {100, false}, 1991, run++);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations() * 100);
}
BENCHMARK(BM_March100PeriodsTurnoverTurbulence)->Unit(benchmark::kMicrosecond);

}  // namespace
