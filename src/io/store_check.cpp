#include "samspel/io/store_check.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "samspel/engine/statistics.hpp"
#include "samspel/io/scenario.hpp"
#include "samspel/io/toml_depth.hpp"

namespace samspel::io {

namespace {

using Json = nlohmann::json;
using Query = std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)>;

// What samspel itself can write: the scenario's bounds (years 1-100, replicates up to ten
// million) and a sweep's largest design.
constexpr std::int64_t kMaxReplicates = 10'000'000;
constexpr std::int64_t kMaxMonths = 100 * 12;
constexpr std::int64_t kMaxConfigurations = 10'000'000;

[[noreturn]] void damaged(const std::filesystem::path& path, std::string_view what) {
  throw one_line_error(fmt::format(
      "{}: not a samspel results store ({}); allowed: a store as samspel compare, sweep "
      "or a population run wrote it",
      path.string(), what));
}

class Checker {
 public:
  Checker(sqlite3* db, const std::filesystem::path& path) : db_(db), path_(path) {}

  StoreShape shape() {
    // A damaged page would otherwise surface midway through a reader, as a failed step or as
    // rows silently missing.
    {
      const Query q = prepare("PRAGMA quick_check(1)");
      const int rc = sqlite3_step(q.get());
      const auto* result = rc == SQLITE_ROW ? sqlite3_column_text(q.get(), 0) : nullptr;
      if (result == nullptr) damaged(path_, sqlite3_errmsg(db_));
      const std::string verdict = reinterpret_cast<const char*>(result);
      if (verdict != "ok") damaged(path_, verdict.substr(0, 200));
    }
    for (const char* table : {"study", "configurations", "runs", "series", "run_series"}) {
      if (count(fmt::format("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
                            "'{}'",
                            table)) != 1) {
        damaged(path_, fmt::format("no {} table", table));
      }
    }
    if (value("schema_version") != "1") damaged(path_, "schema_version is not 1");
    StoreShape s;
    s.kind = value("kind");
    if (s.kind != "compare" && s.kind != "sweep" && s.kind != "population")
      damaged(path_, "kind is not compare, sweep or population");
    const Json identity = Json::parse(value("identity"), nullptr, false);
    if (!identity.is_object()) damaged(path_, "the study's identity is not a JSON object");
    s.replicates = static_cast<int>(described(identity, "replicates", 1, kMaxReplicates));
    s.months = static_cast<int>(described(identity, "months", 1, kMaxMonths));
    const std::string start = value("start");
    const auto ym = engine::parse_year_month(start);
    if (!ym || identity.value("start", Json()) != start)
      damaged(path_, "start is not the month of the study's identity");
    s.start = *ym;
    const std::string keep = value("keep_series");
    if ((keep != "true" && keep != "false") ||
        identity.value("keep_series", Json()) != Json(keep == "true")) {
      damaged(path_, "keep_series is not that of the study's identity");
    }
    s.keep_series = keep == "true";
    if (identity.value("kind", Json()) != s.kind)
      damaged(path_, "kind is not that of the study's identity");
    for (const char* key : {"base_parameters", "design"}) {
      if (!json_depth_within(value(key), kMaxTomlDepth))
        damaged(path_, fmt::format("{} is nested too deeply", key));
    }
    s.configurations = configurations(identity);
    check_rows(s);
    return s;
  }

 private:
  Query prepare(const std::string& sql) const {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      sqlite3_finalize(stmt);
      damaged(path_, sqlite3_errmsg(db_));
    }
    return {stmt, sqlite3_finalize};
  }

  std::int64_t count(const std::string& sql) const {
    const Query q = prepare(sql);
    if (sqlite3_step(q.get()) != SQLITE_ROW) damaged(path_, sqlite3_errmsg(db_));
    return sqlite3_column_int64(q.get(), 0);
  }

  std::string value(const char* key) const {
    const Query q = prepare("SELECT value FROM study WHERE key = ?");
    sqlite3_bind_text(q.get(), 1, key, -1, SQLITE_STATIC);
    const int rc = sqlite3_step(q.get());
    if (rc == SQLITE_DONE) damaged(path_, fmt::format("the study has no {}", key));
    if (rc != SQLITE_ROW) damaged(path_, sqlite3_errmsg(db_));
    const auto* text = sqlite3_column_text(q.get(), 0);
    return text == nullptr ? std::string() : reinterpret_cast<const char*>(text);
  }

  // A count kept twice, as a study value and in the identity: both the same, within [lo, hi].
  std::int64_t described(const Json& identity, const char* key, std::int64_t lo,
                         std::int64_t hi) const {
    const std::string text = value(key);
    const Json stored = identity.value(key, Json());
    if (!stored.is_number_integer() || stored.dump() != text)
      damaged(path_, fmt::format("{} {} is not that of the study's identity", key, text));
    const auto n = stored.get<std::int64_t>();
    if (n < lo || n > hi)
      damaged(path_, fmt::format("{} {} is outside [{}, {}]", key, text, lo, hi));
    return n;
  }

  // Ids 0 to count - 1, as many as the identity says, each with a label.
  std::size_t configurations(const Json& identity) const {
    const Json listed = identity.value("configurations", Json());
    const Json described = listed.is_object() ? listed.value("count", Json()) : Json();
    if (!described.is_number_integer())
      damaged(path_, "the study's identity has no count of configurations");
    const auto n = described.get<std::int64_t>();
    if (n < 1 || n > kMaxConfigurations)
      damaged(path_, fmt::format("{} configurations; allowed: 1 to {}", n, kMaxConfigurations));
    const std::int64_t rows = count("SELECT count(*) FROM configurations");
    const std::int64_t within = count(fmt::format(
        "SELECT count(*) FROM configurations WHERE typeof(id) = 'integer' AND id >= 0 AND id < {} "
        "AND typeof(label) = 'text' AND typeof(assignments) = 'text'",
        n));
    if (rows != n || within != n) {
      damaged(path_, fmt::format("the configurations table holds {} rows, {} of them with ids 0 "
                                 "to {} and a label, not the study's {}",
                                 rows, within, n - 1, n));
    }
    return static_cast<std::size_t>(n);
  }

  void none(const std::string& sql, std::string_view what) const {
    const std::int64_t bad = count(sql);
    if (bad > 0) damaged(path_, fmt::format("{} row{} of {}", bad, bad == 1 ? "" : "s", what));
  }

  void check_rows(const StoreShape& s) const {
    const std::string configuration = fmt::format(
        "(typeof(configuration) != 'integer' OR configuration < 0 OR configuration >= {})",
        s.configurations);
    const std::string replicate = fmt::format(
        "(typeof(replicate) != 'integer' OR replicate < 0 OR replicate >= {})", s.replicates);
    const std::string months =
        fmt::format("(typeof(months) != 'blob' OR length(months) != {})", 4 * s.months);
    std::string statistics;
    for (const char* name : engine::kBandStatistics)
      statistics += fmt::format("{}'{}'", statistics.empty() ? "" : ", ", name);
    none(fmt::format("SELECT count(*) FROM runs WHERE {} OR {}", configuration, replicate),
         "runs with a configuration or replicate outside the study");
    none(fmt::format("SELECT count(*) FROM series WHERE {}", configuration),
         "series with a configuration outside the study");
    none(fmt::format("SELECT count(*) FROM series WHERE typeof(statistic) != 'text' OR statistic "
                     "NOT IN ({}) OR typeof(metric) != 'text'",
                     statistics),
         "series without a known statistic and a metric");
    none(fmt::format("SELECT count(*) FROM series WHERE {}", months),
         fmt::format("series whose months are not {} numbers", s.months));
    none(fmt::format("SELECT count(*) FROM run_series WHERE {} OR {} OR typeof(metric) != 'text'",
                     configuration, replicate),
         "run_series with a configuration or replicate outside the study");
    none(fmt::format("SELECT count(*) FROM run_series WHERE {}", months),
         fmt::format("run_series whose months are not {} numbers", s.months));
  }

  sqlite3* db_;
  const std::filesystem::path& path_;
};

}  // namespace

StoreShape check_store(sqlite3* db, const std::filesystem::path& path) {
  return Checker(db, path).shape();
}

bool json_depth_within(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

}  // namespace samspel::io
