// A results store is input: `report` and `export` check its ids, counts and sizes against the
// study's own description and refuse a damaged or edited store with exit 2 and one line,
// instead of reading or writing out of bounds. Each case is an edit that crashed a reader.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/samspel_binary.hpp"

namespace {

using samspel_test::Result;
using samspel_test::samspel;

namespace fs = std::filesystem;

const fs::path kScenario = fs::path(SAMSPEL_SOURCE_DIR) / "tests" / "regression" / "scenario.toml";

class DamagedStore : public ::testing::Test {
 protected:
  static fs::path dir() {
    return fs::temp_directory_path() / ("samspel-damaged-" + std::to_string(::getpid()));
  }
  static fs::path compare_store() { return dir() / "compare.sqlite"; }
  static fs::path kept_store() { return dir() / "kept.sqlite"; }
  static fs::path population_store() { return dir() / "population.sqlite"; }

  static void SetUpTestSuite() {
    fs::remove_all(dir());
    fs::create_directories(dir());
    const std::string common = " -n 3 --threads 2 --out " + (dir() / "c").string();
    const std::string vary = " --vary strategy.foundation=chemistry,roles";
    ASSERT_EQ(samspel("compare " + kScenario.string() + vary + common + " --store " +
                      compare_store().string())
                  .exit_code,
              0);
    ASSERT_EQ(samspel("compare " + kScenario.string() + vary + common + " --keep-series --store " +
                      kept_store().string())
                  .exit_code,
              0);
    std::ofstream(dir() / "p.tsv") << "kommun\tpopulation\nA\t4000\nB\t60000\n";
    std::ofstream(dir() / "p.toml") << "population = \"p.tsv\"\n[run]\nyears = 2\nreplicates = 3\n";
    ASSERT_EQ(samspel("run " + (dir() / "p.toml").string() + " --threads 2 --store " +
                      population_store().string())
                  .exit_code,
              0);
  }
  static void TearDownTestSuite() { fs::remove_all(dir()); }

  // A copy of `store` with `sql` applied.
  static fs::path damaged(const fs::path& store, const std::string& sql) {
    const fs::path copy = dir() / ("edited-" + std::to_string(++copies_) + ".sqlite");
    fs::copy_file(store, copy, fs::copy_options::overwrite_existing);
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(copy.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error != nullptr ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
    return copy;
  }

  // report and export refuse the store with exit 2, one line naming it, and write nothing.
  static void expect_refused(const fs::path& store, const std::string& what) {
    const fs::path html = dir() / "r.html";
    const fs::path out = dir() / "export";
    for (const std::string& command :
         {"report " + store.string() + " -o " + html.string(),
          "export " + store.string() + " --out " + out.string(),
          "export " + store.string() + " --format json --out " + out.string()}) {
      fs::remove_all(html);
      fs::remove_all(out);
      const Result r = samspel(command);
      EXPECT_EQ(r.exit_code, 2) << what << ": " << command << "\n" << r.output;
      EXPECT_NE(r.output.find(store.string()), std::string::npos) << what << "\n" << r.output;
      EXPECT_EQ(r.output.find('\n'), r.output.size() - 1) << what << "\n" << r.output;
      EXPECT_FALSE(fs::exists(html)) << what;
      EXPECT_FALSE(fs::exists(out)) << what;
    }
  }

  static inline int copies_ = 0;
};

TEST_F(DamagedStore, IntactStoresAreRead) {
  for (const fs::path& store : {compare_store(), kept_store(), population_store()}) {
    const Result r = samspel("report " + store.string() + " -o " + (dir() / "ok.html").string());
    EXPECT_EQ(r.exit_code, 0) << store << "\n" << r.output;
    const Result e = samspel("export " + store.string() + " --out " + (dir() / "ok").string());
    EXPECT_EQ(e.exit_code, 0) << store << "\n" << e.output;
  }
}

TEST_F(DamagedStore, FewerReplicatesThanRunsIsRefused) {
  expect_refused(damaged(compare_store(), "UPDATE study SET value = '1' WHERE key = 'replicates'"),
                 "replicates 1");
}

TEST_F(DamagedStore, ReplicatesChangedWithTheIdentityIsRefused) {
  // The runs themselves must fit the description, whatever the description says.
  expect_refused(
      damaged(compare_store(),
              "UPDATE study SET value = '1' WHERE key = 'replicates'; UPDATE study SET value = "
              "replace(value, '\"replicates\":3', '\"replicates\":1') WHERE key = 'identity'"),
      "replicates 1 in both");
}

TEST_F(DamagedStore, RunOutsideTheStudyIsRefused) {
  expect_refused(damaged(compare_store(),
                         "UPDATE runs SET configuration = -3 WHERE configuration = 1 AND "
                         "replicate = 0"),
                 "configuration -3");
  expect_refused(damaged(compare_store(),
                         "UPDATE runs SET replicate = 100000 WHERE configuration = 1 AND "
                         "replicate = 0"),
                 "replicate 100000");
}

// Resuming appends to the store: a damaged one is refused before anything is simulated, with
// the store left as it was.
TEST_F(DamagedStore, ResumingADamagedStoreIsRefused) {
  const fs::path store =
      damaged(compare_store(),
              "UPDATE runs SET replicate = 100000 WHERE configuration = 1 AND replicate = 0");
  const std::string before = samspel_test::slurp(store);
  const Result r = samspel("compare " + kScenario.string() +
                           " --vary strategy.foundation=chemistry,roles -n 3 --threads 2 --out " +
                           (dir() / "resumed").string() + " --store " + store.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find(store.string() + ": not a samspel results store (1 row of runs with a "
                                           "configuration or replicate outside the study)"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find('\n'), r.output.size() - 1) << r.output;
  EXPECT_EQ(samspel_test::slurp(store), before);
  EXPECT_FALSE(fs::exists(dir() / "resumed"));
}

TEST_F(DamagedStore, EmptyConfigurationsAreRefused) {
  expect_refused(damaged(compare_store(), "DELETE FROM configurations"), "no configurations");
  expect_refused(damaged(compare_store(), "UPDATE configurations SET id = id + 5"),
                 "configuration ids outside the study");
}

TEST_F(DamagedStore, TooFewReplicatesOnPopulationAndKeptSeriesStoresAreRefused) {
  for (const char* replicates : {"0", "1"}) {
    const std::string sql =
        std::string("UPDATE study SET value = '") + replicates + "' WHERE key = 'replicates'";
    expect_refused(damaged(population_store(), sql), "population");
    expect_refused(damaged(kept_store(), sql), "kept series");
  }
}

TEST_F(DamagedStore, SeriesOfAnUnknownConfigurationIsRefused) {
  expect_refused(damaged(compare_store(),
                         "UPDATE series SET configuration = 999 WHERE "
                         "configuration = 1 AND metric = 'performance' AND "
                         "statistic = 'mean'"),
                 "series configuration 999");
  expect_refused(damaged(kept_store(),
                         "UPDATE run_series SET replicate = 7 WHERE configuration "
                         "= 1 AND replicate = 0 AND metric = 'performance'"),
                 "run_series replicate 7");
}

TEST_F(DamagedStore, HugeMonthsAreRefused) {
  expect_refused(damaged(compare_store(),
                         "UPDATE study SET value = '100000000' WHERE key = "
                         "'months'"),
                 "months 100000000");
}

TEST_F(DamagedStore, MissingTablesAndShortSeriesAreRefused) {
  expect_refused(damaged(compare_store(), "DROP TABLE series"), "no series");
  expect_refused(damaged(compare_store(), "DROP TABLE runs"), "no runs");
  expect_refused(damaged(compare_store(),
                         "UPDATE series SET months = substr(months, 1, 8) WHERE "
                         "metric = 'performance'"),
                 "short BLOB");
  expect_refused(damaged(kept_store(),
                         "UPDATE run_series SET months = x'00' WHERE metric = "
                         "'performance'"),
                 "short run_series BLOB");
}

TEST_F(DamagedStore, DeeplyNestedDesignIsRefused) {
  expect_refused(damaged(compare_store(),
                         "UPDATE study SET value = '{\"a\":' || "
                         "replace(hex(zeroblob(100000)), '00', '[') || '}' "
                         "WHERE key = 'design'"),
                 "deep design");
}

TEST_F(DamagedStore, AFileThatIsNotAStoreCreatesNothing) {
  const fs::path text = dir() / "not-a-store.sqlite";
  std::ofstream(text) << "hello\n";
  expect_refused(text, "not a store");
}

}  // namespace
