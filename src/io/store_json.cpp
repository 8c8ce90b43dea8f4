// The results document of a study, read from its results store (docs/results.md).
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <vector>

#include "document_parts.hpp"
#include "samspel/analysis/run_measures.hpp"
#include "samspel/engine/statistics.hpp"
#include "samspel/io/results_json.hpp"
#include "samspel/io/sensitivity_store.hpp"
#include "samspel/io/store.hpp"
#include "samspel/io/store_check.hpp"
#include "samspel/io/toml_depth.hpp"
#include "store_reader.hpp"

namespace samspel::io {

namespace {

using document::Json;
[[noreturn]] void not_a_store(const std::filesystem::path& path, std::string_view why) {
  throw one_line_error(fmt::format(
      "{}: not a samspel results store ({}); allowed: a run directory or a store written by "
      "samspel compare, sweep or a population run",
      path.string(), why));
}

struct Configuration {
  std::string label;
  std::string municipality;
  std::string size_class;
  Json assignments = Json::array();
};

// series[configuration][metric][statistic] as read from the series table's float32 BLOBs.
using Bands = std::map<int, std::map<std::string, std::map<std::string, std::vector<double>>>>;

Bands read_bands(const StoreReader& reader, const std::string& where) {
  Bands out;
  reader.for_each_series(true, where, [&out](const SeriesRow& r) {
    out[static_cast<int>(r.configuration)][std::string(model::kMetrics[r.metric].name)]
       [r.statistic] = std::vector<double>(r.months.begin(), r.months.end());
  });
  return out;
}

Json band_json(const std::map<std::string, std::map<std::string, std::vector<double>>>& metrics) {
  Json out = Json::object();
  for (const auto& m : model::kMetrics) {
    const auto it = metrics.find(std::string(m.name));
    if (it == metrics.end()) continue;
    Json stats = Json::object();
    for (const char* name : engine::kBandStatistics) {
      Json values = Json::array();
      const auto s = it->second.find(name);
      if (s != it->second.end()) {
        for (const double v : s->second)
          values.push_back(document::number(v));
      }
      stats[name] = std::move(values);
    }
    out[std::string(m.name)] = std::move(stats);
  }
  return out;
}

// KSO and kommunchef changes per month as the mean number per replicate: the metrics kso_id and
// ceo_id count the persons in the seat, so the change of their mean from one month to the next
// is the mean number of changes in that month. A store keeps no record of majority shifts by
// month, so they are null; the first month has no month before it.
Json changes_from_ordinals(
    const std::map<std::string, std::map<std::string, std::vector<double>>>& metrics, int months) {
  const auto rate = [&](const char* metric) {
    Json out = Json::array();
    const auto it = metrics.find(metric);
    const std::vector<double>* mean = nullptr;
    if (it != metrics.end() && it->second.contains("mean")) mean = &it->second.at("mean");
    for (int t = 0; t < months; ++t) {
      const bool known = mean != nullptr && t > 0;
      out.push_back(known ? document::number((*mean)[t] - (*mean)[t - 1]) : Json());
    }
    return out;
  };
  Json none = Json::array();
  for (int t = 0; t < months; ++t)
    none.push_back(nullptr);
  return {{"majority_shift", std::move(none)}, {"kso", rate("kso_id")}, {"ceo", rate("ceo_id")}};
}

// Every run's monthly series (run_series, kept with --keep-series):
// [metric][(configuration * replicates + replicate) * months + month], NaN where missing.
std::vector<std::vector<double>> read_run_series(const StoreReader& reader, int configurations,
                                                 int replicates, int months) {
  const auto per_metric = static_cast<std::size_t>(configurations) *
                          static_cast<std::size_t>(replicates) * static_cast<std::size_t>(months);
  std::vector<std::vector<double>> out(model::kMetricCount,
                                       std::vector<double>(per_metric, std::nan("")));
  reader.for_each_series(false, "", [&](const SeriesRow& r) {
    if (r.configuration < 0 || r.configuration >= configurations || r.replicate < 0 ||
        r.replicate >= replicates) {
      return;
    }
    std::copy(r.months.begin(), r.months.end(),
              out[r.metric].begin() +
                  static_cast<std::ptrdiff_t>((static_cast<std::size_t>(r.configuration) *
                                                   static_cast<std::size_t>(replicates) +
                                               static_cast<std::size_t>(r.replicate)) *
                                              static_cast<std::size_t>(months)));
  });
  return out;
}

// Month by month, per metric, the paired difference of `variant` to variant 0 over the
// replicates (common random numbers) with its 95% confidence interval.
Json difference_bands(const std::vector<std::vector<double>>& series, int variant, int replicates,
                      int months) {
  Json out = Json::object();
  std::vector<double> a(static_cast<std::size_t>(replicates));
  std::vector<double> b(a.size());
  for (std::size_t m = 0; m < model::kMetricCount; ++m) {
    Json mean = Json::array();
    Json low = Json::array();
    Json high = Json::array();
    for (int t = 0; t < months; ++t) {
      for (int i = 0; i < replicates; ++i) {
        const auto at = [&](int configuration) {
          return series[m][(static_cast<std::size_t>(configuration) * replicates +
                            static_cast<std::size_t>(i)) *
                               static_cast<std::size_t>(months) +
                           static_cast<std::size_t>(t)];
        };
        a[static_cast<std::size_t>(i)] = at(0);
        b[static_cast<std::size_t>(i)] = at(variant);
      }
      const auto d = engine::paired_difference(a, b);
      mean.push_back(document::number(d.mean));  // NaN (null) where undefined
      low.push_back(document::number(d.low));
      high.push_back(document::number(d.high));
    }
    out[std::string(model::kMetrics[m].name)] = {
        {"mean", std::move(mean)}, {"low", std::move(low)}, {"high", std::move(high)}};
  }
  return out;
}

Json differences(const Comparison& c) {
  const auto& info = analysis::run_measure_info();
  Json out = Json::array();
  for (std::size_t v = 1; v < c.labels.size(); ++v) {
    Json measures = Json::array();
    for (std::size_t m = 0; m < c.measures; ++m) {
      const auto d = engine::paired_difference(c.column(0, m), c.column(v, m));
      measures.push_back({{"name", info[m].name},
                          {"n", d.n},
                          {"mean", document::number(d.mean)},
                          {"low", document::number(d.low)},
                          {"high", document::number(d.high)}});
    }
    out.push_back({{"variant", v}, {"label", c.labels[v]}, {"measures", std::move(measures)}});
  }
  return out;
}

Json measures_of(const Comparison& c, std::size_t variant, bool headline_only) {
  const auto& info = analysis::run_measure_info();
  const auto& headline = headline_measures();
  Json out = Json::array();
  for (std::size_t m = 0; m < c.measures; ++m) {
    if (headline_only &&
        std::find(headline.begin(), headline.end(), info[m].name) == headline.end()) {
      continue;
    }
    out.push_back(document::measure_summary(info[m].name, c.column(variant, m)));
  }
  return out;
}

// Per size class, the band across the class's municipalities of each municipality's mean
// series: how far municipalities of one size differ, month by month.
Json size_class_bands(const Bands& bands, const std::vector<Configuration>& configurations,
                      const std::string& size_class, int months) {
  Json out = Json::object();
  std::vector<double> values;
  for (const auto& m : model::kMetrics) {
    std::vector<std::vector<double>> rows(engine::kBandSize);
    for (int t = 0; t < months; ++t) {
      values.clear();
      for (const auto& [id, metrics] : bands) {
        if (configurations[static_cast<std::size_t>(id)].size_class != size_class &&
            size_class != "all") {
          continue;
        }
        const auto it = metrics.find(std::string(m.name));
        if (it == metrics.end() || !it->second.contains("mean")) continue;
        values.push_back(it->second.at("mean")[static_cast<std::size_t>(t)]);
      }
      if (values.empty()) return Json::object();
      std::array<double, engine::kBandSize> b{};
      engine::band(values, b.data(), 1);
      for (std::size_t s = 0; s < engine::kBandSize; ++s)
        rows[s].push_back(b[s]);
    }
    Json stats = Json::object();
    for (std::size_t s = 0; s < engine::kBandSize; ++s) {
      Json series = Json::array();
      for (const double v : rows[s])
        series.push_back(document::number(v));
      stats[engine::kBandStatistics[s]] = std::move(series);
    }
    out[std::string(m.name)] = std::move(stats);
  }
  return out;
}

// A sensitivity analysis: its factors, outputs and indices as sensitivity.json holds them.
Json sensitivity_document(const std::filesystem::path& path, const StoreShape& shape,
                          std::map<std::string, std::string>& study) {
  const SensitivityResult r = read_sensitivity(path);
  const Provenance provenance{study["command_line"], study["samspel_version"],
                              study["git_revision"]};
  Json j = document::head("sensitivity", path.stem().string(), shape.replicates,
                          engine::Calendar(shape.start, shape.months));
  j["sensitivity"] = Json::parse(sensitivity_json(r, provenance));
  Json base = Json::parse(study["base_parameters"], nullptr, false);
  if (!base.is_object()) base = Json::object();
  Json design = Json::parse(study["design"], nullptr, false);
  if (design.is_discarded()) design = Json::object();
  j["provenance"] = {{"samspel_version", study["samspel_version"]},
                     {"git_revision", study["git_revision"]},
                     {"command_line", study["command_line"]},
                     {"store", path.string()},
                     {"kind", shape.kind},
                     {"scenario", study["scenario"]},
                     {"run",
                      {{"start", study["start"]},
                       {"months", shape.months},
                       {"replicates", shape.replicates},
                       {"seed", study["seed"]}}},
                     {"design", std::move(design)},
                     {"parameters", base.value("parameters", Json::object())},
                     {"random_streams", study["random_streams"]}};
  return j;
}

}  // namespace

Json store_document(const std::filesystem::path& path) {
  if (!std::filesystem::is_regular_file(path)) not_a_store(path, "no such file");
  const StoreReader reader(path);
  const StoreShape& shape = reader.shape();
  std::map<std::string, std::string> study = reader.study();
  if (shape.kind == "sensitivity") return sensitivity_document(path, shape, study);
  const std::string& kind = shape.kind;
  const int months = shape.months;
  const int replicates = shape.replicates;
  const engine::Calendar calendar(shape.start, months);

  std::vector<Configuration> configurations;
  for (StoredConfiguration& stored : reader.configurations()) {
    Configuration c{std::move(stored.label), std::move(stored.municipality),
                    std::move(stored.size_class)};
    if (json_depth_within(stored.assignments, kMaxTomlDepth))
      c.assignments = Json::parse(stored.assignments, nullptr, false);
    if (c.assignments.is_discarded()) c.assignments = Json::array();
    configurations.push_back(std::move(c));
  }
  Json base = Json::parse(study["base_parameters"], nullptr, false);
  if (!base.is_object()) base = Json::object();
  Json design = Json::parse(study["design"], nullptr, false);
  if (design.is_discarded()) design = Json::object();

  Json j = document::head(kind, path.stem().string(), replicates, calendar);
  const Comparison c = reader.comparison();
  const bool population = kind == "population";
  // A comparison has a few variants, shown whole; sweeps and populations have many
  // configurations, shown by their headline measures (and populations by size class).
  const Bands bands = read_bands(reader, kind == "compare" ? "" : "WHERE statistic = 'mean'");
  Json list = Json::array();
  for (std::size_t i = 0; i < configurations.size(); ++i) {
    const Configuration& conf = configurations[i];
    Json entry = {{"label", conf.label}, {"assignments", conf.assignments}};
    if (population) {
      entry["municipality"] = conf.municipality;
      entry["size_class"] = conf.size_class;
    }
    if (kind == "compare") {
      const auto it = bands.find(static_cast<int>(i));
      const std::map<std::string, std::map<std::string, std::vector<double>>> none;
      const auto& metrics = it == bands.end() ? none : it->second;
      entry["bands"] = band_json(metrics);
      entry["changes"] = changes_from_ordinals(metrics, months);
    }
    entry["measures"] = measures_of(c, i, kind != "compare");
    list.push_back(std::move(entry));
  }
  j["configurations"] = std::move(list);
  if (kind == "compare") {
    j["differences"] = differences(c);
    if (shape.keep_series) {
      const int count = static_cast<int>(configurations.size());
      const auto series = read_run_series(reader, count, replicates, months);
      for (int v = 1; v < count; ++v) {
        j["differences"][static_cast<std::size_t>(v - 1)]["bands"] =
            difference_bands(series, v, replicates, months);
      }
    }
  }
  if (kind == "sweep") j["axes"] = design.value("axes", Json::array());
  if (population) {
    Json classes = Json::array();
    for (const auto& row : reader.population_summary()) {
      classes.push_back(
          {{"size_class", row.size_class},
           {"municipalities", row.municipalities},
           {"majority_shift_per_election", document::number(row.majority_shift_per_election)},
           {"ceo_changes_per_year", document::number(row.ceo_changes_per_year)},
           {"ceo_exits_cooperation_share", document::number(row.ceo_exits_cooperation_share)},
           {"terms_with_ceo_change", document::number(row.terms_with_ceo_change)},
           {"bands", size_class_bands(bands, configurations, row.size_class, months)}});
    }
    j["size_classes"] = std::move(classes);
  }
  Json events = Json::array();
  for (const auto& e : base.value("events", Json::array())) {
    if (e.is_array() && e.size() == 4)
      events.push_back({{"type", e[0]}, {"month", e[1]}, {"size", e[2]}, {"months", e[3]}});
  }
  j["markers"] = {{"elections", document::election_months(calendar)},
                  {"events", std::move(events)}};
  j["provenance"] = {{"samspel_version", study["samspel_version"]},
                     {"git_revision", study["git_revision"]},
                     {"command_line", study["command_line"]},
                     {"store", path.string()},
                     {"kind", kind},
                     {"run",
                      {{"start", study["start"]},
                       {"months", months},
                       {"replicates", replicates},
                       {"seed", study["seed"]}}},
                     {"design", std::move(design)},
                     {"parameters", base.value("parameters", Json::object())},
                     {"random_streams", study["random_streams"]}};
  return j;
}

}  // namespace samspel::io
