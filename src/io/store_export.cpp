#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <span>
#include <string_view>

#include "samspel/io/atomic_file.hpp"
#include "samspel/io/staged_folder.hpp"
#include "samspel/io/store.hpp"
#include "samspel/model/observation.hpp"
#include "store_reader.hpp"
#include "store_schema.hpp"

namespace samspel::io {

using sqlite::Statement;

namespace {

std::string number_text(double v) {
  return std::isnan(v) ? "NA" : fmt::format("{}", v);
}

// Writes `table` (series or run_series) one row per month: the key columns (configuration and
// statistic, or configuration and replicate), the month, then one column per metric.
void export_series(const StoreReader& reader, const char* table, bool aggregated,
                   const std::filesystem::path& dir, const std::string& format,
                   nlohmann::ordered_json& all) {
  const int months = reader.shape().months;
  const engine::Calendar calendar(reader.shape().start, months);
  const std::string second = aggregated ? "statistic" : "replicate";
  std::string csv = fmt::format("configuration,{},month", second);
  for (const auto& m : model::kMetrics)
    csv += fmt::format(",{}", m.name);
  csv += '\n';
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  // One group = one configuration (aggregated: all its statistics) or one run.
  std::vector<std::string> labels;          // statistic or replicate of each block
  std::vector<std::vector<double>> blocks;  // [block][month * metrics + metric]
  std::int64_t group = -1;
  const auto flush = [&] {
    if (group < 0) return;
    for (int month = 0; month < months; ++month) {
      const std::string ym = engine::format_year_month(calendar.at(month));
      for (std::size_t b = 0; b < blocks.size(); ++b) {
        const std::string key = aggregated ? std::to_string(group) : std::to_string(group >> 32U);
        csv += fmt::format("{},{},{}", key, labels[b], ym);
        nlohmann::ordered_json row;
        row["configuration"] = aggregated ? group : (group >> 32U);
        row[second] = labels[b];
        row["month"] = ym;
        for (std::size_t m = 0; m < model::kMetricCount; ++m) {
          const double v = blocks[b][static_cast<std::size_t>(month) * model::kMetricCount + m];
          csv += ',';
          csv += number_text(v);
          if (std::isnan(v)) {
            row[std::string(model::kMetrics[m].name)] = nullptr;
          } else {
            row[std::string(model::kMetrics[m].name)] = v;
          }
        }
        csv += '\n';
        if (format == "json") rows.push_back(std::move(row));
      }
    }
    labels.clear();
    blocks.clear();
  };
  reader.for_each_series(aggregated, "", [&](const SeriesRow& r) {
    const std::string label = aggregated ? r.statistic : std::to_string(r.replicate);
    const std::int64_t key = aggregated ? r.configuration : (r.configuration << 32U) | r.replicate;
    if (key != group) {
      flush();
      group = key;
    }
    if (labels.empty() || labels.back() != label) {
      labels.push_back(label);
      blocks.emplace_back(static_cast<std::size_t>(months) * model::kMetricCount,
                          std::numeric_limits<double>::quiet_NaN());
    }
    for (int month = 0; month < months; ++month) {
      blocks.back()[static_cast<std::size_t>(month) * model::kMetricCount + r.metric] =
          r.months[static_cast<std::size_t>(month)];
    }
  });
  flush();
  if (format == "csv") write_file_atomically(dir / fmt::format("{}.csv", table), csv);
  all[table] = std::move(rows);
}

// Writes `table`, rows ordered by `order`, as TABLE.csv into `dir` (format csv) or into `all`
// (format json). NULL as NA (CSV) or null (JSON).
void export_table(const sqlite::Database& db, const OrderedTable& table,
                  const std::filesystem::path& dir, const std::string& format,
                  nlohmann::ordered_json& all) {
  Statement s(db, fmt::format("SELECT * FROM {} ORDER BY {}", table.table, table.order));
  const int columns = s.column_count();
  std::string csv;
  for (int c = 0; c < columns; ++c)
    csv += fmt::format("{}{}", c == 0 ? "" : ",", s.column_name(c));
  csv += '\n';
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  while (s.step()) {
    nlohmann::ordered_json row;
    for (int c = 0; c < columns; ++c) {
      const sqlite::Type type = s.column_type(c);
      const char* name = s.column_name(c);
      std::string text;
      if (type == sqlite::Type::null) {
        text = "NA";
        row[name] = nullptr;
      } else if (type == sqlite::Type::integer) {
        row[name] = s.integer(c);
        text = std::to_string(s.integer(c));
      } else if (type == sqlite::Type::real) {
        row[name] = s.real(c);
        text = fmt::format("{}", s.real(c));
      } else {
        text = s.text(c);
        row[name] = text;
        if (text.find_first_of(",\"\n") != std::string::npos) {
          std::string quoted = "\"";
          for (const char ch : text)
            quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
          text = quoted + "\"";
        }
      }
      csv += fmt::format("{}{}", c == 0 ? "" : ",", text);
    }
    csv += '\n';
    if (format == "json") rows.push_back(std::move(row));
  }
  if (format == "csv") write_file_atomically(dir / fmt::format("{}.csv", table.table), csv);
  all[table.table] = std::move(rows);
}

}  // namespace

void export_store(const std::filesystem::path& store, const std::filesystem::path& dir,
                  const std::string& format) {
  const StoreReader reader(store);
  StagedFolder folder(dir, "--out", kExportFiles);
  nlohmann::ordered_json all;
  const bool sensitivity = reader.shape().kind == "sensitivity";
  for (const OrderedTable& table : sensitivity ? std::span<const OrderedTable>(kSensitivityTables)
                                               : std::span<const OrderedTable>(kStudyTables)) {
    const std::string_view name = table.table;
    if (!sensitivity && (name == "series" || name == "run_series")) {
      // BLOBs written out one row per month
      export_series(reader, table.table, name == "series", folder.path(), format, all);
    } else {
      export_table(reader.db(), table, folder.path(), format, all);
    }
  }
  // A store's text is not checked for UTF-8 by SQLite: bytes that are not are written as U+FFFD.
  if (format == "json") {
    write_file_atomically(folder.path() / "store.json",
                          all.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  }
  folder.commit();
}

}  // namespace samspel::io
