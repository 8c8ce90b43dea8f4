#include "samspel/io/store.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>
#include <stdexcept>

#include "samspel/engine/random.hpp"
#include "samspel/engine/statistics.hpp"
#include "samspel/io/atomic_file.hpp"
#include "samspel/io/names.hpp"
#include "samspel/io/run_measures.hpp"
#include "samspel/io/scenario.hpp"
#include "samspel/io/staged_folder.hpp"
#include "samspel/io/store_check.hpp"
#include "samspel/model/observation.hpp"
#include "store_sqlite.hpp"

namespace samspel::io {

using store_sqlite::Db;
using store_sqlite::fail;
using store_sqlite::open_checked;
using store_sqlite::Statement;
using store_sqlite::text_column;

namespace {

constexpr int kSchemaVersion = 1;
constexpr const char* kTables[] = {"study", "configurations", "runs", "series", "run_series"};
constexpr const char* kTableOrder[] = {"key", "id", "configuration, replicate"};

std::string placeholders(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i)
    s += i == 0 ? "?" : ", ?";
  return s;
}

}  // namespace

std::uint64_t run_seed(std::string_view kind, std::uint64_t seed, std::size_t configuration) {
  return kind == "population" ? engine::stream_seed(seed, configuration, kMunicipalityStream)
                              : seed;
}

std::uint64_t StudyDescription::run_seed(std::size_t configuration) const {
  return io::run_seed(kind, seed, configuration);
}

std::string StudyDescription::identity() const {
  nlohmann::ordered_json j;
  j["kind"] = kind;
  j["replicates"] = replicates;
  j["seed"] = seed;
  j["start"] = engine::format_year_month(calendar.start());
  j["months"] = calendar.months();
  j["keep_series"] = keep_series;
  j["base_parameters"] = nlohmann::ordered_json::parse(base_parameters_json);
  j["design"] = nlohmann::ordered_json::parse(design_json);
  // The configurations enter as a count and an FNV-1a hash of their contents, not a list.
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  const auto mix = [&hash](std::string_view text) {
    for (const char c : text)
      hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    hash = (hash ^ 0xffU) * 0x100000001b3ULL;  // separator
  };
  for (std::size_t i = 0; i < configuration_count; ++i) {
    const StudyConfiguration c = configuration(i);
    mix(c.label);
    mix(c.municipality);
    for (const auto& a : c.assignments)
      mix(a);
  }
  j["configurations"] = {{"count", configuration_count}, {"fnv1a", fmt::format("{:016x}", hash)}};
  j["git_revision"] = git_revision;
  return j.dump();
}

Store::Store(const std::filesystem::path& path, const StudyDescription& study)
    : path_(path), lock_(path), calendar_(study.calendar), kind_(study.kind), seed_(study.seed) {
  db_ = store_sqlite::open_for_writing(path, study.identity(), study.git_revision,
                                       [this, &study](sqlite3* db) {
                                         db_ = db;
                                         create(study);
                                         db_ = nullptr;
                                       });
}

Store::~Store() {
  sqlite3_finalize(insert_run_);
  sqlite3_finalize(insert_run_series_);
  sqlite3_finalize(insert_series_);
  sqlite3_close(db_);
}

void Store::execute(const std::string& sql) const {
  store_sqlite::execute(db_, sql);
}

void Store::create(const StudyDescription& study) {
  std::string measures;
  for (const auto& m : run_measure_info())
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
    Statement s(db_, "INSERT INTO study (key, value) VALUES (?, ?)");
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
    for (const auto& [key, value] : rows) {
      s.bind(1, std::string(key));
      s.bind(2, value);
      s.run();
    }
  }
  {
    Statement s(db_,
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

std::size_t Store::run_count() const {
  Statement s(db_, "SELECT count(*) FROM runs");
  s.step();
  return static_cast<std::size_t>(sqlite3_column_int64(s.get(), 0));
}

std::set<std::pair<int, int>> Store::finished_runs(const std::vector<int>& configurations) const {
  std::set<std::pair<int, int>> done;
  Statement s(db_, "SELECT replicate FROM runs WHERE configuration = ?");
  for (const int c : configurations) {
    sqlite3_reset(s.get());
    s.bind(1, static_cast<std::int64_t>(c));
    while (s.step())
      done.emplace(c, sqlite3_column_int(s.get(), 0));
  }
  return done;
}

std::vector<bool> Store::aggregated_configurations(std::size_t count) const {
  std::vector<bool> done(count, false);
  Statement s(db_, "SELECT DISTINCT configuration FROM series");
  while (s.step()) {
    const auto c = static_cast<std::size_t>(sqlite3_column_int64(s.get(), 0));
    if (c < count) done[c] = true;
  }
  return done;
}

void Store::begin() {
  execute("BEGIN");
}
void Store::commit() {
  execute("COMMIT");
}

sqlite3_stmt* Store::prepared(sqlite3_stmt*& slot, const std::string& sql) {
  if (slot == nullptr && sqlite3_prepare_v2(db_, sql.c_str(), -1, &slot, nullptr) != SQLITE_OK) {
    fail(db_, sql);
  }
  sqlite3_reset(slot);
  return slot;
}

namespace {

void bind_number(sqlite3_stmt* s, int i, double v) {
  if (std::isnan(v)) {
    sqlite3_bind_null(s, i);
  } else {
    sqlite3_bind_double(s, i, v);
  }
}

void finish(sqlite3* db, sqlite3_stmt* s) {
  if (sqlite3_step(s) != SQLITE_DONE) fail(db, "insert");
  sqlite3_reset(s);
}

}  // namespace

void Store::insert_run(int configuration, int replicate, std::span<const double> measures) {
  if (insert_run_ == nullptr) {
    prepared(insert_run_,
             fmt::format("INSERT INTO runs VALUES (?, ?, ?, {})", placeholders(measures.size())));
  }
  sqlite3_stmt* s = insert_run_;
  sqlite3_bind_int64(s, 1, configuration);
  sqlite3_bind_int64(s, 2, replicate);
  sqlite3_bind_int64(
      s, 3,
      static_cast<std::int64_t>(run_seed(kind_, seed_, static_cast<std::size_t>(configuration))));
  for (std::size_t i = 0; i < measures.size(); ++i)
    bind_number(s, static_cast<int>(i + 4), measures[i]);
  finish(db_, s);
}

namespace {

// The metrics in the order of their names: rows are inserted in key order, so that SQLite
// appends to its B-tree instead of splitting pages in the middle.
const std::array<std::size_t, model::kMetricCount>& metrics_by_name() {
  static const auto order = [] {
    std::array<std::size_t, model::kMetricCount> o{};
    std::iota(o.begin(), o.end(), std::size_t{0});
    std::sort(o.begin(), o.end(), [](std::size_t a, std::size_t b) {
      return model::kMetrics[a].name < model::kMetrics[b].name;
    });
    return o;
  }();
  return order;
}

// Binds a metric's months as its BLOB, straight from the caller's memory (SQLite copies it
// into the page when the statement steps).
void bind_months(sqlite3_stmt* s, int i, std::span<const float> months) {
  static_assert(std::endian::native == std::endian::little,
                "the store's BLOBs are little-endian floats");
  sqlite3_bind_blob(s, i, months.data(), static_cast<int>(months.size_bytes()), SQLITE_STATIC);
}

}  // namespace

void Store::insert_run_series(int configuration, int replicate, std::span<const float> series) {
  if (insert_run_series_ == nullptr) {
    prepared(insert_run_series_, "INSERT INTO run_series VALUES (?, ?, ?, ?)");
  }
  sqlite3_stmt* s = insert_run_series_;
  const auto months = static_cast<std::size_t>(calendar_.months());
  for (const std::size_t m : metrics_by_name()) {
    sqlite3_bind_int64(s, 1, configuration);
    sqlite3_bind_int64(s, 2, replicate);
    sqlite3_bind_text(s, 3, model::kMetrics[m].name.data(),
                      static_cast<int>(model::kMetrics[m].name.size()), SQLITE_STATIC);
    bind_months(s, 4, series.subspan(m * months, months));
    finish(db_, s);
  }
}

void Store::insert_series(int configuration, std::span<const float> bands) {
  if (insert_series_ == nullptr) {
    prepared(insert_series_, "INSERT INTO series VALUES (?, ?, ?, ?)");
  }
  sqlite3_stmt* s = insert_series_;
  const auto months = static_cast<std::size_t>(calendar_.months());
  // (The statistics' names are in alphabetical order already.)
  for (std::size_t stat = 0; stat < engine::kBandSize; ++stat) {
    for (const std::size_t m : metrics_by_name()) {
      sqlite3_bind_int64(s, 1, configuration);
      sqlite3_bind_text(s, 2, engine::kBandStatistics[stat], -1, SQLITE_STATIC);
      sqlite3_bind_text(s, 3, model::kMetrics[m].name.data(),
                        static_cast<int>(model::kMetrics[m].name.size()), SQLITE_STATIC);
      bind_months(s, 4, bands.subspan((stat * model::kMetricCount + m) * months, months));
      finish(db_, s);
    }
  }
}

Comparison read_comparison(const std::filesystem::path& store) {
  StoreShape shape;
  const Db guard = open_checked(store, shape);
  sqlite3* db = guard.get();
  Comparison c;
  c.replicates = shape.replicates;
  c.measures = run_measure_info().size();
  {
    Statement s(db, "SELECT label FROM configurations ORDER BY id");
    while (s.step())
      c.labels.push_back(text_column(s.get(), 0));
  }
  c.values.assign(c.labels.size() * static_cast<std::size_t>(c.replicates) * c.measures,
                  std::numeric_limits<double>::quiet_NaN());
  // Measures are read by name: a store written before a measure existed lacks its column, which
  // reads as missing (NULL) rather than shifting the others.
  std::set<std::string> stored;
  {
    Statement columns(db, "SELECT name FROM pragma_table_info('runs')");
    while (columns.step())
      stored.emplace(text_column(columns.get(), 0));
  }
  std::string select = "SELECT configuration, replicate";
  for (const auto& m : run_measure_info())
    select += stored.contains(m.name) ? ", " + m.name : std::string(", NULL");
  Statement s(db, select + " FROM runs ORDER BY configuration, replicate");
  while (s.step()) {
    const auto configuration = static_cast<std::size_t>(sqlite3_column_int(s.get(), 0));
    const auto replicate = static_cast<std::size_t>(sqlite3_column_int(s.get(), 1));
    double* row = &c.values[(configuration * static_cast<std::size_t>(c.replicates) + replicate) *
                            c.measures];
    for (std::size_t m = 0; m < c.measures; ++m) {
      const int column = static_cast<int>(m + 2);
      if (sqlite3_column_type(s.get(), column) != SQLITE_NULL)
        row[m] = sqlite3_column_double(s.get(), column);
    }
  }
  return c;
}

std::vector<SizeClassSummary> population_summary(const std::filesystem::path& store) {
  StoreShape shape;
  const Db guard = open_checked(store, shape);
  sqlite3* db = guard.get();
  const double years = shape.months / 12.0;
  // Classes in size order (they are named by their lower bound), then all municipalities.
  const std::string select =
      "SELECT COUNT(DISTINCT c.id), AVG(CAST(r.election_shifts AS REAL) / NULLIF(r.elections, 0)), "
      "AVG(r.ceo_changes), CAST(SUM(r.ceo_exits_cooperation) AS REAL) / NULLIF(SUM(r.ceo_changes), "
      "0), "
      "AVG(r.terms_with_ceo_change), AVG(r.terms_with_two_ceos), "
      "AVG(r.terms_with_three_or_more_ceos) FROM runs r JOIN configurations c ON r.configuration "
      "= c.id";
  std::vector<SizeClassSummary> out;
  const auto read = [&](Statement& s, const std::string& name) {
    SizeClassSummary row;
    row.size_class = name;
    row.municipalities = sqlite3_column_int(s.get(), 0);
    row.majority_shift_per_election = sqlite3_column_double(s.get(), 1);
    row.ceo_changes_per_year = sqlite3_column_double(s.get(), 2) / years;
    row.ceo_exits_cooperation_share = sqlite3_column_double(s.get(), 3);
    row.terms_with_ceo_change = sqlite3_column_double(s.get(), 4);
    row.terms_with_two_ceos = sqlite3_column_double(s.get(), 5);
    row.terms_with_three_or_more_ceos = sqlite3_column_double(s.get(), 6);
    out.push_back(row);
  };
  for (const auto& size : kSizeClasses) {
    Statement s(db, select + " WHERE c.size_class = ?");
    s.bind(1, std::string(size.label));
    if (s.step() && sqlite3_column_int(s.get(), 0) > 0) read(s, std::string(size.label));
  }
  Statement all(db, select);
  if (all.step()) read(all, "all");
  return out;
}

namespace {

std::string number_text(double v) {
  return std::isnan(v) ? "NA" : fmt::format("{}", v);
}

// Writes `table` (series or run_series) one row per month: the key columns (configuration and
// statistic, or configuration and replicate), the month, then one column per metric.
void export_series(sqlite3* db, const StoreShape& shape, const char* table, bool aggregated,
                   const std::filesystem::path& dir, const std::string& format,
                   nlohmann::ordered_json& all) {
  const int months = shape.months;
  const engine::Calendar calendar(shape.start, months);
  std::map<std::string, std::size_t> metric_index;
  for (std::size_t m = 0; m < model::kMetricCount; ++m)
    metric_index[std::string(model::kMetrics[m].name)] = m;
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
  Statement s(db, fmt::format("SELECT configuration, {}, metric, months FROM {} ORDER BY "
                              "configuration, {}, metric",
                              second, table, second));
  while (s.step()) {
    const std::int64_t configuration = sqlite3_column_int64(s.get(), 0);
    const std::string label =
        aggregated ? text_column(s.get(), 1) : std::to_string(sqlite3_column_int64(s.get(), 1));
    const std::int64_t key =
        aggregated ? configuration : (configuration << 32U) | sqlite3_column_int64(s.get(), 1);
    if (key != group) {
      flush();
      group = key;
    }
    if (labels.empty() || labels.back() != label) {
      labels.push_back(label);
      blocks.emplace_back(static_cast<std::size_t>(months) * model::kMetricCount,
                          std::numeric_limits<double>::quiet_NaN());
    }
    const auto it = metric_index.find(text_column(s.get(), 2));
    const auto* blob = static_cast<const char*>(sqlite3_column_blob(s.get(), 3));
    const int bytes = sqlite3_column_bytes(s.get(), 3);
    if (it == metric_index.end() || blob == nullptr ||
        bytes != months * static_cast<int>(sizeof(float))) {
      continue;
    }
    for (int month = 0; month < months; ++month) {
      float v = 0;
      std::memcpy(&v, blob + static_cast<std::size_t>(month) * sizeof(float), sizeof(float));
      blocks.back()[static_cast<std::size_t>(month) * model::kMetricCount + it->second] = v;
    }
  }
  flush();
  if (format == "csv") write_file_atomically(dir / fmt::format("{}.csv", table), csv);
  all[table] = std::move(rows);
}

void export_tables(sqlite3* db, const StoreShape& shape, const std::filesystem::path& dir,
                   const std::string& format) {
  nlohmann::ordered_json all;
  for (std::size_t t = 0; t < std::size(kTables); ++t) {
    if (t >= 3) {  // series and run_series: BLOBs written out one row per month
      export_series(db, shape, kTables[t], t == 3, dir, format, all);
      continue;
    }
    store_sqlite::export_table(db, kTables[t], kTableOrder[t], dir, format, all);
  }
  // A store's text is not checked for UTF-8 by SQLite: bytes that are not are written as U+FFFD.
  if (format == "json") {
    write_file_atomically(dir / "store.json",
                          all.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  }
}

}  // namespace

void store_sqlite::export_table(sqlite3* db, const char* table, const char* order,
                                const std::filesystem::path& dir, const std::string& format,
                                nlohmann::ordered_json& all) {
  Statement s(db, fmt::format("SELECT * FROM {} ORDER BY {}", table, order));
  const int columns = sqlite3_column_count(s.get());
  std::string csv;
  for (int c = 0; c < columns; ++c)
    csv += fmt::format("{}{}", c == 0 ? "" : ",", sqlite3_column_name(s.get(), c));
  csv += '\n';
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  while (s.step()) {
    nlohmann::ordered_json row;
    for (int c = 0; c < columns; ++c) {
      const int type = sqlite3_column_type(s.get(), c);
      const char* name = sqlite3_column_name(s.get(), c);
      std::string text;
      if (type == SQLITE_NULL) {
        text = "NA";
        row[name] = nullptr;
      } else if (type == SQLITE_INTEGER) {
        row[name] = sqlite3_column_int64(s.get(), c);
        text = std::to_string(sqlite3_column_int64(s.get(), c));
      } else if (type == SQLITE_FLOAT) {
        row[name] = sqlite3_column_double(s.get(), c);
        text = fmt::format("{}", sqlite3_column_double(s.get(), c));
      } else {
        text = text_column(s.get(), c);
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
  if (format == "csv") write_file_atomically(dir / fmt::format("{}.csv", table), csv);
  all[table] = std::move(rows);
}

void export_store(const std::filesystem::path& store, const std::filesystem::path& dir,
                  const std::string& format) {
  StoreShape shape;
  const Db guard = open_checked(store, shape);
  sqlite3* db = guard.get();
  StagedFolder folder(dir, "--out", kExportFiles);
  if (shape.kind == "sensitivity") {
    store_sqlite::export_sensitivity_tables(db, folder.path(), format);
  } else {
    export_tables(db, shape, folder.path(), format);
  }
  folder.commit();
}

}  // namespace samspel::io
