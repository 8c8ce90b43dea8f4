#include "samspel/study/compare.hpp"

#include "samspel/engine/parallel.hpp"
#include "samspel/io/run_measures.hpp"
#include "samspel/model/model.hpp"

namespace samspel::study {

io::Comparison run_comparison(const std::vector<io::Variant>& variants, unsigned threads,
                              const std::function<void(std::size_t)>& progress) {
  io::Comparison c;
  const io::Scenario& reference = variants.front().scenario;
  c.replicates = reference.run.replicates;
  c.measures = io::run_measure_info().size();
  std::vector<model::Description> descriptions;
  for (const auto& v : variants) {
    c.labels.push_back(v.label);
    descriptions.push_back(model::describe(v.scenario.parameters, v.scenario.scripted_events()));
  }
  const engine::Calendar calendar = reference.calendar();
  const auto months = calendar.months();
  const std::size_t per_run = static_cast<std::size_t>(months) * model::kMetricCount;
  const std::size_t count = variants.size();
  const auto replicates = static_cast<std::size_t>(c.replicates);
  c.values.resize(count * replicates * c.measures);
  // Replicate-major order: every variant's replicate i runs before any replicate i + 1.
  engine::parallel_for(
      count * replicates, threads,
      [&](std::size_t task) {
        const std::size_t replicate = task / count;
        const std::size_t variant = task % count;
        thread_local std::vector<double> series;
        series.resize(per_run);
        model::Model m(descriptions[variant], calendar, reference.run.seed, replicate);
        const model::RunSummary summary = m.run(series);
        io::run_measures(summary, series, months,
                         std::span<double>(c.values).subspan(
                             (variant * replicates + replicate) * c.measures, c.measures));
      },
      progress);
  return c;
}

}  // namespace samspel::study
