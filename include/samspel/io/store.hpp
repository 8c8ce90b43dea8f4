// The results store of a study: one SQLite file holding the study's provenance and design, one
// row per run and the aggregated monthly series of each configuration (docs/results.md).
// Runs are written in transactions as they finish, so an interrupted study keeps every run
// committed before the interruption and can be resumed; a finished study's store is rewritten
// from its contents alone, so its bytes do not depend on how the runs reached it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "samspel/engine/calendar.hpp"
#include "samspel/io/comparison.hpp"
#include "samspel/io/store_lock.hpp"

namespace samspel::io {

namespace sqlite {
class Database;
class Statement;
}  // namespace sqlite

struct StudyConfiguration {
  std::string label;                     // "strategy.foundation=roles", or the municipality's name
  std::string municipality;              // for population studies, else empty
  std::string size_class;                // for population studies, else empty
  std::vector<std::string> assignments;  // key=value applied to the base scenario
};

struct StudyDescription {
  std::string kind;  // compare, sweep, population
  std::size_t configuration_count = 0;
  // Configuration i, made when asked for: a study of a million configurations never holds
  // them all.
  std::function<StudyConfiguration(std::size_t)> configuration;
  int replicates = 0;
  std::uint64_t seed = 0;
  engine::Calendar calendar{{2010, 1}, 12};
  bool keep_series = false;
  std::string base_parameters_json;  // every dictionary key of the base scenario, resolved
  std::string design_json;           // how the configurations were made (axes, design, points)
  // Provenance; not part of the design.
  std::string samspel_version;
  std::string git_revision;
  std::string command_line;

  // Everything that decides the results: a resumed study must match it exactly.
  std::string identity() const;
};

class Store {
 public:
  // Opens the store at `path`, creating it for `study` if it does not exist. An existing store
  // must have been made for the same study (design, code revision); otherwise ScenarioError
  // and the file is left untouched. A store has one writer at a time: ScenarioError if another
  // process has it open (store_lock.hpp).
  Store(const std::filesystem::path& path, const StudyDescription& study);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // How many runs are stored.
  std::size_t run_count() const;
  // (configuration, replicate) of the stored runs of the given configurations: asked window by
  // window, so a resumed study of a million runs does not hold them all.
  std::set<std::pair<int, int>> finished_runs(const std::vector<int>& configurations) const;
  // For each of `count` configurations, whether its aggregated series are stored.
  std::vector<bool> aggregated_configurations(std::size_t count) const;

  void begin();
  void commit();
  // `seed`: the seed the run drew from (the study's seed policy, study/seeds.hpp), recorded
  // with it.
  void insert_run(int configuration, int replicate, std::uint64_t seed,
                  std::span<const double> measures);
  // One run's series (only with keep_series): kMetricCount x months values, each metric's
  // months contiguous (they are its BLOB).
  void insert_run_series(int configuration, int replicate, std::span<const float> series);
  // bands[statistic][metric][month] for statistics mean, q05, q25, q50, q75, q95.
  void insert_series(int configuration, std::span<const float> bands);

  // Ends the writing once every configuration is stored: the store is rewritten from its
  // contents alone (in the order of their keys, in one transaction), so that a study makes the
  // same file whatever the threads, the MPI ranks, the memory budget, the timing of the commits
  // or an interruption and resume; then it is closed, and nothing else may be called. A store
  // that another connection (a reader) has open at that moment is left as it was written, with
  // the same contents.
  void finish();

  const std::filesystem::path& path() const { return path_; }

 private:
  // The statement in `slot`, prepared on first use.
  sqlite::Statement& prepared(std::unique_ptr<sqlite::Statement>& slot, const std::string& sql);

  std::filesystem::path path_;
  StoreLock lock_;  // taken before the store is looked at
  engine::Calendar calendar_;
  // Declared before the statements, so that it is closed after them.
  std::unique_ptr<sqlite::Database> db_;
  std::unique_ptr<sqlite::Statement> insert_run_;
  std::unique_ptr<sqlite::Statement> insert_run_series_;
  std::unique_ptr<sqlite::Statement> insert_series_;
};

// A comparison study's runs, read back for paired differences (variant = configuration).
Comparison read_comparison(const std::filesystem::path& store);

// Population results by size class (and "all"): municipalities, the share of them with a
// majority shift per election, CEO changes per year, the share of CEO exits over cooperation,
// and the distribution of kommunchefer per four-year period (the share of periods with a change,
// with exactly two and with three or more); means over runs.
struct SizeClassSummary {
  std::string size_class;
  int municipalities = 0;
  double majority_shift_per_election = 0;
  double ceo_changes_per_year = 0;
  double ceo_exits_cooperation_share = 0;
  double terms_with_ceo_change = 0;
  double terms_with_two_ceos = 0;
  double terms_with_three_or_more_ceos = 0;
};
std::vector<SizeClassSummary> population_summary(const std::filesystem::path& store);

// The files of an export folder.
inline constexpr std::string_view kExportFiles[] = {
    "study.csv",      "configurations.csv", "runs.csv",          "series.csv",
    "run_series.csv", "store.json",         "factors.csv",       "outputs.csv",
    "blocks.csv",     "design.csv",         "point_outputs.csv", "indices.csv"};
// Writes every table of a store as CSV files into `dir` (one per table) or as one JSON
// document to `dir`/store.json. Rows are ordered by their keys, so equal stores export equally.
// The store is checked first (store_check.hpp) and `dir` replaced whole (staged_folder.hpp):
// ScenarioError for a damaged store or a folder that cannot be written, and nothing created.
void export_store(const std::filesystem::path& store, const std::filesystem::path& dir,
                  const std::string& format);

}  // namespace samspel::io
