#include "store_open.hpp"

#include <fmt/format.h>

#include <exception>

#include "samspel/io/scenario.hpp"

namespace samspel::io {

using sqlite::Database;
using sqlite::Mode;

std::unique_ptr<Database> open_checked(const std::filesystem::path& store, StoreShape& shape) {
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(store, ignored))
    throw ScenarioError(fmt::format("{}: no such results store", store.string()));
  auto db = std::make_unique<Database>(store, Mode::read);
  shape = check_store(*db);
  return db;
}

namespace {

// The value of `key` in the store's study table, or empty if it cannot be read.
std::string readable_value(const Database& db, const std::string& key) {
  try {
    return db.study_value(key);
  } catch (const std::exception&) {
    return {};
  }
}

// Resuming appends to what is there: a store of another study, or a damaged or edited one, is
// refused now, not read midway through the study (or by its report). It is read as input, on a
// connection of its own, so that what is wrong with it is refused like any input.
void check_resumable(const std::filesystem::path& path, const std::string& identity,
                     const std::string& git_revision) {
  const Database existing(path, Mode::read);
  if (readable_value(existing, "identity") != identity) {
    const std::string revision = readable_value(existing, "git_revision");
    throw ScenarioError(fmt::format(
        "{}: the store holds a different study{}; allowed: the same command and scenario as "
        "made it (to resume), or a new --store path",
        path.string(),
        !revision.empty() && revision != git_revision
            ? fmt::format(" (made by samspel {}, this is {})", revision, git_revision)
            : ""));
  }
  check_store(existing);
}

}  // namespace

std::unique_ptr<Database> open_for_writing(const std::filesystem::path& path,
                                           const std::string& identity,
                                           const std::string& git_revision,
                                           const std::function<void(const Database&)>& create) {
  if (std::filesystem::exists(path)) {
    check_resumable(path, identity, git_revision);
  } else {
    const std::filesystem::path temp = path.string() + ".new";
    std::filesystem::remove(temp);
    create(Database(temp, Mode::create));
    std::filesystem::rename(temp, path);
  }
  auto db = std::make_unique<Database>(path, Mode::write);
  // Write-ahead log with synchronous NORMAL: a commit survives the process being killed (the
  // guarantee studies need) without an fsync per transaction.
  db->execute("PRAGMA journal_mode = WAL");
  db->execute("PRAGMA synchronous = NORMAL");
  db->execute("PRAGMA cache_size = -16384");  // 16 MB
  return db;
}

}  // namespace samspel::io
