#include "samspel/web/run_document.hpp"

#include <cmath>
#include <span>

#include "samspel/engine/statistics.hpp"
#include "samspel/io/run_measures.hpp"
#include "samspel/model/events.hpp"

namespace samspel::web {

namespace {

using nlohmann::json;

// JSON has no NaN: an undefined value is null.
json number(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

json series_bands(const io::RunResults& r) {
  const int months = r.calendar.months();
  std::vector<double> values(static_cast<std::size_t>(r.replicates));
  json out = json::object();
  for (std::size_t m = 0; m < model::kMetricCount; ++m) {
    std::vector<json> columns(engine::kBandSize, json::array());
    for (int t = 0; t < months; ++t) {
      for (int i = 0; i < r.replicates; ++i)
        values[static_cast<std::size_t>(i)] = r.at(i, t, static_cast<model::Metric>(m));
      std::array<double, engine::kBandSize> band{};
      engine::band(values, band.data(), 1);
      for (std::size_t s = 0; s < engine::kBandSize; ++s)
        columns[s].push_back(number(band[s]));
    }
    json metric = json::object();
    for (std::size_t s = 0; s < engine::kBandSize; ++s)
      metric[engine::kBandStatistics[s]] = std::move(columns[s]);
    out[std::string(model::kMetrics[m].name)] = std::move(metric);
  }
  return out;
}

std::vector<double> finite_column(const std::vector<double>& matrix, std::size_t measures,
                                  std::size_t m) {
  std::vector<double> out;
  for (std::size_t i = m; i < matrix.size(); i += measures) {
    if (std::isfinite(matrix[i])) out.push_back(matrix[i]);
  }
  return out;
}

std::vector<double> column(const std::vector<double>& matrix, std::size_t measures, std::size_t m) {
  std::vector<double> out;
  for (std::size_t i = m; i < matrix.size(); i += measures)
    out.push_back(matrix[i]);
  return out;
}

}  // namespace

std::vector<double> measure_matrix(const io::RunResults& r) {
  const std::size_t measures = io::run_measure_info().size();
  std::vector<double> out(static_cast<std::size_t>(r.replicates) * measures);
  for (int i = 0; i < r.replicates; ++i) {
    io::run_measures(
        r.summaries[static_cast<std::size_t>(i)], r.run_series(i), r.calendar.months(),
        std::span<double>(out).subspan(static_cast<std::size_t>(i) * measures, measures));
  }
  return out;
}

json run_document(const std::vector<io::Variant>& variants,
                  const std::vector<io::RunResults>& results) {
  const auto& info = io::run_measure_info();
  const std::size_t measures = info.size();
  const io::RunResults& first = results.front();
  json doc;
  json months = json::array();
  for (int t = 0; t < first.calendar.months(); ++t)
    months.push_back(engine::format_year_month(first.calendar.at(t)));
  doc["months"] = std::move(months);
  doc["replicates"] = first.replicates;
  doc["seed"] = variants.front().scenario.run.seed;
  doc["statistics"] = engine::kBandStatistics;
  json metrics = json::array();
  for (const auto& m : model::kMetrics)
    metrics.push_back({{"name", m.name}, {"meaning", m.meaning}});
  doc["metrics"] = std::move(metrics);
  json measure_list = json::array();
  for (const auto& m : info)
    measure_list.push_back({{"name", m.name}, {"meaning", m.meaning}});
  doc["measures"] = std::move(measure_list);

  std::vector<std::vector<double>> matrices;
  json out_variants = json::array();
  for (std::size_t v = 0; v < variants.size(); ++v) {
    matrices.push_back(measure_matrix(results[v]));
    json events = json::array();
    for (const auto& e : variants[v].scenario.events) {
      events.push_back({{"date", engine::format_year_month(e.date)},
                        {"type", model::kEventTypeNames[static_cast<int>(e.event.type)]}});
    }
    json measure_means = json::object();
    for (std::size_t m = 0; m < measures; ++m) {
      const auto values = finite_column(matrices.back(), measures, m);
      const engine::Summary s = engine::summarize(values);
      measure_means[info[m].name] = {{"n", values.size()},
                                     {"mean", number(s.mean)},
                                     {"standard_error", number(s.standard_error)}};
    }
    out_variants.push_back({{"label", variants[v].label},
                            {"events", std::move(events)},
                            {"series", series_bands(results[v])},
                            {"measures", std::move(measure_means)}});
  }
  doc["variants"] = std::move(out_variants);

  json differences = json::array();
  for (std::size_t v = 1; v < variants.size(); ++v) {
    json row = json::object();
    for (std::size_t m = 0; m < measures; ++m) {
      const engine::PairedDifference d = engine::paired_difference(
          column(matrices[0], measures, m), column(matrices[v], measures, m));
      row[info[m].name] = {
          {"n", d.n}, {"mean", number(d.mean)}, {"low", number(d.low)}, {"high", number(d.high)}};
    }
    differences.push_back({{"variant", v}, {"measures", std::move(row)}});
  }
  doc["differences"] = std::move(differences);
  return doc;
}

}  // namespace samspel::web
