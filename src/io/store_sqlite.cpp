#include "store_sqlite.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <limits>
#include <stdexcept>

#include "samspel/io/scenario.hpp"

namespace samspel::io::store_sqlite {

void fail(sqlite3* db, const std::string& what) {
  if (sqlite3_db_readonly(db, "main") == 1) {
    const char* file = sqlite3_db_filename(db, "main");
    throw one_line_error(fmt::format(
        "{}: not a samspel results store ({}); allowed: a store as samspel compare, sweep, "
        "sensitivity or a population run wrote it",
        file != nullptr ? file : "results store", sqlite3_errmsg(db)));
  }
  throw std::runtime_error(fmt::format("results store: {}: {}", what, sqlite3_errmsg(db)));
}

Statement::Statement(sqlite3* db, const std::string& sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) fail(db, sql);
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

void Statement::bind(int i, double v) {
  if (std::isnan(v)) {
    sqlite3_bind_null(stmt_, i);
  } else {
    sqlite3_bind_double(stmt_, i, v);
  }
}

void Statement::bind(int i, std::int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
}

void Statement::bind(int i, const std::string& v) {
  sqlite3_bind_text(stmt_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) fail(db_, "step");
  return false;
}

void Statement::run() {
  step();
  sqlite3_reset(stmt_);
}

sqlite3* open_db(const std::filesystem::path& path, int flags) {
  sqlite3* db = nullptr;
  // One thread at a time uses a connection (the study's writer): SQLite's own locking is waste.
  flags |= SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw ScenarioError(
        fmt::format("{}: cannot open the results store: {}", path.string(), message));
  }
  sqlite3_busy_timeout(db, 5000);
  return db;
}

std::string text_column(sqlite3_stmt* s, int column) {
  const auto* text = sqlite3_column_text(s, column);
  return text == nullptr ? std::string() : reinterpret_cast<const char*>(text);
}

double number_column(sqlite3_stmt* s, int column) {
  return sqlite3_column_type(s, column) == SQLITE_NULL ? std::numeric_limits<double>::quiet_NaN()
                                                       : sqlite3_column_double(s, column);
}

std::string study_value(sqlite3* db, const std::string& key) {
  Statement s(db, "SELECT value FROM study WHERE key = ?");
  s.bind(1, key);
  if (!s.step()) return {};
  return text_column(s.get(), 0);
}

void execute(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error(fmt::format("results store: {}: {}", sql.substr(0, 60), message));
  }
}

Db open_checked(const std::filesystem::path& store, StoreShape& shape) {
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(store, ignored))
    throw ScenarioError(fmt::format("{}: no such results store", store.string()));
  Db db(open_db(store, SQLITE_OPEN_READONLY), sqlite3_close);
  shape = check_store(db.get(), store);
  return db;
}

namespace {

// The revision that made the store at `path`, or empty if it cannot be read.
std::string stored_revision(const std::filesystem::path& path) {
  sqlite3* db = open_db(path, SQLITE_OPEN_READONLY);
  std::string r;
  try {
    r = study_value(db, "git_revision");
  } catch (const std::exception&) {
  }
  sqlite3_close(db);
  return r;
}

}  // namespace

sqlite3* open_for_writing(const std::filesystem::path& path, const std::string& identity,
                          const std::string& git_revision,
                          const std::function<void(sqlite3*)>& create) {
  sqlite3* db = nullptr;
  if (std::filesystem::exists(path)) {
    db = open_db(path, SQLITE_OPEN_READWRITE);
    std::string stored;
    try {
      stored = study_value(db, "identity");
    } catch (const std::exception&) {
      stored.clear();
    }
    if (stored != identity) {
      sqlite3_close(db);
      const std::string revision = stored_revision(path);
      throw ScenarioError(fmt::format(
          "{}: the store holds a different study{}; allowed: the same command and scenario as "
          "made it (to resume), or a new --store path",
          path.string(),
          !revision.empty() && revision != git_revision
              ? fmt::format(" (made by samspel {}, this is {})", revision, git_revision)
              : ""));
    }
    // Resuming appends to what is there: a damaged or edited store is refused now, not read
    // midway through the study (or by its report).
    try {
      check_store(db, path);
    } catch (...) {
      sqlite3_close(db);
      throw;
    }
  } else {
    const std::filesystem::path temp = path.string() + ".new";
    std::filesystem::remove(temp);
    db = open_db(temp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    try {
      create(db);
    } catch (...) {
      sqlite3_close(db);
      throw;
    }
    sqlite3_close(db);
    std::filesystem::rename(temp, path);
    db = open_db(path, SQLITE_OPEN_READWRITE);
  }
  // Write-ahead log with synchronous NORMAL: a commit survives the process being killed (the
  // guarantee studies need) without an fsync per transaction.
  try {
    execute(db, "PRAGMA journal_mode = WAL");
    execute(db, "PRAGMA synchronous = NORMAL");
    execute(db, "PRAGMA cache_size = -16384");  // 16 MB
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  return db;
}

}  // namespace samspel::io::store_sqlite
