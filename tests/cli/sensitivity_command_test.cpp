// `samspel sensitivity` end to end through the binary: a scenario and a validation file are
// analysed and written, bad input is refused with exit 2 and nothing written.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/samspel_binary.hpp"
#include "support/sql.hpp"

namespace {

using samspel_test::sql;

using samspel_test::Result;
using samspel_test::samspel;
using samspel_test::slurp;

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  return samspel_test::fresh_dir("sensitivity", name);
}

const fs::path kSource(SAMSPEL_SOURCE_DIR);

TEST(SensitivityCommand, AnalysesAScenarioAndAPattern) {
  const fs::path out = fresh_dir("ok");
  Result r = samspel("sensitivity " + (kSource / "scenarios/default.toml").string() +
                     " --param model.case_pull=0.1:0.4 --param model.closeness_trust=0.3:0.9"
                     " --measure mean_case_time_politicians --points 3 -n 3 --out " +
                     out.string() + " --store " + (out / "a.sqlite").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(slurp(out / "sensitivity.json"));
  EXPECT_EQ(j["method"], "morris");
  EXPECT_EQ(j["factors"].size(), 2U);
  EXPECT_EQ(j["outputs"][0]["output"], "mean_case_time_politicians");
  EXPECT_NE(slurp(out / "sensitivity.csv").find("model.case_pull"), std::string::npos);
  r = samspel("sensitivity " + (kSource / "validation/F12.toml").string() +
              " --param model.closeness_trust=0.3:0.9 --method sobol --points 4 -n 2 --out " +
              out.string() + " --store " + (out / "b.sqlite").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("F12: "), std::string::npos) << r.output;
  fs::remove_all(out);
}

TEST(SensitivityCommand, BadInputIsRefusedWithExitTwoAndNothingWritten) {
  const fs::path out = fresh_dir("bad");
  const std::string scenario = (kSource / "scenarios/default.toml").string();
  for (const std::string args :
       {" --param model.case_pull=0.4:0.1", " --param strategy.foundation=0:1",
        " --measure nonsense --param model.case_pull=0.1:0.4", " --method fast"}) {
    const Result r = samspel("sensitivity " + scenario + args + " --out " + out.string() +
                             " --store " + (out / "s.sqlite").string());
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.output;
    EXPECT_FALSE(fs::exists(out)) << args;
  }
  const Result r = samspel("sensitivity " + (kSource / "validation/F2.toml").string() +
                           " --measure lockins --out " + out.string() + " --store " +
                           (out / "s.sqlite").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_FALSE(fs::exists(out));
}

// A file with a [validation] table is a validation file: when it is broken, the validation
// parser names the fault (not the scenario parser, as a trial load did).
TEST(SensitivityCommand, ABrokenValidationFileGetsTheValidationParsersError) {
  const fs::path dir = fresh_dir("broken");
  fs::create_directories(dir);
  const fs::path file = dir / "broken.toml";
  {
    std::ofstream out(file);
    out << "[run]\nyears = 2\n[validation]\npattern = \"X\"\nverdict = 1\n";
  }
  const Result r = samspel("sensitivity " + file.string() + " --out " + (dir / "out").string() +
                           " --store " + (dir / "s.sqlite").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("validation.verdict: unknown key; allowed: pattern, claim, held"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
  EXPECT_FALSE(fs::exists(dir / "out"));
  EXPECT_FALSE(fs::exists(dir / "s.sqlite"));
  fs::remove_all(dir);
}

// The store of an analysis is read by export (its tables as CSV) and report (an HTML page with
// the sensitivity section); a rerun resumes it (nothing left to run) to the same indices, and
// another analysis on it is refused with exit 2.
TEST(SensitivityCommand, StoreIsResumedExportedAndReported) {
  const fs::path dir = fresh_dir("store");
  fs::create_directories(dir);
  const std::string store = (dir / "s.sqlite").string();
  const std::string command = "sensitivity " + (kSource / "scenarios/default.toml").string() +
                              " --param model.case_pull=0.1:0.4 --measure "
                              "mean_case_time_politicians --points 3 -n 2 --store " +
                              store + " --out ";
  Result r = samspel(command + (dir / "one").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = samspel(command + (dir / "two").string() + " --threads 1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("resumed: 14 of the 14 runs"), std::string::npos) << r.output;
  EXPECT_EQ(slurp(dir / "one" / "sensitivity.csv"), slurp(dir / "two" / "sensitivity.csv"));
  r = samspel(command + (dir / "three").string() + " --seed 9");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("holds a different study"), std::string::npos) << r.output;
  ASSERT_EQ(samspel("export " + store + " --out " + (dir / "export").string()).exit_code, 0);
  EXPECT_EQ(slurp(dir / "export" / "factors.csv"),
            "id,key,low,high,log\n0,model.case_pull,0.1,0.4,0\n");
  const std::string points = slurp(dir / "export" / "point_outputs.csv");
  EXPECT_EQ(std::count(points.begin(), points.end(), '\n'), 1 + 7);  // header, base + 3 x 2
  r = samspel("report " + store + " -o " + (dir / "report.html").string() + " --lang en");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string html = slurp(dir / "report.html");
  EXPECT_NE(html.find("\"kind\":\"sensitivity\""), std::string::npos);
  EXPECT_NE(html.find("data-asset=\"app/sensitivity_charts.js\""), std::string::npos);
  fs::remove_all(dir);
}

long count_rows(const fs::path& store, const char* table) {
  sqlite3* db = nullptr;
  long n = -1;
  if (sqlite3_open_v2(store.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 1000);
    sqlite3_stmt* s = nullptr;
    const std::string sql = std::string("SELECT count(*) FROM ") + table;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW) {
      n = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return n;
}

// An analysis killed midway (SIGKILL, some blocks committed) and rerun, with other threads,
// ends with the same store and files, byte for byte, as one never interrupted.
TEST(SensitivityCommand, KilledAnalysisResumesToTheSameStore) {
  const fs::path dir = fresh_dir("killed");
  fs::create_directories(dir);
  // Sobol' over 2 parameters with 64 base samples: 257 points, five blocks.
  const std::string analysis = "sensitivity " +
                               (kSource / "tests/regression/scenario.toml").string() +
                               " --method sobol --param model.case_pull=0.1:0.4 --param "
                               "model.closeness_trust=0.3:0.9 --measure mean_cooperation_kso_ceo "
                               "--points 64 -n 40 ";
  const fs::path whole = dir / "whole.sqlite";
  const fs::path resumed = dir / "resumed.sqlite";
  ASSERT_EQ(samspel(analysis + "--threads 2 --store " + whole.string() + " --out " +
                    (dir / "whole").string())
                .exit_code,
            0);
  ASSERT_EQ(count_rows(whole, "blocks"), 5);

  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const std::string command = std::string(SAMSPEL_BINARY) + " " + analysis +
                                "--threads 2 --store " + resumed.string() + " --out " +
                                (dir / "killed").string() + " >/dev/null 2>&1";
    ::execl("/bin/sh", "sh", "-c", ("exec " + command).c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  long blocks = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (fs::exists(resumed)) blocks = count_rows(resumed, "blocks");
    if (blocks > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  blocks = count_rows(resumed, "blocks");
  ASSERT_GT(blocks, 0);
  ASSERT_LT(blocks, 5) << "the analysis finished before it could be interrupted";
  EXPECT_EQ(count_rows(resumed, "indices"), 0);

  const Result r = samspel(analysis + "--threads 1 --store " + resumed.string() + " --out " +
                           (dir / "resumed").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("resumed: "), std::string::npos) << r.output;
  EXPECT_EQ(slurp(dir / "whole" / "sensitivity.csv"), slurp(dir / "resumed" / "sensitivity.csv"));
  ASSERT_EQ(
      samspel("export " + whole.string() + " --out " + (dir / "whole-export").string()).exit_code,
      0);
  ASSERT_EQ(samspel("export " + resumed.string() + " --out " + (dir / "resumed-export").string())
                .exit_code,
            0);
  // study.csv differs in the command line (--store, --out) alone.
  for (const char* table : {"factors.csv", "outputs.csv", "blocks.csv", "design.csv",
                            "point_outputs.csv", "indices.csv"}) {
    EXPECT_EQ(slurp(dir / "whole-export" / table), slurp(dir / "resumed-export" / table)) << table;
  }
  fs::remove_all(dir);
}

// `samspel ARGS` under mpirun with `ranks` ranks, its standard output and error into `log`; a
// job that hangs is stopped (exit 124).
int mpirun(int ranks, const std::string& args, const fs::path& log) {
  // Root may run MPI jobs here (CI runs as root); three ranks share two cores.
  const std::string root = ::geteuid() == 0 ? " --allow-run-as-root" : "";
  const std::string command = "timeout 300 mpirun" + root + " --oversubscribe -n " +
                              std::to_string(ranks) + " " + std::string(SAMSPEL_BINARY) + " " +
                              args + " >" + log.string() + " 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

long count(const std::string& text, const std::string& what) {
  long n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

// Under mpirun -n 3 the ranks share an analysis's runs, and the store and files are the same,
// byte for byte, as on one process (the same command line, so the same provenance): a
// pattern's pairs in one block (3 ranks of 1 thread: 7 of its 10 points handed out whole, the
// last 3 run by run) and Sobol' indices over two blocks. Only rank 0 writes and prints. An
// analysis cut after its first block resumes under mpirun to the same tables.
TEST(SensitivityCommand, ThreeMpiRanksMakeTheSameStoreAsOneProcess) {
#ifndef SAMSPEL_WITH_MPI
  GTEST_SKIP() << "built without MPI (SAMSPEL_MPI off)";
#endif
  if (std::system("command -v mpirun >/dev/null 2>&1") != 0) GTEST_SKIP() << "no mpirun";
  const fs::path dir = fresh_dir("mpi");
  const std::vector<std::string> analyses = {
      "sensitivity " + (kSource / "validation/F12.toml").string() +
          " --param model.closeness_trust=0.3:0.9 --param model.case_pull=0.1:0.4 --points 3 -n 3",
      "sensitivity " + (kSource / "tests/regression/scenario.toml").string() +
          " --method sobol --param model.case_pull=0.1:0.4 --param model.closeness_trust=0.3:0.9"
          " --measure mean_cooperation_kso_ceo --points 20 -n 3"};
  for (const std::string& analysis : analyses) {
    SCOPED_TRACE(analysis);
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path store = dir / "s.sqlite";
    const std::string command =
        analysis + " --threads 1 --store " + store.string() + " --out " + (dir / "out").string();
    ASSERT_EQ(samspel(command).exit_code, 0);
    fs::rename(store, dir / "one.sqlite");
    fs::rename(dir / "out", dir / "one");
    ASSERT_EQ(mpirun(3, command, dir / "log"), 0) << slurp(dir / "log");
    const std::string log = slurp(dir / "log");
    EXPECT_EQ(count(log, "results written to"), 1) << log;
    EXPECT_EQ(count(log, " runs on 3 MPI ranks"), 1) << log;
    EXPECT_EQ(slurp(store), slurp(dir / "one.sqlite"));
    for (const char* file : {"sensitivity.csv", "sensitivity.json"})
      EXPECT_EQ(slurp(dir / "out" / file), slurp(dir / "one" / file)) << file;
  }
  // The Sobol' analysis's 81 points are two blocks: the first kept, the second run again.
  fs::copy_file(dir / "one.sqlite", dir / "cut.sqlite");
  sql(dir / "cut.sqlite",
      "DELETE FROM design WHERE point >= 64; DELETE FROM point_outputs WHERE point >= 64; "
      "DELETE FROM blocks WHERE id >= 1; DELETE FROM indices; UPDATE outputs SET base_value = "
      "NULL, noise_share = NULL, opposite_sign = NULL, undefined_points = NULL;");
  ASSERT_EQ(mpirun(3,
                   analyses[1] + " --threads 1 --store " + (dir / "cut.sqlite").string() +
                       " --out " + (dir / "resumed").string(),
                   dir / "log"),
            0)
      << slurp(dir / "log");
  EXPECT_NE(slurp(dir / "log").find("resumed: 192 of the 243 runs"), std::string::npos)
      << slurp(dir / "log");
  EXPECT_EQ(slurp(dir / "resumed" / "sensitivity.csv"), slurp(dir / "one" / "sensitivity.csv"));
  ASSERT_EQ(
      samspel("export " + (dir / "one.sqlite").string() + " --out " + (dir / "one-export").string())
          .exit_code,
      0);
  ASSERT_EQ(
      samspel("export " + (dir / "cut.sqlite").string() + " --out " + (dir / "cut-export").string())
          .exit_code,
      0);
  for (const char* table : {"study.csv", "factors.csv", "outputs.csv", "blocks.csv", "design.csv",
                            "point_outputs.csv", "indices.csv"}) {
    EXPECT_EQ(slurp(dir / "one-export" / table), slurp(dir / "cut-export" / table)) << table;
  }
  fs::remove_all(dir);
}

// Under mpirun a store of another analysis is refused as on one process: one line (rank 0's),
// every rank stops, nothing is written.
TEST(SensitivityCommand, UnderMpiAStoreOfAnotherAnalysisIsRefused) {
#ifndef SAMSPEL_WITH_MPI
  GTEST_SKIP() << "built without MPI (SAMSPEL_MPI off)";
#endif
  if (std::system("command -v mpirun >/dev/null 2>&1") != 0) GTEST_SKIP() << "no mpirun";
  const fs::path dir = fresh_dir("mpi-refused");
  fs::create_directories(dir);
  const std::string command = "sensitivity " +
                              (kSource / "tests/regression/scenario.toml").string() +
                              " --param model.case_pull=0.1:0.4 --measure "
                              "mean_case_time_politicians --points 2 -n 2 --threads 1 --store " +
                              (dir / "s.sqlite").string() + " --out ";
  ASSERT_EQ(samspel(command + (dir / "one").string()).exit_code, 0);
  const std::string before = slurp(dir / "s.sqlite");
  EXPECT_EQ(mpirun(2, command + (dir / "two").string() + " --seed 9", dir / "log"), 2);
  const std::string log = slurp(dir / "log");
  EXPECT_EQ(count(log, "samspel: "), 1) << log;
  EXPECT_EQ(count(log, "holds a different study"), 1) << log;
  EXPECT_FALSE(fs::exists(dir / "two"));
  EXPECT_EQ(slurp(dir / "s.sqlite"), before);
  fs::remove_all(dir);
}

}  // namespace
