#include "samspel/io/store_lock.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <optional>

#include "io/temp_directory.hpp"
#include "samspel/io/scenario.hpp"

namespace samspel::io {
namespace {

TEST(StoreLock, OneHolderAtATime) {
  const io_test::TempDirectory dir;
  const auto store = dir.path() / "s.sqlite";
  std::optional<StoreLock> first(std::in_place, store);
  EXPECT_THROW(StoreLock second(store), ScenarioError);
  first.reset();
  EXPECT_FALSE(std::filesystem::exists(store.string() + ".lock"));
  const StoreLock again(store);
  EXPECT_TRUE(std::filesystem::exists(store.string() + ".lock"));
}

TEST(StoreLock, ALockFileLeftByADeadProcessDoesNotBlock) {
  const io_test::TempDirectory dir;
  const auto store = dir.path() / "s.sqlite";
  { std::ofstream(store.string() + ".lock") << ""; }
  EXPECT_NO_THROW(StoreLock lock(store));
}

}  // namespace
}  // namespace samspel::io
