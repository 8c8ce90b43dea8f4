#include "samspel/io/store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <utility>

#include "samspel/engine/statistics.hpp"
#include "samspel/model/observation.hpp"
#include "sqlite.hpp"
#include "store_canonical.hpp"
#include "store_open.hpp"
#include "store_schema.hpp"

namespace samspel::io {

using sqlite::Statement;

namespace {

std::string placeholders(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i)
    s += i == 0 ? "?" : ", ?";
  return s;
}

}  // namespace

Store::Store(const std::filesystem::path& path, const StudyDescription& study)
    : path_(path),
      lock_(path),
      calendar_(study.calendar),
      db_(open_for_writing(
          path, study.identity(), study.git_revision,
          [&study](const sqlite::Database& db) { create_study_store(db, study); })) {}

Store::~Store() = default;

std::size_t Store::run_count() const {
  Statement s(*db_, "SELECT count(*) FROM runs");
  s.step();
  return static_cast<std::size_t>(s.integer(0));
}

std::set<std::pair<int, int>> Store::finished_runs(const std::vector<int>& configurations) const {
  std::set<std::pair<int, int>> done;
  Statement s(*db_, "SELECT replicate FROM runs WHERE configuration = ?");
  for (const int c : configurations) {
    s.reset();
    s.bind(1, static_cast<std::int64_t>(c));
    while (s.step())
      done.emplace(c, static_cast<int>(s.integer(0)));
  }
  return done;
}

std::vector<bool> Store::aggregated_configurations(std::size_t count) const {
  return ids_present(*db_, "SELECT DISTINCT configuration FROM series", count);
}

void Store::begin() {
  db_->execute("BEGIN");
}
void Store::commit() {
  db_->execute("COMMIT");
}

void Store::finish() {
  insert_run_.reset();
  insert_run_series_.reset();
  insert_series_.reset();
  rewrite_canonically(std::move(db_));
}

Statement& Store::prepared(std::unique_ptr<Statement>& slot, const std::string& sql) {
  if (slot == nullptr) slot = std::make_unique<Statement>(*db_, sql);
  slot->reset();  // after a failed step, too
  return *slot;
}

void Store::insert_run(int configuration, int replicate, std::uint64_t seed,
                       std::span<const double> measures) {
  Statement& s = prepared(insert_run_, fmt::format("INSERT INTO runs VALUES (?, ?, ?, {})",
                                                   placeholders(measures.size())));
  s.bind(1, std::int64_t{configuration});
  s.bind(2, std::int64_t{replicate});
  s.bind(3, static_cast<std::int64_t>(seed));
  for (std::size_t i = 0; i < measures.size(); ++i)
    s.bind(static_cast<int>(i + 4), measures[i]);
  s.run();
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

}  // namespace

void Store::insert_run_series(int configuration, int replicate, std::span<const float> series) {
  Statement& s = prepared(insert_run_series_, "INSERT INTO run_series VALUES (?, ?, ?, ?)");
  const auto months = static_cast<std::size_t>(calendar_.months());
  for (const std::size_t m : metrics_by_name()) {
    s.bind(1, std::int64_t{configuration});
    s.bind(2, std::int64_t{replicate});
    s.bind_static(3, model::kMetrics[m].name);
    s.bind_months(4, series.subspan(m * months, months));
    s.run();
  }
}

void Store::insert_series(int configuration, std::span<const float> bands) {
  Statement& s = prepared(insert_series_, "INSERT INTO series VALUES (?, ?, ?, ?)");
  const auto months = static_cast<std::size_t>(calendar_.months());
  // (The statistics' names are in alphabetical order already.)
  for (std::size_t stat = 0; stat < engine::kBandSize; ++stat) {
    for (const std::size_t m : metrics_by_name()) {
      s.bind(1, std::int64_t{configuration});
      s.bind_static(2, engine::kBandStatistics[stat]);
      s.bind_static(3, model::kMetrics[m].name);
      s.bind_months(4, bands.subspan((stat * model::kMetricCount + m) * months, months));
      s.run();
    }
  }
}

}  // namespace samspel::io
