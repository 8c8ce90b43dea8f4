#include "store_schema.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "samspel/analysis/run_measures.hpp"

namespace samspel::io {

using sqlite::Statement;

namespace {

constexpr int kSchemaVersion = 1;

}  // namespace

nlohmann::ordered_json identity_head(std::string_view kind, int replicates, std::uint64_t seed,
                                     const engine::Calendar& calendar, bool keep_series,
                                     const std::string& base_parameters_json) {
  nlohmann::ordered_json j;
  j["kind"] = std::string(kind);
  j["replicates"] = replicates;
  j["seed"] = seed;
  j["start"] = engine::format_year_month(calendar.start());
  j["months"] = calendar.months();
  j["keep_series"] = keep_series;
  j["base_parameters"] = nlohmann::ordered_json::parse(base_parameters_json);
  return j;
}

void insert_study_values(const sqlite::Database& db,
                         std::span<const std::pair<const char*, std::string>> values) {
  Statement s(db, "INSERT INTO study (key, value) VALUES (?, ?)");
  for (const auto& [key, value] : values) {
    s.bind_static(1, key);
    s.bind(2, value);
    s.run();
  }
}

std::vector<bool> ids_present(const sqlite::Database& db, const std::string& sql,
                              std::size_t count) {
  std::vector<bool> present(count, false);
  Statement s(db, sql);
  while (s.step()) {
    const auto id = static_cast<std::size_t>(s.integer(0));
    if (id < count) present[id] = true;
  }
  return present;
}

void create_study_store(const sqlite::Database& db, const StudyDescription& study) {
  const auto execute = [&db](const std::string& sql) { db.execute(sql); };
  std::string measures;
  for (const auto& m : analysis::run_measure_info())
    measures += fmt::format(", {} REAL", m.name);
  // Larger pages suit the wide rows of runs and series.
  execute("PRAGMA page_size = 16384");
  execute("BEGIN");
  execute("CREATE TABLE study (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  execute(
      "CREATE TABLE configurations (id INTEGER PRIMARY KEY, label TEXT NOT NULL, municipality "
      "TEXT, size_class TEXT, assignments TEXT NOT NULL)");
  // Rows of runs and series are large (hundreds of bytes): ordinary (rowid) tables append them
  // to their B-trees, with the primary key as a small index beside, which is cheaper per row
  // than a WITHOUT ROWID table, whose B-tree holds the whole rows and rebalances pages every
  // few of them (bench/README.md). The columns and keys are the same.
  execute(
      "CREATE TABLE runs (configuration INTEGER NOT NULL, replicate INTEGER NOT NULL, seed "
      "INTEGER NOT NULL" +
      measures + ", PRIMARY KEY (configuration, replicate))");
  // Monthly series are stored one BLOB per metric (the months as little-endian IEEE-754
  // single-precision numbers): a fraction of the rows and writes of one row per month; export_store
  // writes them out one row per month again.
  execute(
      "CREATE TABLE series (configuration INTEGER NOT NULL, statistic TEXT NOT NULL, metric TEXT "
      "NOT NULL, months BLOB NOT NULL, PRIMARY KEY (configuration, statistic, metric))");
  execute(
      "CREATE TABLE run_series (configuration INTEGER NOT NULL, replicate INTEGER NOT NULL, metric "
      "TEXT NOT NULL, months BLOB NOT NULL, PRIMARY KEY (configuration, replicate, metric))");
  {
    const std::pair<const char*, std::string> rows[] = {
        {"schema_version", std::to_string(kSchemaVersion)},
        {"kind", study.kind},
        {"identity", study.identity()},
        {"samspel_version", study.samspel_version},
        {"git_revision", study.git_revision},
        {"command_line", study.command_line},
        {"replicates", std::to_string(study.replicates)},
        {"seed", std::to_string(study.seed)},
        {"start", engine::format_year_month(study.calendar.start())},
        {"months", std::to_string(study.calendar.months())},
        {"keep_series", study.keep_series ? "true" : "false"},
        {"base_parameters", study.base_parameters_json},
        {"design", study.design_json},
        {"random_streams",
         "replicate i of every configuration draws from the streams of (seed, i)"}};
    insert_study_values(db, rows);
  }
  {
    Statement s(db,
                "INSERT INTO configurations (id, label, municipality, size_class, assignments) "
                "VALUES (?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < study.configuration_count; ++i) {
      const StudyConfiguration c = study.configuration(i);
      s.bind(1, static_cast<std::int64_t>(i));
      s.bind(2, c.label);
      s.bind(3, c.municipality);
      s.bind(4, c.size_class);
      s.bind(5, nlohmann::json(c.assignments).dump());
      s.run();
    }
  }
  execute("COMMIT");
}

}  // namespace samspel::io
