#include "samspel/study/sensitivity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "samspel/analysis/run_measures.hpp"
#include "samspel/engine/sign_flips.hpp"
#include "samspel/io/dictionary.hpp"
#include "samspel/io/sensitivity_store.hpp"
#include "sensitivity_block.hpp"
#include "sensitivity_points.hpp"

namespace samspel::study {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Points are run in blocks, so that memory holds one block's replicates, not the design's.
constexpr std::size_t kBlockPoints = 64;

// Where the points' outputs go: the results store, or memory when there is none.
class PointSink {
 public:
  PointSink(const SensitivityOptions& options, const io::SensitivityStudy& study)
      : outputs_(study.outputs.size()), blocks_(study.blocks()) {
    if (options.store.empty()) return;
    // Made only now, once the analysis is known to be sound: bad input leaves nothing behind.
    if (options.store.has_parent_path()) {
      std::error_code error;
      std::filesystem::create_directories(options.store.parent_path(), error);
      if (error) {
        throw io::ScenarioError(fmt::format(
            "--store {}: cannot create its folder: {}; allowed: a file in a folder that can be "
            "created and written",
            options.store.string(), error.message()));
      }
    }
    store_ = std::make_unique<io::SensitivityStore>(options.store, study);
  }

  std::vector<bool> completed_blocks() const {
    return store_ ? store_->completed_blocks() : std::vector<bool>(blocks_, false);
  }

  void write(io::SensitivityBlock block) {
    if (store_) {
      store_->write_block(block);
    } else {
      memory_.push_back(std::move(block.values));
    }
  }

  std::vector<io::PointOutput> read(std::size_t output) const {
    if (store_) return store_->read_output(output);
    std::vector<io::PointOutput> out;
    for (const auto& values : memory_) {
      for (std::size_t i = output; i < values.size(); i += outputs_)
        out.push_back(values[i]);
    }
    return out;
  }

  void finish(const io::SensitivityResult& result) {
    if (store_) {
      store_->write_indices(result);
      store_->finish();
    }
  }

 private:
  std::size_t outputs_;
  std::size_t blocks_;
  std::unique_ptr<io::SensitivityStore> store_;
  std::vector<std::vector<io::PointOutput>> memory_;  // per block, as the store would hold it
};

// The base value, the noise share and the sign changes of one output over its points (the base
// point first); the design points without a value are counted, and leave the noise share
// undefined.
void describe_output(io::SensitivityOutput& out, const std::vector<io::PointOutput>& values) {
  out.base_value = values[0].mean;
  double sum = 0;
  double noise = 0;
  int n = 0;
  for (std::size_t p = 1; p < values.size(); ++p) {
    if (std::isnan(values[p].mean)) {
      ++out.undefined_points;
      continue;
    }
    sum += values[p].mean;
    noise += values[p].noise();
    ++n;
    if (out.base_value * values[p].mean < 0) ++out.opposite_sign;
  }
  if (out.undefined_points > 0 || n < 2) {
    out.noise_share = kNaN;
    return;
  }
  const double mean = sum / n;
  double spread = 0;
  for (std::size_t p = 1; p < values.size(); ++p)
    spread += (values[p].mean - mean) * (values[p].mean - mean);
  spread /= n - 1;
  out.noise_share = spread > 0 ? noise / n / spread : (noise > 0 ? kNaN : 0.0);
}

std::string outputs_json(const SensitivityPlan& plan) {
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (const auto& o : plan.outputs) {
    j.push_back({{"name", o.name},
                 {"configurations", o.configurations},
                 {"measure", o.measure.name},
                 {"from_year", o.measure.from_year},
                 {"to_year", o.measure.to_year}});
  }
  return j.dump();
}

io::SensitivityStudy describe_study(const SensitivityPlan& plan,
                                    const std::vector<io::Factor>& factors,
                                    const SensitivityOptions& options, std::size_t design_points) {
  io::SensitivityStudy study;
  study.method = options.method;
  study.points = options.points;
  study.levels = options.method == io::Method::morris ? options.levels : 0;
  study.replicates = options.replicates;
  study.resamples = options.resamples;
  study.seed = options.seed;
  study.calendar = plan.base.calendar();
  nlohmann::ordered_json base = nlohmann::ordered_json::parse(parameters_json(plan.base));
  nlohmann::ordered_json configurations = nlohmann::ordered_json::array();
  for (const auto& c : plan.configurations)
    configurations.push_back(c);
  base["configurations"] = configurations;
  study.base_parameters_json = base.dump();
  study.factors = factors;
  for (const auto& o : plan.outputs)
    study.outputs.push_back(o.name);
  study.outputs_json = outputs_json(plan);
  study.design_points = design_points;
  study.block_points = kBlockPoints;
  study.scenario = options.scenario;
  study.samspel_version = options.provenance.samspel_version;
  study.git_revision = options.provenance.git_revision;
  study.command_line = options.provenance.command_line;
  return study;
}

// Block b's points: [first, first + count) of the `all` points.
std::pair<std::size_t, std::size_t> block_points(std::size_t b, std::size_t all) {
  const std::size_t first = b * kBlockPoints;
  return {first, std::min(all, first + kBlockPoints) - first};
}

// Rank 0: the sink, every rank being told whether it could be opened (a store of another
// analysis, or one that another process writes, stops every rank before anything runs).
PointSink open_sink(const SensitivityOptions& options, const io::SensitivityStudy& study,
                    const engine::Cluster& cluster) {
  try {
    PointSink sink(options, study);
    cluster.broadcast(1);
    return sink;
  } catch (...) {
    cluster.broadcast(0);
    throw;
  }
}

// Ranks > 0: computes their share of every block rank 0 runs, until it says there are no more.
void serve_blocks(const SensitivityPlan& plan, const std::vector<io::Factor>& factors,
                  Points& points, const SensitivityOptions& options,
                  const engine::Cluster& cluster) {
  if (cluster.broadcast(0) == 0) throw io::ScenarioError("rank 0 could not open the store");
  const std::size_t all = points.design_points() + 1;
  while (true) {
    const std::vector<int> next = cluster.broadcast(std::vector<int>{});
    if (next.empty()) return;
    const auto [first, count] = block_points(static_cast<std::size_t>(next[0]), all);
    BlockRuns(plan, factors, points, first, count, options).serve(cluster, options.threads);
  }
}

io::SensitivityResult analyse(const SensitivityPlan& plan, const std::vector<io::Factor>& factors,
                              const SensitivityOptions& options) {
  if (factors.empty()) throw io::ScenarioError("no parameter to vary; allowed: --param key=lo:hi");
  const int k = static_cast<int>(factors.size());
  Points points(options, k);
  const engine::Cluster alone;
  const engine::Cluster& cluster = options.cluster != nullptr ? *options.cluster : alone;
  if (!cluster.coordinator()) {
    serve_blocks(plan, factors, points, options, cluster);
    return {};
  }
  const std::size_t design_points = points.design_points();
  const io::SensitivityStudy study = describe_study(plan, factors, options, design_points);
  PointSink sink = open_sink(options, study, cluster);
  io::SensitivityResult result;
  result.method = options.method;
  result.factors = factors;
  result.design_points = design_points;
  const std::size_t all = design_points + 1;
  const std::size_t runs_per_point =
      plan.configurations.size() * static_cast<std::size_t>(options.replicates);
  result.runs = all * runs_per_point;
  const std::vector<bool> done = sink.completed_blocks();
  std::size_t done_runs = 0;
  for (std::size_t b = 0; b < done.size(); ++b) {
    const auto [first, count] = block_points(b, all);
    if (done[b]) {
      result.resumed_runs += count * runs_per_point;
      done_runs += count * runs_per_point;
      continue;
    }
    const auto progress = options.progress
                              ? [&](std::size_t d) { options.progress(done_runs + d, result.runs); }
                              : std::function<void(std::size_t)>{};
    cluster.broadcast(std::vector<int>{static_cast<int>(b)});
    const BlockRuns runs(plan, factors, points, first, count, options);
    io::SensitivityBlock block = runs.run(cluster, options.threads, progress);
    block.index = b;
    sink.write(std::move(block));
    done_runs += count * runs_per_point;
  }
  cluster.broadcast(std::vector<int>{});  // no more blocks
  // The indices come from the points as stored, whether computed now or before an
  // interruption: a resumed analysis ends where an uninterrupted one does.
  for (std::size_t o = 0; o < plan.outputs.size(); ++o) {
    io::SensitivityOutput out;
    out.name = plan.outputs[o].name;
    const std::vector<io::PointOutput> values = sink.read(o);
    describe_output(out, values);
    std::vector<double> at_points;
    for (std::size_t p = 1; p < values.size(); ++p)
      at_points.push_back(values[p].mean);
    // A Morris trajectory's k + 1 points, a Saltelli base sample's k + 2, share coordinates.
    const std::size_t points_a_cluster =
        static_cast<std::size_t>(k) + (options.method == io::Method::morris ? 1 : 2);
    out.reversals = engine::sign_flips(
        k, at_points, out.base_value,
        [&points](std::size_t p, int f) { return points.unit(p + 1, f); }, points_a_cluster);
    if (out.undefined_points > 0) {
      out.morris.assign(options.method == io::Method::morris ? factors.size() : 0,
                        engine::MorrisIndex{kNaN, kNaN, kNaN, kNaN, kNaN});
      out.sobol.assign(options.method == io::Method::sobol ? factors.size() : 0,
                       engine::SobolIndex{kNaN, kNaN, {kNaN, kNaN}, {kNaN, kNaN}});
    } else {
      std::vector<double> means;
      for (std::size_t p = 1; p < values.size(); ++p)
        means.push_back(values[p].mean);
      if (options.method == io::Method::morris) {
        out.morris =
            engine::morris_indices(points.morris(), means, options.resamples, options.seed);
      } else {
        out.sobol = engine::sobol_indices(k, means, options.resamples, options.seed);
      }
    }
    result.outputs.push_back(std::move(out));
  }
  sink.finish(result);
  return result;
}

io::ValidationMeasure run_measure(const std::string& name) {
  const auto& info = analysis::run_measure_info();
  for (std::size_t i = 0; i < info.size(); ++i) {
    if (info[i].name == name) {
      io::ValidationMeasure m;
      m.name = name;
      m.index = i;
      return m;
    }
  }
  throw io::ScenarioError(fmt::format(
      "--measure {}: not a run measure; allowed: a column of replicates.csv (docs/outputs.md)",
      name));
}

}  // namespace

std::vector<io::Factor> default_factors(const io::Scenario& base, double spread,
                                        const std::vector<std::string>& fixed) {
  std::vector<io::Factor> out;
  for (const auto& spec : io::parameter_specs()) {
    if (spec.kind != io::Kind::Real) continue;
    if (std::find(fixed.begin(), fixed.end(), spec.key) != fixed.end()) continue;
    const double value = spec.get(base.parameters);
    if (!std::isfinite(value) || value == 0) continue;
    const double a = std::clamp(value * (1 - spread), spec.low, spec.high);
    const double b = std::clamp(value * (1 + spread), spec.low, spec.high);
    if (std::min(a, b) < std::max(a, b))
      out.push_back({std::string(spec.key), std::min(a, b), std::max(a, b), false});
  }
  return out;
}

std::vector<io::Factor> pattern_factors(const io::ValidationSpec& spec, double spread) {
  std::vector<std::string> fixed = spec.held;
  for (const auto& c : spec.comparisons) {
    for (const auto& side : c.configurations()) {
      for (const auto& a : side)
        fixed.push_back(a.substr(0, a.find('=')));
    }
  }
  return default_factors(spec.scenario, spread, fixed);
}

io::SensitivityResult analyse_scenario(const io::Scenario& base,
                                       const std::vector<io::Factor>& factors,
                                       const std::vector<std::string>& measures,
                                       const SensitivityOptions& options) {
  SensitivityPlan plan;
  plan.base = base;
  plan.configurations = {{}};
  for (const auto& name : measures)
    plan.outputs.push_back({name, {0}, run_measure(name)});
  return analyse(plan, factors, options);
}

io::SensitivityResult analyse_pattern(const io::ValidationSpec& spec,
                                      const std::vector<io::Factor>& factors,
                                      const SensitivityOptions& options) {
  SensitivityPlan plan;
  plan.base = spec.scenario;
  for (const auto& comparison : spec.comparisons) {
    std::vector<std::size_t> configurations;
    for (const auto& assignments : comparison.configurations()) {
      configurations.push_back(plan.configurations.size());
      plan.configurations.push_back(assignments);
    }
    for (const auto& m : comparison.measures) {
      plan.outputs.push_back({fmt::format("{}: {}: {}", spec.pattern, comparison.label, m.label()),
                              configurations, m});
    }
  }
  return analyse(plan, factors, options);
}

}  // namespace samspel::study
