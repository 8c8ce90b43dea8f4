#include "samspel/study/sensitivity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "samspel/engine/parallel.hpp"
#include "samspel/io/dictionary.hpp"
#include "samspel/io/run_measures.hpp"
#include "samspel/model/model.hpp"

namespace samspel::study {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Points are run in blocks, so that memory holds one block's replicates, not the design's.
constexpr std::size_t kBlockPoints = 64;

// What is run at every point: configurations of the scenario, and outputs computed from them.
struct Plan {
  io::Scenario base;
  std::vector<std::vector<std::string>> configurations;
  struct Out {
    std::string name;
    std::vector<std::size_t>
        configurations;  // 1: a level; 2: a pair; 4: a difference in differences
    io::ValidationMeasure measure;
  };
  std::vector<Out> outputs;
};

// A point's value of each output: the mean over replicates and the variance of that mean.
struct PointValue {
  double mean = kNaN;
  double noise = kNaN;
};

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

PointValue summarise(const std::vector<double>& values) {
  double sum = 0;
  int n = 0;
  for (const double x : values) {
    if (std::isfinite(x)) {
      sum += x;
      ++n;
    }
  }
  if (n < 2) return {};
  const double mean = sum / n;
  double squares = 0;
  for (const double x : values) {
    if (std::isfinite(x)) squares += (x - mean) * (x - mean);
  }
  return {mean, squares / (n - 1) / n};
}

io::Scenario at_point(const io::Scenario& base, const std::vector<io::Factor>& factors,
                      const engine::UnitDesign& design, std::size_t point) {
  io::Scenario s = base;
  for (std::size_t f = 0; f < factors.size(); ++f) {
    io::find_parameter(factors[f].key)
        ->set(s.parameters, factors[f].at(design.at(point, static_cast<int>(f))));
  }
  return s;
}

// values[output][point] for the points of `design`, preceded by the base scenario itself
// (index 0).
std::vector<std::vector<PointValue>> evaluate(const Plan& plan,
                                              const std::vector<io::Factor>& factors,
                                              const engine::UnitDesign& design,
                                              const SensitivityOptions& options,
                                              std::size_t& runs) {
  const engine::Calendar calendar = plan.base.calendar();
  const int months = calendar.months();
  const std::size_t points = design.size() + 1;
  const std::size_t configurations = plan.configurations.size();
  const auto replicates = static_cast<std::size_t>(options.replicates);
  std::vector<std::vector<PointValue>> out(plan.outputs.size(), std::vector<PointValue>(points));
  const std::size_t total = points * configurations * replicates;
  std::size_t done_before = 0;
  for (std::size_t first = 0; first < points; first += kBlockPoints) {
    const std::size_t last = std::min(points, first + kBlockPoints);
    std::vector<model::Description> descriptions;
    for (std::size_t p = first; p < last; ++p) {
      const io::Scenario s = p == 0 ? plan.base : at_point(plan.base, factors, design, p - 1);
      for (const auto& assignments : plan.configurations) {
        const io::Scenario c = io::configure(s, assignments);
        descriptions.push_back(model::describe(c.parameters, c.scripted_events()));
      }
    }
    const std::size_t tasks = descriptions.size() * replicates;
    // measure[task][output]: the output's measure in the task's configuration.
    std::vector<std::vector<double>> measure(tasks);
    const std::size_t all_measures = io::run_measure_info().size();
    engine::parallel_for(
        tasks, options.threads,
        [&](std::size_t task) {
          const std::size_t job = task / replicates;
          const auto replicate = static_cast<std::uint64_t>(task % replicates);
          std::vector<double> series(static_cast<std::size_t>(months) * model::kMetricCount);
          model::Model m(descriptions[job], calendar, options.seed, replicate);
          const model::RunSummary summary = m.run(series);
          std::vector<double> measures(all_measures);
          io::run_measures(summary, series, months, measures);
          std::vector<double> values(plan.outputs.size());
          for (std::size_t o = 0; o < values.size(); ++o) {
            const auto& w = plan.outputs[o].measure;
            values[o] = w.windowed() ? io::window_mean(series, w.index, w.from_year, w.to_year)
                                     : measures[w.index];
          }
          measure[task] = std::move(values);
        },
        options.progress ? [&](std::size_t done) { options.progress(done_before + done, total); }
                         : std::function<void(std::size_t)>{});
    done_before += tasks;
    for (std::size_t p = first; p < last; ++p) {
      for (std::size_t o = 0; o < plan.outputs.size(); ++o) {
        const auto& output = plan.outputs[o];
        std::vector<double> per_replicate(replicates);
        for (std::size_t r = 0; r < replicates; ++r) {
          std::vector<double> v;
          for (const std::size_t c : output.configurations) {
            const std::size_t job = (p - first) * configurations + c;
            v.push_back(measure[job * replicates + r][o]);
          }
          per_replicate[r] = combine(v);
        }
        out[o][p] = summarise(per_replicate);
      }
    }
  }
  runs = total;
  return out;
}

void describe_output(io::SensitivityOutput& out, const std::vector<PointValue>& values) {
  out.base_value = values[0].mean;
  double sum = 0;
  double noise = 0;
  int n = 0;
  for (std::size_t p = 1; p < values.size(); ++p) {
    sum += values[p].mean;
    noise += values[p].noise;
    ++n;
    if (out.base_value * values[p].mean < 0) ++out.opposite_sign;
  }
  const double mean = sum / n;
  double spread = 0;
  for (std::size_t p = 1; p < values.size(); ++p)
    spread += (values[p].mean - mean) * (values[p].mean - mean);
  spread /= n - 1;
  out.noise_share = spread > 0 ? noise / n / spread : (noise > 0 ? kNaN : 0.0);
}

io::SensitivityResult analyse(const Plan& plan, const std::vector<io::Factor>& factors,
                              const SensitivityOptions& options) {
  if (factors.empty()) throw io::ScenarioError("no parameter to vary; allowed: --param key=lo:hi");
  const int k = static_cast<int>(factors.size());
  io::SensitivityResult result;
  result.method = options.method;
  result.factors = factors;
  const engine::MorrisDesign morris =
      options.method == io::Method::morris
          ? engine::morris_design(k, options.points, options.levels, options.seed)
          : engine::MorrisDesign{};
  const engine::UnitDesign design = options.method == io::Method::morris
                                        ? morris.points
                                        : engine::saltelli_design(k, options.points);
  result.design_points = design.size();
  const auto values = evaluate(plan, factors, design, options, result.runs);
  for (std::size_t o = 0; o < plan.outputs.size(); ++o) {
    io::SensitivityOutput out;
    out.name = plan.outputs[o].name;
    describe_output(out, values[o]);
    std::vector<double> means;
    for (std::size_t p = 1; p < values[o].size(); ++p)
      means.push_back(std::isfinite(values[o][p].mean) ? values[o][p].mean : 0.0);
    if (options.method == io::Method::morris) {
      out.morris = engine::morris_indices(morris, means, options.resamples, options.seed);
    } else {
      out.sobol = engine::sobol_indices(k, means, options.resamples, options.seed);
    }
    result.outputs.push_back(std::move(out));
  }
  return result;
}

io::ValidationMeasure run_measure(const std::string& name) {
  const auto& info = io::run_measure_info();
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
  Plan plan;
  plan.base = base;
  plan.configurations = {{}};
  for (const auto& name : measures)
    plan.outputs.push_back({name, {0}, run_measure(name)});
  return analyse(plan, factors, options);
}

io::SensitivityResult analyse_pattern(const io::ValidationSpec& spec,
                                      const std::vector<io::Factor>& factors,
                                      const SensitivityOptions& options) {
  Plan plan;
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
