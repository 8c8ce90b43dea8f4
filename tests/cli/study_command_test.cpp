// Studies through the samspel binary: a sweep killed midway and rerun ends with the same store
// as an uninterrupted one; a rerun with another design is refused and leaves the store as it
// was.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "support/samspel_binary.hpp"

namespace {

using samspel_test::slurp;

namespace fs = std::filesystem;

const fs::path kScenario = fs::path(SAMSPEL_SOURCE_DIR) / "scenarios" / "default.toml";

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = samspel_test::fresh_dir("study", name);
  fs::create_directories(dir);
  return dir;
}

int samspel(const std::string& args) {
  const std::string command = std::string(SAMSPEL_BINARY) + " " + args + " >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

long count_runs(const fs::path& store) {
  sqlite3* db = nullptr;
  long n = -1;
  if (sqlite3_open_v2(store.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 1000);
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM runs", -1, &s, nullptr) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW) {
      n = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return n;
}

const std::string kSweep = "sweep " + kScenario.string() +
                           " --param strategy.private_socializing=0:1 --param "
                           "model.closeness_trust=0.3:0.9 --design lhs --points 40 --replicates 30 "
                           "--threads 2 --store ";
constexpr long kRuns = 40 * 30;

TEST(StudyCommand, KilledSweepResumesToTheSameStore) {
  const fs::path dir = fresh_dir("resume");
  const fs::path whole = dir / "whole.sqlite";
  // Made by the same command line as the whole one, which the store records.
  const fs::path resumed = dir / "study.sqlite";
  ASSERT_EQ(samspel(kSweep + resumed.string()), 0);
  fs::rename(resumed, whole);
  ASSERT_EQ(count_runs(whole), kRuns);

  // Start the same study, kill it once some runs are committed and before it is done.
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const std::string command =
        std::string(SAMSPEL_BINARY) + " " + kSweep + resumed.string() + " >/dev/null 2>&1";
    ::execl("/bin/sh", "sh", "-c", ("exec " + command).c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  long stored = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (fs::exists(resumed)) stored = count_runs(resumed);
    if (stored > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  stored = count_runs(resumed);
  ASSERT_GT(stored, 0);
  ASSERT_LT(stored, kRuns) << "the study finished before it could be interrupted";

  ASSERT_EQ(samspel(kSweep + resumed.string()), 0);
  ASSERT_EQ(samspel("export " + whole.string() + " --out " + (dir / "whole").string()), 0);
  ASSERT_EQ(samspel("export " + resumed.string() + " --out " + (dir / "resumed").string()), 0);
  for (const char* table : {"configurations.csv", "runs.csv", "series.csv", "run_series.csv"}) {
    EXPECT_EQ(slurp(dir / "whole" / table), slurp(dir / "resumed" / table)) << table;
  }
  // A finished store is rewritten from its contents alone: the same file.
  EXPECT_TRUE(slurp(whole) == slurp(resumed));
  fs::remove_all(dir);
}

TEST(StudyCommand, ResumingWithAnotherDesignIsRefusedAndLeavesTheStore) {
  const fs::path dir = fresh_dir("mismatch");
  const fs::path store = dir / "s.sqlite";
  const std::string small = "sweep " + kScenario.string() +
                            " --param strategy.private_socializing=0:1 --design grid --points 3 "
                            "--replicates 4 --store " +
                            store.string();
  ASSERT_EQ(samspel(small), 0);
  const std::string before = slurp(store);
  const std::string other = "sweep " + kScenario.string() +
                            " --param strategy.private_socializing=0:1 --design grid --points 4 "
                            "--replicates 4 --store " +
                            store.string();
  EXPECT_EQ(samspel(other), 2);
  EXPECT_EQ(slurp(store), before);
  fs::remove_all(dir);
}

TEST(StudyCommand, BadSweepsExitTwo) {
  const fs::path dir = fresh_dir("bad");
  const std::string base =
      "sweep " + kScenario.string() + " --points 3 --store " + (dir / "s.sqlite").string();
  EXPECT_EQ(samspel(base + " --param strategy.nothing=0:1"), 2);
  EXPECT_EQ(samspel(base + " --param strategy.private_socializing=1:0"), 2);
  EXPECT_EQ(samspel(base + " --param strategy.private_socializing=0.5:0.5"), 2);
  EXPECT_EQ(samspel(base + " --param strategy.foundation=0:1"), 2);
  EXPECT_FALSE(fs::exists(dir / "s.sqlite"));
  EXPECT_EQ(samspel("export " + (dir / "none.sqlite").string()), 2);
  fs::remove_all(dir);
}

}  // namespace

namespace {

TEST(RunCommand, PopulationScenarioRunsEveryMunicipalityIntoAStore) {
  const fs::path dir = fresh_dir("population");
  std::ofstream(dir / "towns.tsv")
      << "# test\nkommun\tpopulation\nLiten\t4000\nMellan\t30000\nStor\t250000\n";
  std::ofstream(dir / "towns.toml")
      << "population = \"towns.tsv\"\n[run]\nyears = 4\nreplicates = 3\n";
  const fs::path store = dir / "towns.sqlite";
  ASSERT_EQ(samspel("run " + (dir / "towns.toml").string() + " --store " + store.string()), 0);
  EXPECT_EQ(count_runs(store), 9);
  ASSERT_EQ(samspel("export " + store.string() + " --out " + (dir / "x").string()), 0);
  const std::string configurations = slurp(dir / "x" / "configurations.csv");
  EXPECT_NE(configurations.find("Liten,Liten,<10k"), std::string::npos) << configurations;
  EXPECT_NE(configurations.find("Stor,Stor,>=200k"), std::string::npos) << configurations;
  fs::remove_all(dir);
}

TEST(RunCommand, BadPopulationRowExitsTwoWithoutAStore) {
  const fs::path dir = fresh_dir("population-bad");
  std::ofstream(dir / "towns.tsv") << "kommun\tpopulation\nLiten\t4000\nTrasig\t-3\n";
  std::ofstream(dir / "towns.toml")
      << "population = \"towns.tsv\"\n[run]\nyears = 4\nreplicates = 3\n";
  const fs::path store = dir / "towns.sqlite";
  EXPECT_EQ(samspel("run " + (dir / "towns.toml").string() + " --store " + store.string()), 2);
  EXPECT_FALSE(fs::exists(store));
  fs::remove_all(dir);
}

}  // namespace

namespace {

// A study on 3 MPI ranks ends with the same store, byte for byte, as on one process, whether the
// configurations are handed out whole (reduced where they ran; 12 configurations on 3 workers:
// 9 whole, the last 3 run by run) or run by run (2 configurations), with and without every
// run's series. The one-process study (1 thread: 11 whole, 1 run by run) splits differently.
// --version says whether this build spreads studies over MPI processes (CMake option
// SAMSPEL_MPI, on where OpenMPI is found).
TEST(StudyCommand, VersionSaysWhetherTheBuildHasMpi) {
  const samspel_test::Result r = samspel_test::samspel("--version");
  EXPECT_EQ(r.exit_code, 0) << r.output;
#ifdef SAMSPEL_WITH_MPI
  EXPECT_NE(r.output.find(", with MPI (Open MPI v"), std::string::npos) << r.output;
#else
  EXPECT_NE(r.output.find(", without MPI"), std::string::npos) << r.output;
#endif
}

TEST(StudyCommand, ThreeMpiRanksMakeTheSameStoreAsOneProcess) {
#ifndef SAMSPEL_WITH_MPI
  GTEST_SKIP() << "built without MPI (SAMSPEL_MPI off)";
#endif
  if (std::system("command -v mpirun >/dev/null 2>&1") != 0) GTEST_SKIP() << "no mpirun";
  const fs::path dir = fresh_dir("mpi");
  const std::string design = "sweep " + kScenario.string() +
                             " --param strategy.private_socializing=0:1 --param "
                             "model.closeness_trust=0.3:0.9 --design lhs --threads 1 ";
  const std::vector<std::pair<std::string, long>> studies = {
      {"--points 12 --replicates 10", 120},
      {"--points 12 --replicates 10 --keep-series", 120},
      {"--points 2 --replicates 20 --keep-series", 40}};
  for (const auto& [options, runs] : studies) {
    SCOPED_TRACE(options);
    const std::string sweep = design + options + " --store ";
    fs::remove_all(dir);
    fs::create_directories(dir);
    // Both made at one path: the store records its command line.
    const fs::path store = dir / "study.sqlite";
    ASSERT_EQ(samspel(sweep + store.string()), 0);
    fs::rename(store, dir / "one.sqlite");
    // Root may run MPI jobs here (CI runs as root); three ranks share two cores.
    const std::string root = ::geteuid() == 0 ? " --allow-run-as-root" : "";
    const std::string mpirun = "mpirun" + root + " --oversubscribe -n 3 " +
                               std::string(SAMSPEL_BINARY) + " " + sweep + store.string() +
                               " >/dev/null 2>&1";
    ASSERT_EQ(std::system(mpirun.c_str()), 0);
    fs::rename(store, dir / "three.sqlite");
    EXPECT_TRUE(slurp(dir / "one.sqlite") == slurp(dir / "three.sqlite"));
    ASSERT_EQ(
        samspel("export " + (dir / "one.sqlite").string() + " --out " + (dir / "one").string()), 0);
    ASSERT_EQ(
        samspel("export " + (dir / "three.sqlite").string() + " --out " + (dir / "three").string()),
        0);
    for (const char* table : {"configurations.csv", "runs.csv", "series.csv", "run_series.csv"}) {
      EXPECT_EQ(slurp(dir / "one" / table), slurp(dir / "three" / table)) << table;
    }
    EXPECT_EQ(count_runs(dir / "three.sqlite"), runs);
    // Every run's series are exported only when kept (a header line otherwise): the
    // comparison above covers them.
    const std::string series = slurp(dir / "three" / "run_series.csv");
    const bool kept = options.find("--keep-series") != std::string::npos;
    EXPECT_EQ(std::count(series.begin(), series.end(), '\n') > 1, kept);
  }
  fs::remove_all(dir);
}

}  // namespace
