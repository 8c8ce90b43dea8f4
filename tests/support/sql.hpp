// Edits a store behind samspel's back, as a damaged or interrupted file would be: the tests of
// resuming and of refusing stores build their cases with it.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

namespace samspel_test {

// Runs `statements` on the SQLite file at `store`; a failure fails the test with SQLite's
// message.
inline void sql(const std::filesystem::path& store, const std::string& statements) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(store.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, statements.c_str(), nullptr, nullptr, &error);
  const std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

}  // namespace samspel_test
