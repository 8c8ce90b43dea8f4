// The results store's runs table, read back by measure name; a finished store is a function of
// its contents alone.
#include "samspel/io/store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/temp_directory.hpp"
#include "samspel/analysis/run_measures.hpp"
#include "samspel/io/comparison.hpp"
#include "samspel/model/observation.hpp"

namespace samspel::io {
namespace {

StudyDescription one_configuration() {
  StudyDescription d;
  d.kind = "compare";
  d.configuration_count = 1;
  d.configuration = [](std::size_t) { return StudyConfiguration{"base", "", "", {}}; };
  d.replicates = 1;
  d.base_parameters_json = "{}";
  d.design_json = "{}";
  return d;
}

// A store written before a measure existed has no column for it: that measure reads as
// missing, and every other as stored (not shifted into its neighbour's place).
TEST(Store, AComparisonIsReadByMeasureName) {
  const io_test::TempDirectory dir;
  const auto path = dir.path() / "old.sqlite";
  const auto& info = analysis::run_measure_info();
  std::vector<double> values(info.size());
  for (std::size_t m = 0; m < values.size(); ++m)
    values[m] = static_cast<double>(m);
  {
    Store store(path, one_configuration());
    store.begin();
    store.insert_run(0, 0, 0, values);
    store.commit();
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const int dropped = sqlite3_exec(db, "ALTER TABLE runs DROP COLUMN unrecovered_share_24", nullptr,
                                   nullptr, nullptr);
  sqlite3_close(db);
  ASSERT_EQ(dropped, SQLITE_OK);

  const Comparison c = read_comparison(path);
  ASSERT_EQ(c.measures, info.size());
  for (std::size_t m = 0; m < info.size(); ++m) {
    if (info[m].name == "unrecovered_share_24") {
      EXPECT_TRUE(std::isnan(c.values[m]));
    } else {
      EXPECT_EQ(c.values[m], values[m]) << info[m].name;
    }
  }
}

StudyDescription three_configurations() {
  StudyDescription d = one_configuration();
  d.configuration_count = 3;
  d.configuration = [](std::size_t c) { return StudyConfiguration{std::to_string(c), "", "", {}}; };
  d.replicates = 4;
  d.calendar = engine::Calendar({2010, 1}, 3);
  return d;
}

std::string bytes_of(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The rows of three configurations x four replicates, in `order` (configuration, replicate) and
// committed every `per_commit` runs, each configuration's bands after its last run; then
// finished.
void write_store(const std::filesystem::path& path, const std::vector<std::pair<int, int>>& order,
                 std::size_t per_commit) {
  const StudyDescription d = three_configurations();
  Store store(path, d);
  const std::size_t months = 3;
  std::vector<float> bands(6 * model::kMetricCount * months, 0.5F);
  std::vector<int> runs_in(3, 0);
  store.begin();
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto [c, r] = order[i];
    std::vector<double> measures(analysis::run_measure_info().size(), c * 10.0 + r);
    store.insert_run(c, r, 0, measures);
    if (++runs_in[static_cast<std::size_t>(c)] == d.replicates) store.insert_series(c, bands);
    if ((i + 1) % per_commit == 0) {
      store.commit();
      store.begin();
    }
  }
  store.commit();
  store.finish();
}

// The same rows reached in another order and other transactions make the same file once the
// store is finished (and so do the threads, windows and timing of a study, which decide no more
// than that).
TEST(Store, FinishedStoreDependsOnItsContentsAlone) {
  const io_test::TempDirectory dir;
  std::vector<std::pair<int, int>> in_order;
  for (int c = 0; c < 3; ++c) {
    for (int r = 0; r < 4; ++r)
      in_order.emplace_back(c, r);
  }
  const std::vector<std::pair<int, int>> shuffled = {{2, 0}, {0, 3}, {2, 1}, {1, 0},
                                                     {2, 2}, {2, 3}, {0, 0}, {1, 1},
                                                     {0, 1}, {1, 3}, {0, 2}, {1, 2}};
  write_store(dir.path() / "a.sqlite", in_order, 12);
  write_store(dir.path() / "b.sqlite", shuffled, 1);
  write_store(dir.path() / "c.sqlite", shuffled, 5);
  const std::string a = bytes_of(dir.path() / "a.sqlite");
  EXPECT_GT(a.size(), 4096U);
  EXPECT_TRUE(a == bytes_of(dir.path() / "b.sqlite"));
  EXPECT_TRUE(a == bytes_of(dir.path() / "c.sqlite"));
  for (const char* leftover : {"a.sqlite.new", "a.sqlite-wal", "a.sqlite-journal"})
    EXPECT_FALSE(std::filesystem::exists(dir.path() / leftover)) << leftover;
}

// A reader on the store when the study ends keeps it as written: a file renamed over it would
// meet the reader's write-ahead log.
TEST(Store, FinishLeavesAStoreWithAReaderAsWritten) {
  const io_test::TempDirectory dir;
  const auto path = dir.path() / "read.sqlite";
  std::vector<double> values(analysis::run_measure_info().size(), 1.0);
  Store store(path, one_configuration());
  store.begin();
  store.insert_run(0, 0, 0, values);
  store.commit();
  sqlite3* reader = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &reader), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(reader, "SELECT count(*) FROM runs", nullptr, nullptr, nullptr),
            SQLITE_OK);
  const auto inode = [&path] {
    struct stat s {};
    ::stat(path.c_str(), &s);
    return s.st_ino;
  };
  const auto before = inode();
  store.finish();
  EXPECT_EQ(inode(), before);
  EXPECT_FALSE(std::filesystem::exists(path.string() + ".new"));
  sqlite3_close(reader);
  EXPECT_EQ(read_comparison(path).values[0], 1.0);
}

}  // namespace
}  // namespace samspel::io
