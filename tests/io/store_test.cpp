// The results store's runs table, read back by measure name.
#include "samspel/io/store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <vector>

#include "io/temp_directory.hpp"
#include "samspel/analysis/run_measures.hpp"
#include "samspel/io/comparison.hpp"

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

}  // namespace
}  // namespace samspel::io
