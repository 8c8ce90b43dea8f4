// Cost of one replicate: the default municipality over 16 years (192 months), one core.
#include <benchmark/benchmark.h>

#include <vector>

#include "samspel/io/scenario.hpp"
#include "samspel/model/model.hpp"

namespace {

void BM_DefaultReplicate16Years(benchmark::State& state) {
  const samspel::io::Scenario scenario =
      samspel::io::load_scenario(SAMSPEL_SOURCE_DIR "/scenarios/default.toml");
  const auto calendar = scenario.calendar();
  const auto description =
      samspel::model::describe(scenario.parameters, scenario.scripted_events());
  std::vector<double> series(static_cast<std::size_t>(calendar.months()) *
                             samspel::model::kMetricCount);
  std::uint64_t replicate = 0;
  for (auto _ : state) {
    samspel::model::Model m(description, calendar, scenario.run.seed, replicate++);
    auto summary = m.run(series);
    benchmark::DoNotOptimize(summary);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DefaultReplicate16Years)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
