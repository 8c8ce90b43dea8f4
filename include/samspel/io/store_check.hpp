// A results store is input like any file: before a reader sizes an array by the store's counts
// or indexes one by its ids, the store's tables are checked against the study's own
// description (its identity), so a damaged or edited store is refused instead of read out of
// bounds.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "samspel/engine/calendar.hpp"

namespace samspel::io {

namespace sqlite {
class Database;
}

struct StoreShape {
  std::string kind;  // compare, sweep, population, sensitivity
  int replicates = 0;
  int months = 0;
  engine::YearMonth start{};
  std::size_t configurations = 0;
  bool keep_series = false;
  // A sensitivity store's points (the base point and the design's), factors and outputs.
  std::size_t points = 0;
  std::size_t factors = 0;
  std::size_t outputs = 0;
};

// Checks the open store `db` and returns its shape: ids of runs and
// series within the configurations and replicates, every BLOB exactly `months` floats, counts
// within what samspel writes. Throws ScenarioError, one line naming the store and what is wrong.
StoreShape check_store(const sqlite::Database& db);

// Whether JSON text nests at most `max_depth` levels of arrays and objects (readers recurse
// once per level).
bool json_depth_within(std::string_view text, int max_depth);

}  // namespace samspel::io
