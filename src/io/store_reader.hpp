// A results store read back: opened and checked once, then its study, configurations, runs and
// series as export, report and compare need them. Internal to io/.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "samspel/io/comparison.hpp"
#include "samspel/io/store.hpp"
#include "samspel/io/store_check.hpp"
#include "sqlite.hpp"

namespace samspel::io {

struct StoredConfiguration {
  std::string label;
  std::string municipality;
  std::string size_class;
  std::string assignments;  // a JSON array of key=value
};

// One row of series (a configuration's band statistic) or run_series (one run's), with the
// months of its metric.
struct SeriesRow {
  std::int64_t configuration = 0;
  std::string statistic;       // series
  std::int64_t replicate = 0;  // run_series
  std::size_t metric = 0;      // index into model::kMetrics
  std::vector<float> months;
};

class StoreReader {
 public:
  // ScenarioError unless `store` is a store that holds what it says (store_check.hpp).
  explicit StoreReader(const std::filesystem::path& store);

  const StoreShape& shape() const { return shape_; }
  const sqlite::Database& db() const { return *db_; }
  std::map<std::string, std::string> study() const;
  std::vector<StoredConfiguration> configurations() const;
  Comparison comparison() const;
  std::vector<SizeClassSummary> population_summary() const;
  // The rows of series (`aggregated`) or run_series in key order, those `where` admits (SQL,
  // may be empty); rows of an unknown metric are passed over.
  void for_each_series(bool aggregated, const std::string& where,
                       const std::function<void(const SeriesRow&)>& row) const;

 private:
  StoreShape shape_;
  std::unique_ptr<sqlite::Database> db_;
};

}  // namespace samspel::io
