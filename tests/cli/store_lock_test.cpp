// A second writer on one results store is refused at once with a clear message, and the store
// is untouched; once the first writer is gone the store can be written (and resumed) again.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "samspel/io/store_lock.hpp"
#include "support/samspel_binary.hpp"

namespace {

using samspel_test::Result;
using samspel_test::samspel;

namespace fs = std::filesystem;

TEST(StoreLock, SecondWriterIsRefusedAtOnce) {
  const fs::path dir = fs::temp_directory_path() / ("samspel-lock-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path store = dir / "s.sqlite";
  const std::string compare =
      "compare " + (fs::path(SAMSPEL_SOURCE_DIR) / "tests/regression/scenario.toml").string() +
      " --vary strategy.foundation=chemistry,roles --threads 2 --store " + store.string() +
      " --out " + (dir / "c").string();
  {
    // This test process stands for a first writer in the middle of its study.
    const samspel::io::StoreLock first(store);
    // Enough replicates for a minute's work (and within any machine's memory): a writer that
    // checked the lock only after simulating would have written the store by the end.
    const Result r = samspel(compare + " -n 20000");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find(store.string() + ": another samspel process is writing this store"),
              std::string::npos)
        << r.output;
    EXPECT_EQ(r.output.find('\n'), r.output.size() - 1) << r.output;
    EXPECT_FALSE(fs::exists(store));
    EXPECT_FALSE(fs::exists(dir / "c"));
  }
  const Result done = samspel(compare + " -n 2");
  EXPECT_EQ(done.exit_code, 0) << done.output;
  EXPECT_FALSE(fs::exists(store.string() + ".lock"));
  fs::remove_all(dir);
}

}  // namespace
