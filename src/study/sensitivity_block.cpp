#include "sensitivity_block.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

#include "samspel/analysis/run_measures.hpp"
#include "samspel/io/dictionary.hpp"

namespace samspel::study {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double combine(const std::vector<double>& v) {
  switch (v.size()) {
    case 1:
      return v[0];
    case 2:
      return v[1] - v[0];
    default:
      return (v[3] - v[2]) - (v[1] - v[0]);
  }
}

// The mean over the replicates that have a value and their variance; undefined (NaN) with fewer
// than two, whose noise cannot be told.
io::PointOutput summarise_replicates(const std::vector<double>& values) {
  double sum = 0;
  int n = 0;
  for (const double x : values) {
    if (std::isfinite(x)) {
      sum += x;
      ++n;
    }
  }
  if (n < 2) return {kNaN, kNaN, n};
  const double mean = sum / n;
  double squares = 0;
  for (const double x : values) {
    if (std::isfinite(x)) squares += (x - mean) * (x - mean);
  }
  return {mean, squares / (n - 1), n};
}

}  // namespace

BlockRuns::BlockRuns(const SensitivityPlan& plan, const std::vector<io::Factor>& factors,
                     Points& points, std::size_t first, std::size_t count,
                     const SensitivityOptions& options)
    : plan_(plan),
      calendar_(plan.base.calendar()),
      seed_(options.seed),
      replicates_(static_cast<std::size_t>(options.replicates)),
      first_(first),
      count_(count) {
  for (std::size_t p = first; p < first + count; ++p) {
    io::Scenario s = plan.base;
    for (std::size_t f = 0; f < factors.size(); ++f) {
      const io::ParameterSpec* spec = io::find_parameter(factors[f].key);
      const double unit = p == 0 ? kNaN : points.unit(p, static_cast<int>(f));
      if (p > 0) spec->set(s.parameters, factors[f].at(unit));
      unit_.push_back(unit);
      design_.push_back(spec->get(s.parameters));
    }
    for (const auto& assignments : plan.configurations) {
      const io::Scenario c = io::configure(s, assignments);
      descriptions_.push_back(model::describe(c.parameters, c.scripted_events()));
    }
  }
}

// A worker keeps one run's series and measures and reuses them for every run.
engine::Worker BlockRuns::make_worker() const {
  const auto months = static_cast<std::size_t>(calendar_.months());
  return [this, months, series = std::vector<double>(months * model::kMetricCount),
          measures = std::vector<double>(analysis::run_measure_info().size())](
             std::size_t task, engine::TaskResult out) mutable {
    // Cleared like fresh buffers, so that a run's result never depends on the run before it.
    std::fill(series.begin(), series.end(), 0.0);
    std::fill(measures.begin(), measures.end(), 0.0);
    model::Model m(descriptions_[task / replicates_], calendar_, seed_,
                   static_cast<std::uint64_t>(task % replicates_));
    const model::RunSummary summary = m.run(series);
    analysis::run_measures(summary, series, static_cast<int>(months), measures);
    for (std::size_t o = 0; o < plan_.outputs.size(); ++o) {
      const auto& w = plan_.outputs[o].measure;
      out.measures[o] = w.windowed()
                            ? analysis::window_mean(series, w.index, w.from_year, w.to_year)
                            : measures[w.index];
    }
  };
}

engine::Round BlockRuns::round() const {
  engine::Round r;
  r.tasks = runs();
  r.measure_count = plan_.outputs.size();
  r.series_length = 0;  // a run's outputs are all its point needs
  r.make_worker = [this] { return make_worker(); };
  r.group_size = plan_.configurations.size() * replicates_;
  // A point's runs are summarised on rank 0, in doubles, from their outputs: nothing is reduced
  // where they ran.
  r.summary_length = 0;
  r.reduce = [](std::size_t, std::span<const double>, std::span<const float>, std::span<float>) {};
  r.keep_task_series = false;
  return r;
}

io::SensitivityBlock BlockRuns::run(const engine::Cluster& cluster, unsigned threads,
                                    const std::function<void(std::size_t)>& progress) const {
  const std::size_t outputs = plan_.outputs.size();
  const std::size_t point_values = plan_.configurations.size() * replicates_ * outputs;
  // Every run's outputs, run after run, written in place by the thread that computes or
  // receives them.
  std::vector<double> values(runs() * outputs);
  std::atomic<std::size_t> delivered{0};
  engine::Round round = this->round();
  round.slot = [&values, outputs](std::size_t t) {
    return engine::TaskResult{std::span<double>(&values[t * outputs], outputs), {}};
  };
  round.delivered = [&delivered](std::size_t) {
    delivered.fetch_add(1, std::memory_order_relaxed);
  };
  round.group_slot = [&values, point_values](std::size_t g) {
    return engine::GroupResult{std::span<double>(&values[g * point_values], point_values), {}, {}};
  };
  round.group_delivered = [&delivered, point_runs = round.group_size](std::size_t) {
    delivered.fetch_add(point_runs, std::memory_order_relaxed);
  };
  round.tick = [&delivered, &progress] {
    if (progress) progress(delivered.load(std::memory_order_relaxed));
  };
  cluster.coordinate(round, threads);
  return summarise(values);
}

void BlockRuns::serve(const engine::Cluster& cluster, unsigned threads) const {
  cluster.serve(round(), threads);
}

io::SensitivityBlock BlockRuns::summarise(std::span<const double> values) const {
  const std::size_t outputs = plan_.outputs.size();
  const std::size_t configurations = plan_.configurations.size();
  io::SensitivityBlock block;
  block.first = first_;
  block.count = count_;
  block.unit = unit_;
  block.design = design_;
  std::vector<double> per_replicate(replicates_);
  std::vector<double> v;
  for (std::size_t i = 0; i < count_; ++i) {
    for (std::size_t o = 0; o < outputs; ++o) {
      for (std::size_t r = 0; r < replicates_; ++r) {
        v.clear();
        for (const std::size_t c : plan_.outputs[o].configurations) {
          const std::size_t run = (i * configurations + c) * replicates_ + r;
          v.push_back(values[run * outputs + o]);
        }
        per_replicate[r] = combine(v);
      }
      block.values.push_back(summarise_replicates(per_replicate));
    }
  }
  return block;
}

}  // namespace samspel::study
