// What every kind of results store shares (docs/results.md): SQLite statements and connections,
// reading the study table, and opening a store for a writer: the lock, the identity that must
// match to resume, and a new store built under a temporary name. Internal to io/.
#pragma once

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "samspel/io/store_check.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace samspel::io::store_sqlite {

// A reader that fails on a store that passed check_store has met damage the checks do not see
// (a page or the schema altered): bad input, like any other. A writer's failure (a full disk) is
// not the input's fault.
[[noreturn]] void fail(sqlite3* db, const std::string& what);

// A prepared statement, finalised on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int i, double v);  // NaN as NULL
  void bind(int i, std::int64_t v);
  void bind(int i, const std::string& v);
  bool step();
  void run();  // step and reset for the next row
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

sqlite3* open_db(const std::filesystem::path& path, int flags);
std::string text_column(sqlite3_stmt* s, int column);
double number_column(sqlite3_stmt* s, int column);  // NULL as NaN
std::string study_value(sqlite3* db, const std::string& key);
void execute(sqlite3* db, const std::string& sql);

using Db = std::unique_ptr<sqlite3, int (*)(sqlite3*)>;

// A store opened for reading, refused unless it exists and holds what it says (store_check.hpp).
Db open_checked(const std::filesystem::path& store, StoreShape& shape);

// Opens the store at `path` for its one writer (the caller holds its StoreLock): an existing
// store must hold `identity`, else ScenarioError and the file is left as it was; a new one is
// made by `create` under PATH.new and renamed into place, so a store under its final name
// always describes its study. Write-ahead log with synchronous NORMAL.
sqlite3* open_for_writing(const std::filesystem::path& path, const std::string& identity,
                          const std::string& git_revision,
                          const std::function<void(sqlite3*)>& create);

// Writes `table`, rows ordered by `order`, as TABLE.csv into `dir` (format csv) or into `all`
// (format json; the caller writes store.json). NULL as NA (CSV) or null (JSON).
void export_table(sqlite3* db, const char* table, const char* order,
                  const std::filesystem::path& dir, const std::string& format,
                  nlohmann::ordered_json& all);

// The tables of a sensitivity store (sensitivity_store.cpp), then store.json for format json.
void export_sensitivity_tables(sqlite3* db, const std::filesystem::path& dir,
                               const std::string& format);

}  // namespace samspel::io::store_sqlite
