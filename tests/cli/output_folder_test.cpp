// Output folders: one that cannot be created is refused with exit 2 before any simulating, and a
// run or export that fails while writing leaves the previous folder exactly as it was, never a
// mix of two runs that passes as one.
#include <gtest/gtest.h>
#include <unistd.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "support/samspel_binary.hpp"

namespace {

using samspel_test::Result;
using samspel_test::samspel;
using samspel_test::slurp;

namespace fs = std::filesystem;

const std::string kScenario =
    (fs::path(SAMSPEL_SOURCE_DIR) / "tests" / "regression" / "scenario.toml").string();
constexpr const char* kRunFiles[] = {"series.csv", "replicates.csv", "changes.csv",
                                     "provenance.json"};

class OutputFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("samspel-out-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add);
    fs::remove_all(dir_);
  }

  // Nothing but `keep` in the test's folder: no staging folder left behind.
  void expect_only(std::initializer_list<std::string> keep) {
    for (const auto& entry : fs::directory_iterator(dir_)) {
      const std::string name = entry.path().filename().string();
      EXPECT_NE(std::find(keep.begin(), keep.end(), name), keep.end()) << name;
    }
  }

  fs::path dir_;
};

TEST_F(OutputFolder, OutUnderARegularFileIsRefusedBeforeSimulating) {
  std::ofstream(dir_ / "file") << "x";
  // Ten million replicates would take hours: a prompt answer shows nothing was simulated.
  const Result r =
      samspel("run " + kScenario + " -n 10000000 --out " + (dir_ / "file" / "run").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--out " + (dir_ / "file" / "run").string()), std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find('\n'), r.output.size() - 1) << r.output;
  expect_only({"file"});
}

TEST_F(OutputFolder, CompareOutUnderARegularFileIsRefusedBeforeSimulating) {
  std::ofstream(dir_ / "file") << "x";
  const Result r = samspel(
      "compare " + kScenario + " -n 10000000 --vary strategy.foundation=chemistry,roles --store " +
      (dir_ / "s.sqlite").string() + " --out " + (dir_ / "file" / "c").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  expect_only({"file"});
}

TEST_F(OutputFolder, StoreUnderARegularFileIsRefusedBeforeSimulating) {
  std::ofstream(dir_ / "file") << "x";
  const Result r = samspel(
      "compare " + kScenario + " -n 10000000 --vary strategy.foundation=chemistry,roles --store " +
      (dir_ / "file" / "s.sqlite").string() + " --out " + (dir_ / "c").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_EQ(r.output.find('\n'), r.output.size() - 1) << r.output;
  expect_only({"file"});
}

// A sweep and a population study write a store and no folder: an --out they would ignore is
// refused, naming the option to use instead, before anything is written.
TEST_F(OutputFolder, OutOfAStudyThatWritesOnlyAStoreIsRefused) {
  const std::string sweden = (fs::path(SAMSPEL_SOURCE_DIR) / "scenarios" / "sweden.toml").string();
  const std::string store = " --store " + (dir_ / "s.sqlite").string();
  const std::string out = " --out " + (dir_ / "out").string();
  for (const std::string& command :
       {"run " + sweden + store + out,
        "sweep " + kScenario + " --param model.case_pull=0.1:0.4 --points 2" + store + out}) {
    const Result r = samspel(command);
    EXPECT_EQ(r.exit_code, 2) << command << "\n" << r.output;
    EXPECT_NE(r.output.find("--out " + (dir_ / "out").string() + ": a "), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("--store FILE"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find('\n'), r.output.size() - 1) << r.output;
    expect_only({});
  }
}

TEST_F(OutputFolder, ReadOnlyFolderIsRefusedBeforeSimulating) {
  if (::geteuid() == 0) GTEST_SKIP() << "permissions do not bind root";
  fs::create_directories(dir_ / "ro");
  fs::permissions(dir_ / "ro", fs::perms::owner_read | fs::perms::owner_exec);
  const Result r =
      samspel("run " + kScenario + " -n 10000000 --out " + (dir_ / "ro" / "x").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(fs::is_empty(dir_ / "ro"));
}

TEST_F(OutputFolder, DocsOutAFileIsRefused) {
  std::ofstream(dir_ / "file") << "x";
  const Result r = samspel("docs --out " + (dir_ / "file").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_EQ(r.output, "samspel: --out " + (dir_ / "file").string() +
                          ": cannot create the folder: " +
                          std::make_error_code(std::errc::not_a_directory).message() +
                          "; allowed: a folder that can be created and written\n");
  EXPECT_EQ(slurp(dir_ / "file"), "x");
}

TEST_F(OutputFolder, FolderWithOtherFilesIsNotReplaced) {
  fs::create_directories(dir_ / "mine");
  std::ofstream(dir_ / "mine" / "notes.txt") << "keep";
  const Result r = samspel("run " + kScenario + " -n 2 --out " + (dir_ / "mine").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("notes.txt"), std::string::npos) << r.output;
  EXPECT_EQ(slurp(dir_ / "mine" / "notes.txt"), "keep");
  expect_only({"mine"});
}

TEST_F(OutputFolder, RerunReplacesTheWholeFolder) {
  const fs::path out = dir_ / "run";
  ASSERT_EQ(samspel("run " + kScenario + " -n 2 --seed 1 --out " + out.string()).exit_code, 0);
  ASSERT_EQ(samspel("run " + kScenario + " -n 3 --seed 2 --out " + out.string()).exit_code, 0);
  EXPECT_NE(slurp(out / "provenance.json").find("\"seed\": 2"), std::string::npos);
  EXPECT_NE(slurp(out / "replicates.csv").find("\n2,"), std::string::npos);
  expect_only({"run"});
}

// A file size limit makes the second run's large replicates.csv fail after its series.csv is
// written, as a full disk would.
TEST_F(OutputFolder, FailedWriteLeavesThePreviousRunWhole) {
  const fs::path out = dir_ / "run";
  ASSERT_EQ(samspel("run " + kScenario + " -n 2 --seed 1 --out " + out.string()).exit_code, 0);
  std::string before[4];
  for (int i = 0; i < 4; ++i)
    before[i] = slurp(out / kRunFiles[i]);
  const auto limit_blocks = (before[0].size() + 4096) / 512 + 1;
  ASSERT_GT(3000 * 100U, limit_blocks * 512) << "replicates.csv would fit under the limit";
  const std::string command = "trap '' XFSZ; ulimit -f " + std::to_string(limit_blocks) +
                              "; exec " + SAMSPEL_BINARY + " run " + kScenario +
                              " -n 3000 --seed 99 --threads 2 --out " + out.string() + " 2>&1";
  const int status = std::system(("sh -c \"" + command + "\" >/dev/null").c_str());
  // A full disk is a failure while running (1), not bad input (2): the same command may work
  // once there is room.
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 1);
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(slurp(out / kRunFiles[i]), before[i]) << kRunFiles[i];
  expect_only({"run"});
}

// A store that fills the disk midway through a study fails it as running fails (1), not as
// input is refused (2), and says so in one line.
TEST_F(OutputFolder, StoreThatFillsTheDiskIsAFailureNotBadInput) {
  const std::string command =
      "trap '' XFSZ; ulimit -f 64; exec " + std::string(SAMSPEL_BINARY) + " sweep " + kScenario +
      " -n 4 --param model.case_pull=0.1:0.4 --points 400 --keep-series --threads 2 --store " +
      (dir_ / "s.sqlite").string() + " 2>" + (dir_ / "stderr").string();
  const int status = std::system(("sh -c \"" + command + "\" >/dev/null").c_str());
  const std::string output = slurp(dir_ / "stderr");
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 1) << output;
  EXPECT_EQ(output.rfind("samspel: ", 0), 0U) << output;
  EXPECT_EQ(output.find('\n'), output.size() - 1) << output;
}

}  // namespace
