// End to end through the samspel binary: every preset runs, bad input is refused with exit
// code 2 and nothing written, and output files do not depend on --threads.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/samspel_binary.hpp"

namespace {

using samspel_test::Result;
using samspel_test::samspel;
using samspel_test::slurp;

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  return samspel_test::fresh_dir("cli", name);
}

const fs::path kScenarios = fs::path(SAMSPEL_SOURCE_DIR) / "scenarios";

// A store is one file once samspel has exited: its write-ahead log (-wal) and the log's index
// (-shm) are folded into it, whatever read it last.
void expect_store_alone(const fs::path& store) {
  EXPECT_TRUE(fs::exists(store)) << store;
  for (const char* suffix : {"-wal", "-shm", "-journal"})
    EXPECT_FALSE(fs::exists(store.string() + suffix)) << store << suffix;
}

TEST(RunCommand, EveryPresetRuns) {
  int presets = 0;
  for (const auto& entry : fs::directory_iterator(kScenarios)) {
    if (entry.path().extension() != ".toml") continue;
    ++presets;
    const fs::path out = fresh_dir(entry.path().stem().string());
    // A preset naming a population runs every municipality into a results store.
    const bool population = slurp(entry.path()).find("\npopulation = \"") != std::string::npos;
    const std::string where =
        population ? " --store " + (out / "study.sqlite").string() : " --out " + out.string();
    const Result r =
        samspel("run " + entry.path().string() + " --replicates 2 --threads 2" + where);
    EXPECT_EQ(r.exit_code, 0) << entry.path() << "\n" << r.output;
    if (population) {
      expect_store_alone(out / "study.sqlite");
      EXPECT_NE(r.output.find("majority shift/election"), std::string::npos) << r.output;
    } else {
      for (const char* file : {"series.csv", "replicates.csv", "changes.csv", "provenance.json"}) {
        EXPECT_TRUE(fs::exists(out / file)) << entry.path() << " " << file;
      }
      EXPECT_NE(r.output.find("cooperation_kso_ceo"), std::string::npos) << r.output;
    }
    fs::remove_all(out);
  }
  EXPECT_GE(presets, 1);
}

TEST(RunCommand, OutputIsByteIdenticalForAnyThreadCount) {
  const fs::path a = fresh_dir("threads1");
  const fs::path b = fresh_dir("threads2");
  const std::string scenario = (kScenarios / "default.toml").string();
  ASSERT_EQ(
      samspel("run " + scenario + " --replicates 40 --threads 1 --out " + a.string()).exit_code, 0);
  ASSERT_EQ(
      samspel("run " + scenario + " --replicates 40 --threads 2 --out " + b.string()).exit_code, 0);
  for (const char* file : {"series.csv", "replicates.csv", "changes.csv"}) {
    EXPECT_EQ(slurp(a / file), slurp(b / file)) << file;
  }
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST(RunCommand, BadScenarioExitsTwoAndWritesNothing) {
  const fs::path dir = fresh_dir("bad");
  fs::create_directories(dir);
  const fs::path scenario = dir / "bad.toml";
  std::ofstream(scenario) << "[strategy]\nprivate_socializing = 1.5\n";
  const fs::path out = dir / "out";
  const Result r = samspel("run " + scenario.string() + " --out " + out.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("bad.toml:2:23: strategy.private_socializing"), std::string::npos)
      << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
  EXPECT_FALSE(fs::exists(out));
  fs::remove_all(dir);
}

TEST(RunCommand, BadSetAndBadOptionsExitTwo) {
  const std::string scenario = (kScenarios / "default.toml").string();
  const fs::path out = fresh_dir("badset");
  Result r =
      samspel("run " + scenario + " --set strategy.foundation=friendship --out " + out.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("--set strategy.foundation=friendship"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("chemistry, roles"), std::string::npos) << r.output;
  r = samspel("run " + scenario + " --replicates 0 --out " + out.string());
  EXPECT_EQ(r.exit_code, 2);
  r = samspel("run " + scenario + " --seed -1 --out " + out.string());
  EXPECT_EQ(r.exit_code, 2);
  r = samspel("run /nonexistent/scenario.toml --out " + out.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(fs::exists(out));
}

TEST(RunCommand, ProvenanceRecordsTheRun) {
  const fs::path out = fresh_dir("prov");
  const std::string scenario = (kScenarios / "default.toml").string();
  ASSERT_EQ(
      samspel("run " + scenario + " --replicates 3 --seed 17 --out " + out.string()).exit_code, 0);
  const std::string p = slurp(out / "provenance.json");
  for (const char* needle : {"\"seed\": 17", "\"git_revision\"", "\"samspel_version\"", "--seed 17",
                             "\"strategy.foundation\": \"chemistry\"", "\"replicates\": 3"}) {
    EXPECT_NE(p.find(needle), std::string::npos) << needle;
  }
  fs::remove_all(out);
}

TEST(CompareCommand, WritesThePairedDifferences) {
  const fs::path out = fresh_dir("compare");
  const std::string scenario = (kScenarios / "default.toml").string();
  const Result r = samspel("compare " + scenario +
                           " --vary strategy.foundation=chemistry,roles --replicates 12 --out " +
                           out.string() + " --store " + (out / "study.sqlite").string());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("[1] strategy.foundation=roles"), std::string::npos) << r.output;
  const std::string csv = slurp(out / "compare.csv");
  EXPECT_EQ(
      csv.rfind("variant,label,measure,n,mean,difference,difference_low,difference_high\n", 0), 0U);
  EXPECT_NE(slurp(out / "provenance.json").find("\"variants\""), std::string::npos);
  fs::remove_all(out);
}

TEST(CompareCommand, LeavesTheStoreOneFile) {
  const fs::path dir = fresh_dir("compare-store");
  const fs::path store = dir / "study.sqlite";
  const Result r = samspel("compare " + (kScenarios / "default.toml").string() +
                           " --vary strategy.foundation=chemistry,roles --replicates 2 --out " +
                           (dir / "out").string() + " --store " + store.string());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  expect_store_alone(store);
  EXPECT_EQ(samspel("report " + store.string() + " -o " + (dir / "r.html").string()).exit_code, 0);
  EXPECT_EQ(samspel("export " + store.string() + " --out " + (dir / "export").string()).exit_code,
            0);
  expect_store_alone(store);
  fs::remove_all(dir);
}

TEST(CompareCommand, BadVaryExitsTwoAndWritesNothing) {
  const fs::path out = fresh_dir("compare-bad");
  const std::string scenario = (kScenarios / "default.toml").string();
  Result r =
      samspel("compare " + scenario + " --vary strategy.foundation=chemistry,friends --out " +
              out.string() + " --store " + (out / "study.sqlite").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("--vary strategy.foundation=friends"), std::string::npos) << r.output;
  r = samspel("compare " + scenario + " --vary strategy.foundation=roles --out " + out.string() +
              " --store " + (out / "study.sqlite").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("only one variant"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out));
}

TEST(DocsCommand, WritesTheGeneratedDocs) {
  const fs::path out = fresh_dir("docs");
  ASSERT_EQ(samspel("docs --out " + out.string()).exit_code, 0);
  EXPECT_TRUE(fs::exists(out / "parameters.md"));
  EXPECT_TRUE(fs::exists(out / "outputs.md"));
  fs::remove_all(out);
}

}  // namespace
