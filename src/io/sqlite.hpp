// The one wrapper of SQLite in samspel: a connection and its prepared statements, each closed
// on scope exit, with one error policy and one encoding of a series as a BLOB. Internal to io/.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace samspel::io::sqlite {

// What a reader refusing a store says is allowed instead.
inline constexpr std::string_view kStoreAllowed =
    "a store as samspel compare, sweep, sensitivity or a population run wrote it";

enum class Mode { read, write, create };
enum class Type { integer, real, text, blob, null };

class Database {
 public:
  // ScenarioError naming `path` if SQLite cannot open it.
  Database(const std::filesystem::path& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Error policy. A store open for reading is input like any file: a failure there means the
  // file is not what samspel wrote (damage the checks do not see), so it is refused in one line
  // naming it, as ScenarioError. A writer's failure (a full disk) is not the input's fault:
  // std::runtime_error.
  [[noreturn]] void fail(std::string_view what) const;
  // Refuses a store that is open for reading: `why` is what is wrong with it.
  [[noreturn]] void refuse(std::string_view why) const;

  void execute(const std::string& sql) const;
  // Ends the open transaction without its changes, on the way out of a failure: its own
  // failure would hide the first.
  void roll_back() const noexcept;
  // The value of `key` in the study table, or empty if it has none.
  std::string study_value(const std::string& key) const;
  const std::filesystem::path& path() const { return path_; }
  sqlite3* get() const { return db_; }

 private:
  std::filesystem::path path_;
  bool reading_;
  sqlite3* db_ = nullptr;
};

// A prepared statement, finalised on scope exit; it must not outlive its Database.
class Statement {
 public:
  Statement(const Database& db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int i, double v);  // NaN as NULL
  void bind(int i, std::int64_t v);
  void bind(int i, const std::string& v);  // copied
  // Text and series that stay alive and unchanged until the statement steps: not copied.
  void bind_static(int i, std::string_view v);
  void bind_months(int i, std::span<const float> months);

  // The next row (true) or the end (false); a failure midway follows the error policy, so a
  // reader never leaves out rows silently.
  bool step();
  void run();    // step and reset for the next row
  void reset();  // to step again from the first row, with new bindings

  bool is_null(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;    // NULL as 0
  double number(int column) const;  // NULL as NaN
  std::string text(int column) const;
  // A series as bind_months wrote it: `months` values, or nothing if the BLOB does not hold
  // exactly that many.
  std::optional<std::vector<float>> months(int column, std::size_t months) const;

  int column_count() const;
  Type column_type(int column) const;
  const char* column_name(int column) const;

 private:
  const Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace samspel::io::sqlite
