#include "samspel/study/validate.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "samspel/analysis/run_measures.hpp"
#include "samspel/engine/parallel.hpp"
#include "samspel/engine/random.hpp"
#include "samspel/io/dictionary.hpp"
#include "samspel/model/model.hpp"

namespace samspel::study {

namespace {

using io::Expectation;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The level of one configuration with its 95% CI, as a PairedDifference against nothing.
engine::PairedDifference level(const std::vector<double>& values) {
  std::vector<double> finite;
  for (const double v : values) {
    if (std::isfinite(v)) finite.push_back(v);
  }
  engine::PairedDifference d;
  d.n = static_cast<int>(finite.size());
  if (d.n < 2) {
    d.mean = d.n == 1 ? finite.front() : kNaN;
    d.standard_error = d.low = d.high = kNaN;
    return d;
  }
  const engine::Summary s = engine::summarize(finite);
  d.mean = s.mean;
  d.standard_error = s.standard_error;
  const double half = engine::t_quantile_975(d.n - 1) * s.standard_error;
  d.low = s.mean - half;
  d.high = s.mean + half;
  return d;
}

std::vector<double> gaps(const std::vector<double>& reference,
                         const std::vector<double>& treatment) {
  std::vector<double> out(reference.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = treatment[i] - reference[i];
  return out;
}

// One model description to run `replicates` times: configuration `configuration` of
// comparison `comparison` at robustness point `point` (0 = the file's parameters).
struct Job {
  int point;
  std::size_t comparison;
  std::size_t configuration;
  int replicates;
  std::size_t first_task;
  model::Description description;
};

}  // namespace

io::Scenario perturb(const io::Scenario& base, std::uint64_t seed, int point, double spread) {
  io::Scenario s = base;
  engine::Rng rng(engine::stream_seed(seed, static_cast<std::uint64_t>(point), kRobustStream));
  for (const auto& spec : io::parameter_specs()) {
    if (spec.kind != io::Kind::Real) continue;
    // One draw per real parameter whether or not it is used, so that a point's factors do not
    // depend on which values are derived.
    const double factor = 1.0 - spread + 2.0 * spread * rng.uniform();
    const double value = spec.get(s.parameters);
    if (!std::isfinite(value)) continue;  // derived (e.g. capacity from population)
    spec.set(s.parameters, std::clamp(value * factor, spec.low, spec.high));
  }
  return s;
}

io::Scenario hold(io::Scenario point, const io::Scenario& base,
                  const std::vector<std::string>& keys) {
  for (const auto& key : keys) {
    const io::ParameterSpec* spec = io::find_parameter(key);
    spec->set(point.parameters, spec->get(base.parameters));
  }
  return point;
}

bool no_variance(const std::vector<std::vector<double>>& values) {
  // The same arithmetic on the same inputs gives the same bits, so a value that follows from
  // the lever alone is usually equal to the bit across replicates. The tolerance covers a value
  // summed along replicate-dependent paths (e.g. a mean over a random number of equal terms),
  // whose rounding is a few 1e-16 per operation; variation made by the simulated dynamics is
  // orders of magnitude larger. Relative, so the scale of the measure does not matter.
  constexpr double kRelativeTolerance = 1e-12;
  if (values.empty()) return false;
  for (const auto& configuration : values) {
    int n = 0;
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (const double x : configuration) {
      if (!std::isfinite(x)) continue;
      ++n;
      low = std::min(low, x);
      high = std::max(high, x);
    }
    if (n < 2) return false;
    if (high - low > kRelativeTolerance * std::max(std::abs(low), std::abs(high))) return false;
  }
  return true;
}

Verdict judge(const io::ValidationMeasure& m, bool difference_in_differences,
              const std::vector<std::vector<double>>& values) {
  Verdict v;
  v.no_variance = no_variance(values);
  v.by_construction = v.no_variance || m.by_construction;
  if (m.expect == Expectation::positive) {
    v.holds = true;
    bool first = true;
    for (const auto& configuration : values) {
      const engine::PairedDifference l = level(configuration);
      v.holds = v.holds && l.n >= 2 && l.low > 0;
      if (first || !(l.mean >= v.effect.mean)) v.effect = l;
      first = false;
    }
    return v;
  }
  v.effect = difference_in_differences
                 ? engine::paired_difference(gaps(values[0], values[1]), gaps(values[2], values[3]))
                 : engine::paired_difference(values[0], values[1]);
  const auto& e = v.effect;
  switch (m.expect) {
    case Expectation::increase:
      v.holds = e.n >= 2 && e.low > 0 && e.mean >= m.min_effect;
      break;
    case Expectation::decrease:
      v.holds = e.n >= 2 && e.high < 0 && e.mean <= -m.min_effect;
      break;
    case Expectation::equal:
      v.holds = e.n >= 2 && e.low >= -m.margin && e.high <= m.margin;
      break;
    case Expectation::no_less:
      v.holds = e.n >= 2 && e.low >= -m.margin;
      break;
    case Expectation::no_more:
      v.holds = e.n >= 2 && e.high <= m.margin;
      break;
    case Expectation::positive:
      break;
  }
  return v;
}

io::PatternOutcome validate_pattern(const io::ValidationSpec& spec, const std::string& file,
                                    const ValidateOptions& options) {
  io::Scenario base = spec.scenario;
  base.run.seed = options.seed;
  const engine::Calendar calendar = base.calendar();
  const int months = calendar.months();

  std::vector<Job> jobs;
  std::size_t tasks = 0;
  for (int point = 0; point <= options.robust_points; ++point) {
    const io::Scenario at =
        point == 0
            ? base
            : hold(perturb(base, options.seed, point - 1, options.robust_spread), base, spec.held);
    const int replicates = point == 0 ? options.replicates : options.robust_replicates;
    for (std::size_t c = 0; c < spec.comparisons.size(); ++c) {
      const auto configurations = spec.comparisons[c].configurations();
      for (std::size_t k = 0; k < configurations.size(); ++k) {
        const io::Scenario s = io::configure(at, configurations[k]);
        jobs.push_back(
            {point, c, k, replicates, tasks, model::describe(s.parameters, s.scripted_events())});
        tasks += static_cast<std::size_t>(replicates);
      }
    }
  }
  // values[task][measure of the job's comparison]
  std::vector<std::vector<double>> values(tasks);
  const std::size_t all_measures = analysis::run_measure_info().size();
  const auto job_of = [&](std::size_t task) {
    const auto it = std::upper_bound(jobs.begin(), jobs.end(), task,
                                     [](std::size_t t, const Job& j) { return t < j.first_task; });
    return static_cast<std::size_t>(std::distance(jobs.begin(), it) - 1);
  };
  engine::parallel_for(
      tasks, options.threads,
      [&](std::size_t task) {
        const Job& job = jobs[job_of(task)];
        const auto replicate = static_cast<std::uint64_t>(task - job.first_task);
        std::vector<double> series(static_cast<std::size_t>(months) * model::kMetricCount);
        model::Model m(job.description, calendar, options.seed, replicate);
        const model::RunSummary summary = m.run(series);
        std::vector<double> measures(all_measures);
        analysis::run_measures(summary, series, months, measures);
        const auto& wanted = spec.comparisons[job.comparison].measures;
        std::vector<double> out(wanted.size());
        for (std::size_t w = 0; w < wanted.size(); ++w) {
          out[w] = wanted[w].windowed()
                       ? analysis::window_mean(series, wanted[w].index, wanted[w].from_year,
                                               wanted[w].to_year)
                       : measures[wanted[w].index];
        }
        values[task] = std::move(out);
      },
      options.progress ? [&](std::size_t done) { options.progress(done, tasks); }
                       : std::function<void(std::size_t)>{});

  // column(point, comparison, configuration, measure): the measure over that job's replicates.
  const auto column = [&](int point, std::size_t c, std::size_t k, std::size_t w) {
    for (const Job& job : jobs) {
      if (job.point == point && job.comparison == c && job.configuration == k) {
        std::vector<double> out(static_cast<std::size_t>(job.replicates));
        for (std::size_t i = 0; i < out.size(); ++i)
          out[i] = values[job.first_task + i][w];
        return out;
      }
    }
    return std::vector<double>{};
  };

  io::PatternOutcome outcome;
  outcome.pattern = spec.pattern;
  outcome.claim = spec.claim;
  outcome.file = file;
  outcome.seed = options.seed;
  outcome.replicates = options.replicates;
  outcome.robust_points = options.robust_points;
  outcome.robust_replicates = options.robust_replicates;
  outcome.held = spec.held;
  std::vector<bool> point_holds(static_cast<std::size_t>(options.robust_points) + 1, true);
  for (std::size_t c = 0; c < spec.comparisons.size(); ++c) {
    const auto& comparison = spec.comparisons[c];
    const std::size_t configurations = comparison.configurations().size();
    for (std::size_t w = 0; w < comparison.measures.size(); ++w) {
      io::MeasureOutcome mo;
      mo.comparison = comparison.label;
      mo.measure = comparison.measures[w];
      // At the robustness points without the minimum effect, which is stated for the file's
      // parameters (docs/VALIDATION.md); margins apply everywhere.
      io::ValidationMeasure at_points = mo.measure;
      at_points.min_effect = 0;
      for (int point = 0; point <= options.robust_points; ++point) {
        std::vector<std::vector<double>> v;
        for (std::size_t k = 0; k < configurations; ++k)
          v.push_back(column(point, c, k, w));
        const Verdict verdict =
            judge(point == 0 ? mo.measure : at_points, comparison.difference_in_differences(), v);
        point_holds[static_cast<std::size_t>(point)] =
            point_holds[static_cast<std::size_t>(point)] && verdict.holds;
        if (point == 0) {
          mo.effect = verdict.effect;
          mo.holds = verdict.holds;
          // Whether a measure is by construction is decided at the file's parameters.
          mo.no_variance = verdict.no_variance;
          mo.by_construction = verdict.by_construction;
          for (const auto& configuration : v)
            mo.means.push_back(level(configuration).mean);
        } else if (verdict.holds) {
          ++mo.robust_holds;
        }
      }
      outcome.measures.push_back(std::move(mo));
    }
  }
  outcome.holds = point_holds[0];
  outcome.robust_holds =
      static_cast<int>(std::count(point_holds.begin() + 1, point_holds.end(), true));
  outcome.emergent = std::any_of(outcome.measures.begin(), outcome.measures.end(),
                                 [](const io::MeasureOutcome& m) { return !m.by_construction; });
  outcome.pass =
      outcome.holds &&
      (options.robust_points == 0 || outcome.robust_share() >= options.robust_required) &&
      outcome.emergent;
  return outcome;
}

}  // namespace samspel::study
