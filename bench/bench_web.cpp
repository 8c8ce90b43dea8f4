// The web API's own cost, apart from simulating: validating a scenario sent as JSON (the
// scenario file parser behind a JSON-to-TOML conversion), refusing a bad one, and listing the
// parameter dictionary that the pages load first.
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include "samspel/web/api.hpp"

namespace {

using samspel::web::Api;
using samspel::web::Limits;

const std::string kBadScenario = nlohmann::json{
    {"scenario",
     {{"run", {{"years", 16}, {"replicates", 200}}},
      {"municipality", {{"population", 30000}, {"departments", 6}, {"committees", 6}}},
      {"strategy",
       {{"foundation", "role"}}}}}}.dump();

void BM_RefuseBadScenario(benchmark::State& state) {
  Api api(Limits{});
  for (auto _ : state) {
    const auto r = api.handle("POST", "/api/runs", kBadScenario);
    benchmark::DoNotOptimize(r.body.data());
  }
}
BENCHMARK(BM_RefuseBadScenario);

void BM_Parameters(benchmark::State& state) {
  Api api(Limits{});
  for (auto _ : state) {
    const auto r = api.handle("GET", "/api/parameters", "");
    benchmark::DoNotOptimize(r.body.data());
  }
}
BENCHMARK(BM_Parameters);

}  // namespace
