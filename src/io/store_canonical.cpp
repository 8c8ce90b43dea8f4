#include "store_canonical.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace samspel::io {

using sqlite::Database;
using sqlite::Mode;
using sqlite::Statement;

namespace {

struct Table {
  std::string name;
  std::string sql;  // the statement that created it
  std::string key;  // its primary key's columns, in order
};

// The store's tables in the order they were created.
std::vector<Table> tables_of(const Database& db) {
  std::vector<Table> tables;
  {
    Statement s(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY rowid");
    while (s.step())
      tables.push_back({s.text(0), s.text(1), {}});
  }
  for (Table& t : tables) {
    Statement s(db, "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk");
    s.bind(1, t.name);
    while (s.step())
      t.key += (t.key.empty() ? "\"" : ", \"") + s.text(0) + "\"";
    if (t.key.empty())
      throw std::logic_error(fmt::format("results store: table {} has no primary key", t.name));
  }
  return tables;
}

// Whether the writer, alone on the store, took it out of write-ahead-log mode (the log folded
// in and removed). SQLite allows it only to the one connection to a store.
bool leave_write_ahead_log(const Database& writer) {
  try {
    Statement s(writer, "PRAGMA journal_mode = DELETE");
    return s.step() && s.text(0) == "delete";
  } catch (const std::runtime_error&) {
    return false;
  }
}

void sync(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const std::string reason = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    throw std::runtime_error(
        fmt::format("results store: {}: cannot sync: {}", path.string(), reason));
  }
  ::close(fd);
}

int page_size(const Database& db) {
  Statement s(db, "PRAGMA page_size");
  s.step();
  return static_cast<int>(s.integer(0));
}

// The copy of `written` at `copy`: its tables created by their own statements, in the order they
// were, and filled in one transaction in the order of their keys, so that the file depends on
// the rows alone (and SQLite's version), not on the order or the transactions they came in.
void write_copy(const std::filesystem::path& written, const std::filesystem::path& copy,
                const std::vector<Table>& tables, int page) {
  const Database db(copy, Mode::create);
  // No journal: a copy cut short is removed, or left under its temporary name, never used.
  db.execute("PRAGMA journal_mode = OFF");
  db.execute(fmt::format("PRAGMA page_size = {}", page));
  {
    Statement attach(db, "ATTACH DATABASE ? AS written");
    attach.bind(1, written.string());
    attach.run();
  }
  db.execute("BEGIN");
  for (const Table& t : tables)
    db.execute(t.sql);
  for (const Table& t : tables) {
    db.execute(fmt::format("INSERT INTO main.\"{0}\" SELECT * FROM written.\"{0}\" ORDER BY {1}",
                           t.name, t.key));
  }
  db.execute("COMMIT");
  db.execute("DETACH DATABASE written");
}

}  // namespace

bool rewrite_canonically(std::unique_ptr<Database> writer) {
  const std::filesystem::path path = writer->path();
  // A new file renamed over a store in write-ahead-log mode would find the old store's -wal
  // beside it if a reader kept it, and take that log's pages for its own; out of that mode, the
  // store has no log, and a reader on it now reads the old file to its end.
  if (!leave_write_ahead_log(*writer)) return false;
  const std::vector<Table> tables = tables_of(*writer);
  const int page = page_size(*writer);
  writer.reset();
  const std::filesystem::path copy_path = path.string() + ".new";
  std::filesystem::remove(copy_path);
  try {
    write_copy(path, copy_path, tables, page);
    sync(copy_path, O_RDONLY);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(copy_path, ignored);
    throw;
  }
  std::filesystem::rename(copy_path, path);
  sync(path.has_parent_path() ? path.parent_path() : std::filesystem::path("."),
       O_RDONLY | O_DIRECTORY);
  return true;
}

}  // namespace samspel::io
