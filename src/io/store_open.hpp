// Opening a results store, whatever its kind (docs/results.md): for a reader, checked whole
// first; for the one writer, the identity that must match to resume, and a new store built
// under a temporary name. Internal to io/.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "samspel/io/store_check.hpp"
#include "sqlite.hpp"

namespace samspel::io {

// A store opened for reading, refused unless it exists and holds what it says (store_check.hpp).
std::unique_ptr<sqlite::Database> open_checked(const std::filesystem::path& store,
                                               StoreShape& shape);

// Opens the store at `path` for its one writer (the caller holds its StoreLock): an existing
// store must hold `identity`, else ScenarioError and the file is left as it was; a new one is
// made by `create` under PATH.new and renamed into place, so a store under its final name
// always describes its study. Write-ahead log with synchronous NORMAL.
std::unique_ptr<sqlite::Database> open_for_writing(
    const std::filesystem::path& path, const std::string& identity, const std::string& git_revision,
    const std::function<void(const sqlite::Database&)>& create);

}  // namespace samspel::io
