// The tables of a results store (docs/results.md) and how a new study store is made. Internal
// to io/.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "samspel/engine/calendar.hpp"
#include "samspel/io/store.hpp"
#include "sqlite.hpp"

namespace samspel::io {

// A table and the key its rows are exported in.
struct OrderedTable {
  const char* table;
  const char* order;
};

// The tables of a compare, sweep or population store, in export order.
inline constexpr OrderedTable kStudyTables[] = {{"study", "key"},
                                                {"configurations", "id"},
                                                {"runs", "configuration, replicate"},
                                                {"series", "configuration, statistic, metric"},
                                                {"run_series", "configuration, replicate, metric"}};

// The tables of a sensitivity store (sensitivity_store.cpp), in export order.
inline constexpr OrderedTable kSensitivityTables[] = {{"study", "key"},
                                                      {"factors", "id"},
                                                      {"outputs", "id"},
                                                      {"blocks", "id"},
                                                      {"design", "point, factor"},
                                                      {"point_outputs", "point, output"},
                                                      {"indices", "output, factor"}};

// What the identity of every kind of study starts with: what decides its runs.
nlohmann::ordered_json identity_head(std::string_view kind, int replicates, std::uint64_t seed,
                                     const engine::Calendar& calendar, bool keep_series,
                                     const std::string& base_parameters_json);

// Writes the rows (key, value) of a new store's study table.
void insert_study_values(const sqlite::Database& db,
                         std::span<const std::pair<const char*, std::string>> values);

// Which of the ids 0 to count - 1 the query `sql` returns (in its first column).
std::vector<bool> ids_present(const sqlite::Database& db, const std::string& sql,
                              std::size_t count);

// Makes the tables of `study`'s store in the empty database `db` and writes its description.
void create_study_store(const sqlite::Database& db, const StudyDescription& study);

}  // namespace samspel::io
