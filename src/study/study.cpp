#include "samspel/study/study.hpp"

#include <algorithm>
#include <mutex>

#include "samspel/engine/parallel.hpp"
#include "samspel/engine/statistics.hpp"
#include "samspel/io/run_measures.hpp"
#include "samspel/model/model.hpp"

namespace samspel::study {

namespace {

struct FinishedRun {
  int configuration;
  int replicate;
  std::vector<double> measures;
  std::vector<double> series;  // only when the study keeps series
};

// mean, q05, q25, q50, q75, q95 of every month and metric: rows[stat][month][metric].
std::vector<double> aggregate(const std::vector<float>& runs, int replicates, int months) {
  const std::size_t cells = static_cast<std::size_t>(months) * model::kMetricCount;
  std::vector<double> rows(6 * cells);
  std::vector<double> values(static_cast<std::size_t>(replicates));
  for (std::size_t cell = 0; cell < cells; ++cell) {
    for (int r = 0; r < replicates; ++r)
      values[r] = runs[static_cast<std::size_t>(r) * cells + cell];
    rows[cell] = engine::summarize(values).mean;
    std::sort(values.begin(), values.end());
    for (std::size_t q = 0; q < std::size(engine::kQuantileLevels); ++q) {
      rows[(q + 1) * cells + cell] = engine::quantile_sorted(values, engine::kQuantileLevels[q]);
    }
  }
  return rows;
}

}  // namespace

StudyOutcome run_study(const std::vector<io::Scenario>& configurations,
                       const io::StudyDescription& study, io::Store& store,
                       const StudyOptions& options) {
  StudyOutcome outcome;
  const auto finished = store.finished_runs();
  const auto aggregated = store.aggregated_configurations();
  outcome.already_stored = finished.size();
  const int replicates = study.replicates;
  const int months = study.calendar.months();
  const std::size_t cells = static_cast<std::size_t>(months) * model::kMetricCount;
  const std::size_t per_configuration =
      static_cast<std::size_t>(replicates) * cells * sizeof(float);
  const std::size_t count = configurations.size();
  const std::size_t width =
      std::clamp<std::size_t>(options.memory_budget / per_configuration, 1, count);
  const std::size_t windows = (count + width - 1) / width;
  const std::size_t total = count * static_cast<std::size_t>(replicates);
  std::size_t stored = finished.size();

  for (std::size_t w = 0; w < windows; ++w) {
    std::vector<int> todo;
    for (std::size_t c = w; c < count; c += windows) {
      if (aggregated.count(static_cast<int>(c)) == 0) todo.push_back(static_cast<int>(c));
    }
    if (todo.empty()) continue;
    outcome.windows += 1;
    std::vector<model::Description> descriptions;
    descriptions.reserve(todo.size());
    for (const int c : todo) {
      const io::Scenario& s = configurations[static_cast<std::size_t>(c)];
      descriptions.push_back(model::describe(s.parameters, s.scripted_events()));
    }
    std::vector<std::vector<float>> series(
        todo.size(), std::vector<float>(static_cast<std::size_t>(replicates) * cells));
    std::mutex queue_mutex;
    std::vector<FinishedRun> queue;
    const std::size_t measures = io::run_measure_info().size();

    const auto task = [&](std::size_t t) {
      const std::size_t slot = t % todo.size();  // replicate-major within the window
      const int replicate = static_cast<int>(t / todo.size());
      const int c = todo[slot];
      thread_local std::vector<double> run;
      run.resize(cells);
      model::Model m(descriptions[slot], study.calendar, study.seed,
                     static_cast<std::uint64_t>(replicate));
      const model::RunSummary summary = m.run(run);
      std::copy(run.begin(), run.end(),
                series[slot].begin() + static_cast<std::ptrdiff_t>(replicate * cells));
      if (finished.count({c, replicate}) != 0) return;
      FinishedRun f{c, replicate, std::vector<double>(measures), {}};
      io::run_measures(summary, run, months, f.measures);
      if (study.keep_series) f.series = run;
      const std::lock_guard lock(queue_mutex);
      queue.push_back(std::move(f));
    };
    // The calling thread is the store's only writer: it commits what has finished each time
    // it wakes.
    const auto drain = [&](std::size_t) {
      std::vector<FinishedRun> batch;
      {
        const std::lock_guard lock(queue_mutex);
        batch.swap(queue);
      }
      if (!batch.empty()) {
        store.begin();
        for (const auto& f : batch) {
          store.insert_run(f.configuration, f.replicate, f.measures);
          if (study.keep_series) store.insert_run_series(f.configuration, f.replicate, f.series);
        }
        store.commit();
        stored += batch.size();
        outcome.stored += batch.size();
      }
      if (options.progress) options.progress(stored, total);
    };
    engine::parallel_for(todo.size() * static_cast<std::size_t>(replicates), options.threads, task,
                         drain, 100);

    store.begin();
    for (std::size_t slot = 0; slot < todo.size(); ++slot) {
      store.insert_series(todo[slot], aggregate(series[slot], replicates, months));
    }
    store.commit();
  }
  return outcome;
}

}  // namespace samspel::study
