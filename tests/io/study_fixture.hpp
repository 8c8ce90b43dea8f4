// Runs and comparison stores as a study makes them, made here through the model and io alone, so
// that io's and report's tests link nothing above their layers: a scenario's replicates run one
// after another (study::run_scenario spreads them over threads; a run does not depend on where
// it ran), and a comparison's runs, bands and (with keep_series) series written through
// io::Store, as study::run_study writes them.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "samspel/analysis/run_measures.hpp"
#include "samspel/engine/statistics.hpp"
#include "samspel/io/dictionary.hpp"
#include "samspel/io/results.hpp"
#include "samspel/io/store.hpp"
#include "samspel/io/variants.hpp"
#include "samspel/model/model.hpp"

namespace samspel::io_test {

// Every replicate of `s`, as study::run_scenario returns them.
inline io::RunResults run_replicates(const io::Scenario& s) {
  io::RunResults r;
  r.calendar = s.calendar();
  r.replicates = s.run.replicates;
  const auto per_run = static_cast<std::size_t>(r.calendar.months()) * model::kMetricCount;
  r.series.resize(per_run * static_cast<std::size_t>(r.replicates));
  r.summaries.resize(static_cast<std::size_t>(r.replicates));
  const model::Description description = model::describe(s.parameters, s.scripted_events());
  for (std::size_t i = 0; i < r.summaries.size(); ++i) {
    model::Model m(description, r.calendar, s.run.seed, i);
    r.summaries[i] = m.run(std::span<double>(r.series).subspan(i * per_run, per_run));
  }
  return r;
}

// The store a comparison of `variants` makes (samspel compare --store): every run's measures,
// each variant's bands from its runs' single-precision series and, with keep_series, those
// series. The study table's provenance is empty.
inline void write_comparison(const std::vector<io::Variant>& variants,
                             const std::filesystem::path& path, bool keep_series = false) {
  const io::Scenario& base = variants.front().scenario;
  io::StudyDescription d;
  d.kind = "compare";
  d.replicates = base.run.replicates;
  d.seed = base.run.seed;
  d.calendar = base.calendar();
  d.keep_series = keep_series;
  nlohmann::ordered_json parameters;
  for (const auto& spec : io::parameter_specs())
    parameters[std::string(spec.key)] = io::format_value(spec, spec.get(base.parameters));
  d.base_parameters_json =
      nlohmann::ordered_json{{"parameters", parameters}, {"events", nlohmann::json::array()}}
          .dump();
  nlohmann::ordered_json labels = nlohmann::ordered_json::array();
  for (const auto& v : variants)
    labels.push_back(v.label);
  d.design_json = nlohmann::ordered_json{{"variants", labels}}.dump();
  d.configuration_count = variants.size();
  d.configuration = [&variants](std::size_t i) {
    return io::StudyConfiguration{variants[i].label, "", "", {}};
  };

  io::Store store(path, d);
  const auto months = static_cast<std::size_t>(d.calendar.months());
  const std::size_t cells = months * model::kMetricCount;
  const auto replicates = static_cast<std::size_t>(d.replicates);
  std::vector<double> measures(analysis::run_measure_info().size());
  store.begin();
  for (std::size_t c = 0; c < variants.size(); ++c) {
    const io::RunResults runs = run_replicates(variants[c].scenario);
    // Each run's series metric by metric (its months contiguous), in single precision.
    std::vector<float> series(replicates * cells);
    for (std::size_t r = 0; r < replicates; ++r) {
      const std::span<const double> run = runs.run_series(static_cast<int>(r));
      analysis::run_measures(runs.summaries[r], run, static_cast<int>(months), measures);
      // A comparison's configurations share the study's seed (common random numbers).
      store.insert_run(static_cast<int>(c), static_cast<int>(r), d.seed, measures);
      float* to = &series[r * cells];
      for (std::size_t m = 0; m < model::kMetricCount; ++m) {
        for (std::size_t t = 0; t < months; ++t)
          to[m * months + t] = static_cast<float>(run[t * model::kMetricCount + m]);
      }
      if (keep_series) {
        store.insert_run_series(static_cast<int>(c), static_cast<int>(r),
                                std::span<const float>(to, cells));
      }
    }
    std::vector<float> bands(engine::kBandSize * cells);
    std::vector<double> values(replicates);
    double band[engine::kBandSize];
    for (std::size_t cell = 0; cell < cells; ++cell) {
      for (std::size_t r = 0; r < replicates; ++r)
        values[r] = series[r * cells + cell];
      engine::band(values, band, 1);
      for (std::size_t s = 0; s < engine::kBandSize; ++s)
        bands[s * cells + cell] = static_cast<float>(band[s]);
    }
    store.insert_series(static_cast<int>(c), bands);
  }
  store.commit();
  store.finish();
}

}  // namespace samspel::io_test
