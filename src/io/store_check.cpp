#include "samspel/io/store_check.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "samspel/engine/statistics.hpp"
#include "samspel/io/names.hpp"
#include "samspel/io/scenario.hpp"
#include "samspel/io/toml_depth.hpp"
#include "sqlite.hpp"

namespace samspel::io {

namespace {

using Json = nlohmann::json;
using sqlite::Statement;

// What samspel itself can write: the [run] keys' bounds (names.hpp) and a sweep's largest design.
constexpr auto kMaxReplicates = static_cast<std::int64_t>(run_key("replicates").high);
constexpr auto kMaxMonths = static_cast<std::int64_t>(run_key("years").high) * 12;
constexpr std::int64_t kMaxConfigurations = 10'000'000;
// A sensitivity analysis's factors and outputs: the dictionary's parameters, a file's measures.
constexpr std::size_t kMaxListed = 100'000;

constexpr const char* kStudyTables[] = {"configurations", "runs", "series", "run_series"};
constexpr const char* kSensitivityTables[] = {"factors", "outputs",       "blocks",
                                              "design",  "point_outputs", "indices"};

class Checker {
 public:
  explicit Checker(const sqlite::Database& db) : db_(db) {}

  StoreShape shape() {
    // A damaged page would otherwise surface midway through a reader, as a failed step or as
    // rows silently missing.
    {
      Statement q(db_, "PRAGMA quick_check(1)");
      if (!q.step()) damaged("PRAGMA quick_check returned nothing");
      const std::string verdict = q.text(0);
      if (verdict != "ok") damaged(verdict.substr(0, 200));
    }
    has_table("study");
    if (value("schema_version") != "1") damaged("schema_version is not 1");
    StoreShape s;
    s.kind = value("kind");
    const bool sensitivity = s.kind == "sensitivity";
    if (s.kind != "compare" && s.kind != "sweep" && s.kind != "population" && !sensitivity)
      damaged("kind is not compare, sweep, population or sensitivity");
    const std::span<const char* const> tables =
        sensitivity ? std::span<const char* const>(kSensitivityTables)
                    : std::span<const char* const>(kStudyTables);
    for (const char* table : tables)
      has_table(table);
    const Json identity = Json::parse(value("identity"), nullptr, false);
    if (!identity.is_object()) damaged("the study's identity is not a JSON object");
    s.replicates = static_cast<int>(described(identity, "replicates", 1, kMaxReplicates));
    s.months = static_cast<int>(described(identity, "months", 1, kMaxMonths));
    const std::string start = value("start");
    const auto ym = engine::parse_year_month(start);
    if (!ym || identity.value("start", Json()) != start)
      damaged("start is not the month of the study's identity");
    s.start = *ym;
    const std::string keep = value("keep_series");
    if ((keep != "true" && keep != "false") ||
        identity.value("keep_series", Json()) != Json(keep == "true")) {
      damaged("keep_series is not that of the study's identity");
    }
    s.keep_series = keep == "true";
    if (identity.value("kind", Json()) != s.kind)
      damaged("kind is not that of the study's identity");
    for (const char* key : {"base_parameters", "design"}) {
      if (!json_depth_within(value(key), kMaxTomlDepth))
        damaged(fmt::format("{} is nested too deeply", key));
    }
    if (sensitivity) {
      check_sensitivity(identity, s);
      return s;
    }
    s.configurations = configurations(identity);
    check_rows(s);
    return s;
  }

 private:
  [[noreturn]] void damaged(std::string_view what) const { db_.refuse(what); }

  std::int64_t count(const std::string& sql) const {
    Statement q(db_, sql);
    if (!q.step()) damaged(fmt::format("{} returned nothing", sql));
    return q.integer(0);
  }

  std::string value(const char* key) const {
    Statement q(db_, "SELECT value FROM study WHERE key = ?");
    q.bind_static(1, key);
    if (!q.step()) damaged(fmt::format("the study has no {}", key));
    return q.text(0);
  }

  // A count kept twice, as a study value and in the identity: both the same, within [lo, hi].
  std::int64_t described(const Json& identity, const char* key, std::int64_t lo,
                         std::int64_t hi) const {
    const std::string text = value(key);
    const Json stored = identity.value(key, Json());
    if (!stored.is_number_integer() || stored.dump() != text)
      damaged(fmt::format("{} {} is not that of the study's identity", key, text));
    const auto n = stored.get<std::int64_t>();
    if (n < lo || n > hi) damaged(fmt::format("{} {} is outside [{}, {}]", key, text, lo, hi));
    return n;
  }

  // Ids 0 to count - 1, as many as the identity says, each with a label.
  std::size_t configurations(const Json& identity) const {
    const Json listed = identity.value("configurations", Json());
    const Json described = listed.is_object() ? listed.value("count", Json()) : Json();
    if (!described.is_number_integer())
      damaged("the study's identity has no count of configurations");
    const auto n = described.get<std::int64_t>();
    if (n < 1 || n > kMaxConfigurations)
      damaged(fmt::format("{} configurations; allowed: 1 to {}", n, kMaxConfigurations));
    const std::int64_t rows = count("SELECT count(*) FROM configurations");
    const std::int64_t within = count(fmt::format(
        "SELECT count(*) FROM configurations WHERE typeof(id) = 'integer' AND id >= 0 AND id < {} "
        "AND typeof(label) = 'text' AND typeof(assignments) = 'text'",
        n));
    if (rows != n || within != n) {
      damaged(
          fmt::format("the configurations table holds {} rows, {} of them with ids 0 "
                      "to {} and a label, not the study's {}",
                      rows, within, n - 1, n));
    }
    return static_cast<std::size_t>(n);
  }

  void has_table(const char* table) const {
    if (count(fmt::format("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{}'",
                          table)) != 1) {
      damaged(fmt::format("no {} table", table));
    }
  }

  // Ids 0 to n - 1 in `table`, as many as the identity's `design` lists, each with its text.
  std::size_t listed(const Json& design, const char* key, const char* table,
                     const char* text) const {
    const Json list = design.value(key, Json());
    if (!list.is_array() || list.empty() || list.size() > kMaxListed)
      damaged(fmt::format("the analysis's identity lists no {}", key));
    const std::size_t n = list.size();
    const std::int64_t rows = count(fmt::format("SELECT count(*) FROM {}", table));
    const std::int64_t within = count(fmt::format(
        "SELECT count(*) FROM {} WHERE typeof(id) = 'integer' AND id >= 0 AND id < {} AND "
        "typeof({}) = 'text'",
        table, n, text));
    if (rows != static_cast<std::int64_t>(n) || within != rows)
      damaged(fmt::format("the {} table does not hold the analysis's {} {}", table, n, key));
    return n;
  }

  void check_sensitivity(const Json& identity, StoreShape& s) const {
    const Json design = identity.value("design", Json());
    if (!design.is_object()) damaged("the analysis's identity has no design");
    const Json points = design.value("design_points", Json());
    const Json block = design.value("block_points", Json());
    if (!points.is_number_unsigned() || points.get<std::uint64_t>() < 1 ||
        points.get<std::uint64_t>() > kMaxConfigurations || !block.is_number_unsigned() ||
        block.get<std::uint64_t>() < 1 || block.get<std::uint64_t>() > kMaxConfigurations) {
      damaged(fmt::format("design_points and block_points outside [1, {}]", kMaxConfigurations));
    }
    s.points = points.get<std::size_t>() + 1;
    s.factors = listed(design, "factors", "factors", "key");
    s.outputs = listed(design, "outputs", "outputs", "name");
    const std::size_t blocks = (s.points + block.get<std::size_t>() - 1) / block.get<std::size_t>();
    const auto outside = [](const char* column, std::size_t n) {
      return fmt::format("(typeof({0}) != 'integer' OR {0} < 0 OR {0} >= {1})", column, n);
    };
    none(fmt::format("SELECT count(*) FROM blocks WHERE {} OR first_point != id * {}",
                     outside("id", blocks), block.get<std::size_t>()),
         "blocks outside the analysis");
    none(fmt::format("SELECT count(*) FROM design WHERE {} OR {}", outside("point", s.points),
                     outside("factor", s.factors)),
         "design with a point or factor outside the analysis");
    none(fmt::format("SELECT count(*) FROM point_outputs WHERE {} OR {} OR typeof(replicates) != "
                     "'integer' OR replicates < 0 OR replicates > {}",
                     outside("point", s.points), outside("output", s.outputs), s.replicates),
         "point_outputs with a point, output or count of replicates outside the analysis");
    none(fmt::format("SELECT count(*) FROM indices WHERE {} OR {}", outside("output", s.outputs),
                     outside("factor", s.factors)),
         "indices with an output or factor outside the analysis");
  }

  void none(const std::string& sql, std::string_view what) const {
    const std::int64_t bad = count(sql);
    if (bad > 0) damaged(fmt::format("{} row{} of {}", bad, bad == 1 ? "" : "s", what));
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

  const sqlite::Database& db_;
};

}  // namespace

StoreShape check_store(const sqlite::Database& db) {
  return Checker(db).shape();
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
