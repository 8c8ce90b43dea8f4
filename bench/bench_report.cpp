// The report of the default scenario (200 replicates, 16 years): its results document from the
// run in memory (through the text of its files, as the run directory gives it), and the page.
#include <benchmark/benchmark.h>

#include "samspel/io/results_json.hpp"
#include "samspel/report/html_report.hpp"
#include "samspel/study/run_scenario.hpp"

namespace {

struct DefaultRun {
  samspel::io::Scenario scenario =
      samspel::io::load_scenario(SAMSPEL_SOURCE_DIR "/scenarios/default.toml");
  samspel::io::RunResults results = samspel::study::run_scenario(scenario, 0);
};

const DefaultRun& default_run() {
  static const DefaultRun run;
  return run;
}

void BM_RunDocument(benchmark::State& state) {
  const DefaultRun& run = default_run();
  for (auto _ : state) {
    benchmark::DoNotOptimize(samspel::io::run_document(run.results, run.scenario, {}));
  }
}
BENCHMARK(BM_RunDocument)->Unit(benchmark::kMillisecond);

void BM_HtmlReport(benchmark::State& state) {
  const DefaultRun& run = default_run();
  const auto document = samspel::io::run_document(run.results, run.scenario, {});
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string html = samspel::report::html_report(document, "sv");
    bytes = html.size();
    benchmark::DoNotOptimize(html.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_HtmlReport)->Unit(benchmark::kMillisecond);

}  // namespace
