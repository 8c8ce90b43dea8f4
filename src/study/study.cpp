#include "samspel/study/study.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "samspel/analysis/run_measures.hpp"
#include "samspel/engine/design.hpp"
#include "samspel/engine/statistics.hpp"
#include "samspel/model/model.hpp"
#include "samspel/study/seeds.hpp"

namespace samspel::study {

namespace {

using engine::kBandSize;
using model::kMetricCount;

// Cells (month x metric) of one configuration aggregated at a time by reduce_delivered: small
// enough that the last configuration of a window is shared among the threads, large enough that the
// queue is not the cost.
constexpr std::size_t kChunkCells = 1024;

// mean, q05, q25, q50, q75, q95 across `replicates` runs' series (`runs`, run after run, each
// `cells` long) for cells [first, last), into `out` (statistic after statistic, each laid out
// like a run's series). The same code on the same inputs wherever a configuration is reduced
// (a rank's worker, rank 0's threads in parts), so the bands do not depend on where: a cell's
// result depends only on that cell's values, whatever the parts. The means are summed run
// after run over all the cells at once (each cell's sum in run order, as band() sums, but
// without a chain of dependent additions per cell). A cell's values are one per run, far
// apart; successive cells (months) of a run are adjacent, so the cache lines read for one cell
// serve the next ones. Successive months of a metric order the runs much alike, which
// BandsInOrder turns into little sorting (its results do not depend on where it starts).
void aggregate_cells(const float* runs, std::size_t replicates, std::size_t cells,
                     std::size_t first, std::size_t last, float* out) {
  const std::size_t months = cells / kMetricCount;
  std::vector<double> sums(last - first, 0.0);
  for (std::size_t r = 0; r < replicates; ++r) {
    const float* run = &runs[r * cells + first];
    for (std::size_t j = 0; j < sums.size(); ++j)
      sums[j] += run[j];
  }
  for (std::size_t j = 0; j < sums.size(); ++j)
    out[first + j] = static_cast<float>(sums[j] / static_cast<double>(replicates));
  engine::BandsInOrder order(replicates);
  for (std::size_t cell = first; cell < last; ++cell) {
    if (cell % months == 0) order.restart();  // a new metric
    double quantiles[kBandSize - 1];
    order.quantiles([&](std::uint32_t r) { return runs[r * cells + cell]; }, quantiles, 1);
    for (std::size_t q = 0; q + 1 < kBandSize; ++q)
      out[(q + 1) * cells + cell] = static_cast<float>(quantiles[q]);
  }
}

// One window's runs. Task t is replicate t % replicates of configuration todo[t / replicates]:
// the runs of a configuration are contiguous, a group of the round, reduced to its bands by
// the worker that ran it when it was handed out whole, or by rank 0's threads as soon as its
// last run is in when it was handed out run by run, while the window's other runs go on. A
// task's result is its measures (doubles) and its series as floats, metric by metric (each
// metric's months contiguous: the layout of the store's BLOBs).
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

  std::size_t tasks() const { return todo_.size() * replicates(); }
  std::size_t replicates() const { return static_cast<std::size_t>(study_.replicates); }
  std::size_t slot(std::size_t task) const { return task / replicates(); }
  int configuration(std::size_t task) const { return todo_[slot(task)]; }
  int replicate(std::size_t task) const { return static_cast<int>(task % replicates()); }
  const std::vector<int>& todo() const { return todo_; }
  std::size_t months() const { return static_cast<std::size_t>(study_.calendar.months()); }
  std::size_t cells() const { return months() * kMetricCount; }

  // A worker keeps one run's series in doubles (what the model writes and the measures are
  // computed from) and reuses it for every run.
  engine::Worker make_worker() const {
    return [this, series = std::vector<double>(cells())](std::size_t task,
                                                         engine::TaskResult out) mutable {
      // Cleared like a fresh buffer, so a run's result never depends on the run before it.
      std::fill(series.begin(), series.end(), 0.0);
      model::Model m(descriptions_[slot(task)], study_.calendar,
                     run_seed(study_, static_cast<std::size_t>(configuration(task))),
                     static_cast<std::uint64_t>(replicate(task)));
      const model::RunSummary summary = m.run(series);
      const std::size_t n = months();
      analysis::run_measures(summary, series, static_cast<int>(n), out.measures);
      for (std::size_t metric = 0; metric < kMetricCount; ++metric) {
        float* to = &out.series[metric * n];
        for (std::size_t t = 0; t < n; ++t)
          to[t] = static_cast<float>(series[t * kMetricCount + metric]);
      }
    };
  }

  engine::Round round() const {
    engine::Round r;
    r.tasks = tasks();
    r.measure_count = analysis::run_measure_info().size();
    r.series_length = cells();
    r.make_worker = [this] { return make_worker(); };
    // A configuration's runs are a group, reduced to its bands where they were run; rank 0
    // needs their series only to store them.
    r.group_size = replicates();
    r.summary_length = kBandSize * cells();
    r.reduce = [n = replicates(), cells = cells()](std::size_t, std::span<const double>,
                                                   std::span<const float> series,
                                                   std::span<float> bands) {
      aggregate_cells(series.data(), n, cells, 0, cells, bands.data());
    };
    r.keep_task_series = study_.keep_series;
    return r;
  }

 private:
  const io::StudyDescription& study_;
  std::vector<int> todo_;
  std::vector<model::Description> descriptions_;
};

// Rank 0's room for a window's results, sized for the widest window and reused by every one:
// each run's measures, each configuration's bands (statistic by statistic, each laid out like
// a run's series), and the runs' series of the configurations that need them here: every one
// when the study keeps them; otherwise only those handed out run by run, which rank 0 reduces
// (a window's last ones, series_capacity at most, from slot first_with_series on).
struct WindowStorage {
  std::size_t measures_per_run;
  std::size_t cells;
  std::size_t replicates;
  std::size_t series_capacity;
  std::size_t first_with_series = 0;
  // Not zeroed: every slot is written before it is read, and the pages are first touched by
  // the threads that fill them.
  std::unique_ptr<double[]> measures;
  std::unique_ptr<float[]> series;
  std::unique_ptr<float[]> bands;

  WindowStorage(std::size_t width, std::size_t series_capacity_, std::size_t replicates_,
                std::size_t measures_, std::size_t cells_)
      : measures_per_run(measures_),
        cells(cells_),
        replicates(replicates_),
        series_capacity(series_capacity_),
        measures(std::make_unique_for_overwrite<double[]>(width * replicates_ * measures_)),
        series(std::make_unique_for_overwrite<float[]>(series_capacity_ * replicates_ * cells_)),
        bands(std::make_unique_for_overwrite<float[]>(width * kBandSize * cells_)) {}

  bool holds_series(std::size_t slot) const {
    return slot >= first_with_series && slot - first_with_series < series_capacity;
  }
  float* runs_series(std::size_t slot) {
    if (!holds_series(slot)) throw std::logic_error("a configuration's series are not held here");
    return &series[(slot - first_with_series) * replicates * cells];
  }
  std::span<const float> run_series(std::size_t task) {
    return std::span<const float>(&runs_series(task / replicates)[task % replicates * cells],
                                  cells);
  }
  std::span<const double> run_measures(std::size_t task) const {
    return std::span<const double>(&measures[task * measures_per_run], measures_per_run);
  }

  engine::TaskResult slot(std::size_t task) {
    return {std::span<double>(&measures[task * measures_per_run], measures_per_run),
            std::span<float>(&runs_series(task / replicates)[task % replicates * cells], cells)};
  }
  // Configuration `slot`'s runs, contiguous: their measures, their series if there is room for
  // them (otherwise the worker keeps them) and its bands.
  engine::GroupResult group(std::size_t slot) {
    return {std::span<double>(&measures[slot * replicates * measures_per_run],
                              replicates * measures_per_run),
            holds_series(slot) ? std::span<float>(runs_series(slot), replicates * cells)
                               : std::span<float>(),
            std::span<float>(&bands[slot * kBandSize * cells], kBandSize * cells)};
  }
  std::span<const float> band(std::size_t slot) const {
    return std::span<const float>(&bands[slot * kBandSize * cells], kBandSize * cells);
  }

  void aggregate(std::size_t slot, std::size_t first, std::size_t last) {
    aggregate_cells(runs_series(slot), replicates, cells, first, last,
                    &bands[slot * kBandSize * cells]);
  }
};

// What rank 0's threads tell one another during a window: runs delivered (for the writer),
// configurations handed out run by run whose runs are all in (their aggregation is work
// for the threads), and configurations aggregated, here or where they ran (for the writer).
class WindowProgress {
 public:
  WindowProgress(std::size_t slots, std::size_t replicates, std::size_t cells)
      : replicates_(replicates),
        chunks_((cells + kChunkCells - 1) / kChunkCells),
        cells_(cells),
        runs_in_(slots),
        chunks_done_(slots) {}

  void delivered(std::size_t task) {
    const std::size_t s = task / replicates_;
    {
      const std::lock_guard lock(mutex_);
      delivered_.push_back(task);
    }
    // After the run is listed: a configuration is never written out before its runs.
    if (runs_in_[s].fetch_add(1, std::memory_order_acq_rel) + 1 == replicates_) {
      const std::lock_guard lock(mutex_);
      for (std::size_t c = 0; c < chunks_; ++c)
        chunks_todo_.emplace_back(s, c);
      pending_.fetch_add(chunks_, std::memory_order_release);
    }
  }

  // All of configuration s's runs are in, and its bands.
  void group_delivered(std::size_t s) {
    const std::lock_guard lock(mutex_);
    for (std::size_t r = 0; r < replicates_; ++r)
      delivered_.push_back(s * replicates_ + r);
    aggregated_.push_back(s);
  }

  bool aggregate_one_chunk(WindowStorage& storage) {
    if (pending_.load(std::memory_order_acquire) == 0) return false;
    std::pair<std::size_t, std::size_t> chunk;
    {
      const std::lock_guard lock(mutex_);
      if (chunks_todo_.empty()) return false;
      chunk = chunks_todo_.back();
      chunks_todo_.pop_back();
      pending_.fetch_sub(1, std::memory_order_relaxed);
    }
    const auto [s, c] = chunk;
    storage.aggregate(s, c * kChunkCells, std::min(cells_, (c + 1) * kChunkCells));
    if (chunks_done_[s].fetch_add(1, std::memory_order_acq_rel) + 1 == chunks_) {
      const std::lock_guard lock(mutex_);
      aggregated_.push_back(s);
    }
    return true;
  }

  // The runs delivered and the configurations aggregated since the last call. Both are taken
  // at once, so every run of an aggregated configuration comes with it or came before.
  void take(std::vector<std::size_t>& runs, std::vector<std::size_t>& aggregated) {
    runs.clear();
    aggregated.clear();
    const std::lock_guard lock(mutex_);
    runs.swap(delivered_);
    aggregated.swap(aggregated_);
  }

 private:
  std::size_t replicates_;
  std::size_t chunks_;
  std::size_t cells_;
  std::vector<std::atomic<std::size_t>> runs_in_;
  std::vector<std::atomic<std::size_t>> chunks_done_;
  std::atomic<std::size_t> pending_{0};
  std::mutex mutex_;
  std::vector<std::size_t> delivered_;
  std::vector<std::pair<std::size_t, std::size_t>> chunks_todo_;
  std::vector<std::size_t> aggregated_;
};

// What a window holds for each configuration (its runs' measures and its bands), and for one
// whose runs' series it holds.
struct ConfigurationBytes {
  std::size_t results;
  std::size_t series;
};

ConfigurationBytes configuration_bytes(const io::StudyDescription& study) {
  const auto replicates = static_cast<std::size_t>(study.replicates);
  const std::size_t cells = static_cast<std::size_t>(study.calendar.months()) * kMetricCount;
  const std::size_t measures = analysis::run_measure_info().size();
  return {replicates * measures * sizeof(double) + kBandSize * cells * sizeof(float),
          replicates * cells * sizeof(float)};
}

}  // namespace

std::size_t study_memory_floor(const io::StudyDescription& study) {
  const ConfigurationBytes bytes = configuration_bytes(study);
  return bytes.results + bytes.series;
}

namespace {

// How many configurations a window holds: as many as the memory budget takes, at most kMaxWidth
// (each holds a model description, a few KB, besides its runs' results). Unless the study keeps
// every run's series, rank 0 holds the series only of the configurations it reduces: those
// handed out run by run, at most two a worker thread of all ranks (engine::whole_groups); its
// own worker threads hold a configuration's series each while they run one whole. The rest of
// the budget goes to configurations in flight, so that a study needs fewer windows (each ends
// with its workers waiting for its last runs).
std::size_t window_width(const io::StudyDescription& study, std::size_t count, std::size_t workers,
                         std::size_t local_threads, std::size_t memory_budget) {
  constexpr std::size_t kMaxWidth = 1024;
  const auto [per_configuration, series_bytes] = configuration_bytes(study);
  std::size_t width = 0;
  if (study.keep_series) {
    width = memory_budget / (per_configuration + series_bytes);
  } else {
    const std::size_t reserve = (2 * workers + local_threads) * series_bytes;
    width = memory_budget > reserve ? (memory_budget - reserve) / per_configuration : 0;
  }
  return std::clamp<std::size_t>(width, 1, std::min(count, kMaxWidth));
}

// Window w's configurations not yet aggregated, handed out in an order that spreads over the
// window (and so over the design): a window may hold the whole study, and one cut short has then
// run configurations from all of it.
std::vector<int> window_configurations(const std::vector<bool>& aggregated, std::size_t w,
                                       std::size_t windows) {
  std::vector<int> todo;
  for (std::size_t c = w; c < aggregated.size(); c += windows) {
    if (!aggregated[c]) todo.push_back(static_cast<int>(c));
  }
  std::vector<int> spread;
  spread.reserve(todo.size());
  for (const std::size_t i : engine::spread_order(todo.size()))
    spread.push_back(todo[i]);
  return spread;
}

// The window's tasks whose runs an interrupted study stored: they are computed again (the
// aggregation needs their series) but not stored again.
std::vector<bool> stored_tasks(const io::Store& store, const Window& window, std::size_t count,
                               std::size_t replicates) {
  std::vector<std::size_t> slot_of(count);
  for (std::size_t s = 0; s < window.todo().size(); ++s)
    slot_of[static_cast<std::size_t>(window.todo()[s])] = s;
  std::vector<bool> skip(window.tasks(), false);
  for (const auto& [c, r] : store.finished_runs(window.todo()))
    skip[slot_of[static_cast<std::size_t>(c)] * replicates + static_cast<std::size_t>(r)] = true;
  return skip;
}

}  // namespace

StudyOutcome run_study(const StudyPlan& plan, io::Store& store, const StudyOptions& options) {
  const io::StudyDescription& study = plan.description;
  const engine::Cluster alone;
  const engine::Cluster& cluster = options.cluster != nullptr ? *options.cluster : alone;
  StudyOutcome outcome;
  const std::size_t count = plan.size();
  const std::vector<bool> aggregated = store.aggregated_configurations(count);
  outcome.already_stored = store.run_count();
  const auto replicates = static_cast<std::size_t>(study.replicates);
  const std::size_t cells = static_cast<std::size_t>(study.calendar.months()) * kMetricCount;
  const std::size_t measures = analysis::run_measure_info().size();
  if (count == 0) {
    cluster.broadcast(std::vector<int>{});
    store.finish();
    return outcome;
  }
  const std::size_t workers = cluster.workers(options.threads);
  const std::size_t width =
      window_width(study, count, workers, workers / static_cast<std::size_t>(cluster.size()),
                   options.memory_budget);
  const std::size_t series_capacity = study.keep_series ? width : std::min(width, 2 * workers);
  const std::size_t windows = (count + width - 1) / width;
  const std::size_t total = count * replicates;
  std::size_t stored = outcome.already_stored;
  WindowStorage storage(width, series_capacity, replicates, measures, cells);
  std::vector<std::size_t> runs;
  std::vector<std::size_t> ready;

  for (std::size_t w = 0; w < windows; ++w) {
    std::vector<int> spread = window_configurations(aggregated, w, windows);
    if (spread.empty()) continue;
    outcome.windows += 1;
    cluster.broadcast(spread);
    const Window window(plan, std::move(spread));
    const std::vector<bool> skip = stored_tasks(store, window, count, replicates);
    WindowProgress progress(window.todo().size(), replicates, cells);
    if (!study.keep_series)
      storage.first_with_series = engine::whole_groups(window.todo().size(), workers);
    // The calling thread is the store's only writer: each tick it commits, in one transaction,
    // the runs delivered and the configurations aggregated since the last one.
    const auto write = [&] {
      progress.take(runs, ready);
      // In key order (configuration, replicate), which SQLite's B-trees take fastest; a
      // configuration's tasks are its replicates in order.
      std::sort(runs.begin(), runs.end(), [&window](std::size_t a, std::size_t b) {
        const int ca = window.configuration(a);
        const int cb = window.configuration(b);
        return ca != cb ? ca < cb : a < b;
      });
      std::sort(ready.begin(), ready.end(), [&window](std::size_t a, std::size_t b) {
        return window.todo()[a] < window.todo()[b];
      });
      if (!runs.empty() || !ready.empty()) {
        store.begin();
        for (const std::size_t t : runs) {
          if (skip[t]) continue;
          const int configuration = window.configuration(t);
          store.insert_run(configuration, window.replicate(t),
                           run_seed(study, static_cast<std::size_t>(configuration)),
                           storage.run_measures(t));
          if (study.keep_series) {
            store.insert_run_series(window.configuration(t), window.replicate(t),
                                    storage.run_series(t));
          }
          ++stored;
          ++outcome.stored;
        }
        for (const std::size_t s : ready)
          store.insert_series(window.todo()[s], storage.band(s));
        store.commit();
      }
      if (options.progress) options.progress(stored, total);
    };
    engine::Round round = window.round();
    round.slot = [&storage](std::size_t t) { return storage.slot(t); };
    round.delivered = [&progress](std::size_t t) { progress.delivered(t); };
    round.group_slot = [&storage](std::size_t s) { return storage.group(s); };
    round.group_delivered = [&progress](std::size_t s) { progress.group_delivered(s); };
    round.reduce_delivered = [&progress, &storage] {
      return progress.aggregate_one_chunk(storage);
    };
    round.tick = write;
    round.tick_ms = 100;
    cluster.coordinate(round, options.threads);
  }
  cluster.broadcast(std::vector<int>{});  // no more windows
  // The rows reached the store in an order, and in transactions, that depend on the threads,
  // the ranks, the windows and the timing, and so do its pages. Writing them in key order as
  // they came would hold a window's finished runs back until those before them in key order
  // are in (a kill would lose more), and still depend on the windows (the memory budget and
  // the workers decide them) and on how many commits wrote the file's header; a rewrite of
  // the finished store depends on its contents alone, even after an interruption, for a copy
  // of the store (bench/README.md has its cost).
  store.finish();
  return outcome;
}

void serve_study(const StudyPlan& plan, const engine::Cluster& cluster, unsigned threads) {
  while (true) {
    std::vector<int> todo = cluster.broadcast(std::vector<int>{});
    if (todo.empty()) return;
    const Window window(plan, std::move(todo));
    cluster.serve(window.round(), threads);
  }
}

}  // namespace samspel::study
