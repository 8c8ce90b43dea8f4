#include "sqlite.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "samspel/io/scenario.hpp"

namespace samspel::io::sqlite {

namespace {

int open_flags(Mode mode) {
  // A reader opens the store for writing too (where the file allows it) and then writes
  // nothing (query_only): the last connection to close a store in write-ahead-log mode removes
  // its -wal and -shm files only if it may write, so a read-only one would leave them behind.
  // One thread at a time uses a connection (the study's writer): SQLite's own locking is waste.
  const int access =
      mode == Mode::create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READWRITE;
  return access | SQLITE_OPEN_NOMUTEX;
}

}  // namespace

Database::Database(const std::filesystem::path& path, Mode mode)
    : path_(path), reading_(mode == Mode::read) {
  if (sqlite3_open_v2(path.c_str(), &db_, open_flags(mode), nullptr) != SQLITE_OK ||
      (reading_ &&
       sqlite3_exec(db_, "PRAGMA query_only = ON", nullptr, nullptr, nullptr) != SQLITE_OK)) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw ScenarioError(
        fmt::format("{}: cannot open the results store: {}", path.string(), message));
  }
  sqlite3_busy_timeout(db_, 5000);
}

Database::~Database() {
  // The last connection to close checkpoints the write-ahead log into the store and removes
  // the -wal and -shm files.
  sqlite3_close(db_);
}

void Database::fail(std::string_view what) const {
  if (reading_) refuse(sqlite3_errmsg(db_));
  throw std::runtime_error(fmt::format("results store: {}: {}", what, sqlite3_errmsg(db_)));
}

void Database::refuse(std::string_view why) const {
  throw one_line_error(fmt::format("{}: not a samspel results store ({}); allowed: {}",
                                   path_.string(), why, kStoreAllowed));
}

void Database::execute(const std::string& sql) const {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    if (reading_) refuse(message);
    throw std::runtime_error(fmt::format("results store: {}: {}", sql.substr(0, 60), message));
  }
}

void Database::roll_back() const noexcept {
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

std::string Database::study_value(const std::string& key) const {
  Statement s(*this, "SELECT value FROM study WHERE key = ?");
  s.bind(1, key);
  return s.step() ? s.text(0) : std::string();
}

Statement::Statement(const Database& db, const std::string& sql) : db_(db) {
  if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) db.fail(sql);
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

void Statement::bind_static(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}

// A series is its months as little-endian IEEE-754 single-precision numbers, bound straight
// from the caller's memory (SQLite copies it into the page when the statement steps).
void Statement::bind_months(int i, std::span<const float> months) {
  static_assert(std::endian::native == std::endian::little,
                "the store's BLOBs are little-endian floats");
  sqlite3_bind_blob(stmt_, i, months.data(), static_cast<int>(months.size_bytes()), SQLITE_STATIC);
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) db_.fail("step");
  return false;
}

void Statement::run() {
  step();
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

double Statement::real(int column) const {
  return sqlite3_column_double(stmt_, column);
}

double Statement::number(int column) const {
  return is_null(column) ? std::numeric_limits<double>::quiet_NaN() : real(column);
}

std::string Statement::text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  return text == nullptr ? std::string() : reinterpret_cast<const char*>(text);
}

std::optional<std::vector<float>> Statement::months(int column, std::size_t months) const {
  const void* blob = sqlite3_column_blob(stmt_, column);
  const auto bytes = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column));
  if (blob == nullptr || bytes != months * sizeof(float)) return std::nullopt;
  std::vector<float> values(months);
  std::memcpy(values.data(), blob, bytes);
  return values;
}

int Statement::column_count() const {
  return sqlite3_column_count(stmt_);
}

Type Statement::column_type(int column) const {
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_INTEGER:
      return Type::integer;
    case SQLITE_FLOAT:
      return Type::real;
    case SQLITE_TEXT:
      return Type::text;
    case SQLITE_BLOB:
      return Type::blob;
    default:
      return Type::null;
  }
}

const char* Statement::column_name(int column) const {
  return sqlite3_column_name(stmt_, column);
}

}  // namespace samspel::io::sqlite
