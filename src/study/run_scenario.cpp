#include "samspel/study/run_scenario.hpp"

#include "samspel/engine/parallel.hpp"
#include "samspel/model/model.hpp"

namespace samspel::study {

io::RunResults run_scenario(const io::Scenario& scenario, unsigned threads,
                            const std::function<void(std::size_t)>& progress) {
  io::RunResults r;
  r.calendar = scenario.calendar();
  r.replicates = scenario.run.replicates;
  const auto per_run = static_cast<std::size_t>(r.calendar.months()) * model::kMetricCount;
  r.series.resize(per_run * static_cast<std::size_t>(r.replicates));
  r.summaries.resize(static_cast<std::size_t>(r.replicates));
  const model::Description description =
      model::describe(scenario.parameters, scenario.scripted_events());
  engine::parallel_for(
      static_cast<std::size_t>(r.replicates), threads,
      [&](std::size_t i) {
        model::Model m(description, r.calendar, scenario.run.seed, i);
        r.summaries[i] = m.run(std::span<double>(r.series).subspan(i * per_run, per_run));
      },
      progress);
  return r;
}

std::size_t run_memory(const io::Scenario& scenario) {
  const auto per_run = static_cast<std::size_t>(scenario.calendar().months()) * model::kMetricCount;
  return static_cast<std::size_t>(scenario.run.replicates) *
         (per_run * sizeof(double) + sizeof(model::RunSummary));
}

}  // namespace samspel::study
