#include "samspel/study/study.hpp"

#include <algorithm>

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

// mean, q05, q25, q50, q75, q95 of every month and metric: rows[stat][month][metric]. A run's
// series is contiguous and a cell's values are one per run, far apart: cells are taken a block
// at a time, each run's block read in one stretch, so the gathering stays in cache.
std::vector<double> aggregate(const std::vector<float>& runs, int replicates, int months) {
  const std::size_t cells = static_cast<std::size_t>(months) * model::kMetricCount;
  const auto n_runs = static_cast<std::size_t>(replicates);
  constexpr std::size_t kBlock = 64;
  std::vector<double> rows(engine::kBandSize * cells);
  std::vector<double> block(kBlock * n_runs);
  for (std::size_t first = 0; first < cells; first += kBlock) {
    const std::size_t n = std::min(kBlock, cells - first);
    for (std::size_t r = 0; r < n_runs; ++r) {
      const float* run = &runs[r * cells + first];
      for (std::size_t j = 0; j < n; ++j)
        block[j * n_runs + r] = run[j];
    }
    for (std::size_t j = 0; j < n; ++j)
      engine::band(std::span<double>(&block[j * n_runs], n_runs), &rows[first + j], cells);
  }
  return rows;
}

// Writes each configuration's bands (mean and quantiles per month and metric). The bands are
// computed on the study's threads, a chunk of configurations at a time so that no more than a
// chunk's bands are held at once; the store is written from the calling thread only.
void store_bands(const std::vector<int>& todo, std::vector<std::vector<float>>& series,
                 int replicates, int months, unsigned threads, io::Store& store) {
  constexpr std::size_t kChunk = 32;
  std::vector<std::vector<double>> bands(kChunk);
  store.begin();
  for (std::size_t first = 0; first < todo.size(); first += kChunk) {
    const std::size_t n = std::min(kChunk, todo.size() - first);
    engine::parallel_for(n, threads, [&](std::size_t i) {
      bands[i] = aggregate(series[first + i], replicates, months);
      std::vector<float>().swap(series[first + i]);  // its runs are no longer needed
    });
    for (std::size_t i = 0; i < n; ++i)
      store.insert_series(todo[first + i], bands[i]);
  }
  store.commit();
}

// One window's runs: task t is replicate t / |todo| of configuration todo[t % |todo|], so
// runs interleave replicate by replicate. Its result is the run's measures, then its series.
class Window {
 public:
  Window(const StudyPlan& plan, std::vector<int> todo)
      : study_(plan.description), todo_(std::move(todo)) {
    descriptions_.reserve(todo_.size());
    for (const int c : todo_) {
      const io::Scenario s = plan.scenario(static_cast<std::size_t>(c));
      descriptions_.push_back(model::describe(s.parameters, s.scripted_events()));
    }
  }

  std::size_t tasks() const { return todo_.size() * static_cast<std::size_t>(study_.replicates); }
  std::size_t slot(std::size_t task) const { return task % todo_.size(); }
  int configuration(std::size_t task) const { return todo_[slot(task)]; }
  int replicate(std::size_t task) const { return static_cast<int>(task / todo_.size()); }
  const std::vector<int>& todo() const { return todo_; }

  std::vector<double> compute(std::size_t task) const {
    const std::size_t measures = io::run_measure_info().size();
    const int months = study_.calendar.months();
    std::vector<double> result(measures + static_cast<std::size_t>(months) * model::kMetricCount);
    const std::span<double> series = std::span<double>(result).subspan(measures);
    model::Model m(descriptions_[slot(task)], study_.calendar,
                   study_.run_seed(static_cast<std::size_t>(configuration(task))),
                   static_cast<std::uint64_t>(replicate(task)));
    const model::RunSummary summary = m.run(series);
    io::run_measures(summary, series, months, std::span<double>(result).first(measures));
    return result;
  }

 private:
  const io::StudyDescription& study_;
  std::vector<int> todo_;
  std::vector<model::Description> descriptions_;
};

}  // namespace

StudyOutcome run_study(const StudyPlan& plan, io::Store& store, const StudyOptions& options) {
  const io::StudyDescription& study = plan.description;
  const engine::Cluster alone;
  const engine::Cluster& cluster = options.cluster != nullptr ? *options.cluster : alone;
  StudyOutcome outcome;
  const std::size_t count = plan.size();
  const std::vector<bool> aggregated = store.aggregated_configurations(count);
  outcome.already_stored = store.run_count();
  const int replicates = study.replicates;
  const int months = study.calendar.months();
  const std::size_t cells = static_cast<std::size_t>(months) * model::kMetricCount;
  const std::size_t measures = io::run_measure_info().size();
  const std::size_t per_configuration =
      static_cast<std::size_t>(replicates) * cells * sizeof(float);
  if (count == 0) {
    cluster.broadcast(std::vector<int>{});
    return outcome;
  }
  // At most kMaxWidth configurations in flight: each holds a model description (a few KB)
  // besides its runs' series.
  constexpr std::size_t kMaxWidth = 1024;
  const std::size_t width = std::clamp<std::size_t>(options.memory_budget / per_configuration, 1,
                                                    std::min(count, kMaxWidth));
  const std::size_t windows = (count + width - 1) / width;
  const std::size_t total = count * static_cast<std::size_t>(replicates);
  std::size_t stored = outcome.already_stored;

  for (std::size_t w = 0; w < windows; ++w) {
    std::vector<int> todo;
    for (std::size_t c = w; c < count; c += windows) {
      if (!aggregated[c]) todo.push_back(static_cast<int>(c));
    }
    if (todo.empty()) continue;
    outcome.windows += 1;
    cluster.broadcast(todo);
    const auto finished = store.finished_runs(todo);
    const Window window(plan, std::move(todo));
    std::vector<std::vector<float>> series(
        window.todo().size(), std::vector<float>(static_cast<std::size_t>(replicates) * cells));
    std::vector<FinishedRun> pending;
    const auto deliver = [&](std::size_t task, std::vector<double>&& result) {
      const int replicate = window.replicate(task);
      const int c = window.configuration(task);
      std::copy(result.begin() + static_cast<std::ptrdiff_t>(measures), result.end(),
                series[window.slot(task)].begin() + static_cast<std::ptrdiff_t>(replicate * cells));
      if (finished.count({c, replicate}) != 0) return;
      FinishedRun f{c,
                    replicate,
                    std::vector<double>(result.begin(),
                                        result.begin() + static_cast<std::ptrdiff_t>(measures)),
                    {}};
      if (study.keep_series)
        f.series.assign(result.begin() + static_cast<std::ptrdiff_t>(measures), result.end());
      pending.push_back(std::move(f));
    };
    // The calling thread is the store's only writer: it commits what has finished each tick.
    const auto commit = [&] {
      if (!pending.empty()) {
        store.begin();
        for (const auto& f : pending) {
          store.insert_run(f.configuration, f.replicate, f.measures);
          if (study.keep_series) store.insert_run_series(f.configuration, f.replicate, f.series);
        }
        store.commit();
        stored += pending.size();
        outcome.stored += pending.size();
        pending.clear();
      }
      if (options.progress) options.progress(stored, total);
    };
    cluster.coordinate(
        window.tasks(), options.threads,
        [&window](std::size_t task) { return window.compute(task); }, deliver, commit, 100);

    store_bands(window.todo(), series, replicates, months, options.threads, store);
  }
  cluster.broadcast(std::vector<int>{});  // no more windows
  return outcome;
}

void serve_study(const StudyPlan& plan, const engine::Cluster& cluster, unsigned threads) {
  while (true) {
    std::vector<int> todo = cluster.broadcast(std::vector<int>{});
    if (todo.empty()) return;
    const Window window(plan, std::move(todo));
    cluster.serve(threads, [&window](std::size_t task) { return window.compute(task); });
  }
}

}  // namespace samspel::study
