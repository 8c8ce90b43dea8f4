// Limits refused up front with one line and exit 2, before anything is simulated or written:
// a seed beyond what the scenario file and the store take (instead of being clamped), replicates
// whose results could not be held in this machine's memory, and an output folder that cannot
// be created, for every command that writes one.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "samspel/engine/memory.hpp"
#include "support/samspel_binary.hpp"

namespace {

using samspel_test::Result;
using samspel_test::samspel;

namespace fs = std::filesystem;

const std::string kSource = SAMSPEL_SOURCE_DIR;
const std::string kScenario = kSource + "/tests/regression/scenario.toml";

class Limits : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("samspel-limits-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string in_dir(const std::string& name) const { return (dir_ / name).string(); }
  bool dir_is_empty() const { return fs::is_empty(dir_); }

  static void expect_refused(const Result& r, const std::string& says) {
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find(says), std::string::npos) << r.output;
  }

  fs::path dir_;
};

TEST_F(Limits, SeedBeyondTheLargestIsRefusedByEveryCommand) {
  const std::string too_large = " --seed 9223372036854775808";
  const std::string commands[] = {
      "run " + kScenario + " -n 1 --out " + in_dir("run"),
      "sweep " + kScenario + " -n 1 --param model.case_pull=0.1:0.3 --points 2 --store " +
          in_dir("s.sqlite"),
      "compare " + kScenario + " -n 1 --vary strategy.foundation=chemistry,roles --store " +
          in_dir("c.sqlite") + " --out " + in_dir("c"),
      "validate --quick --only F1 --out " + in_dir("v"),
      "march --runs 2 --out " + in_dir("m"),
      "calibrate " + kSource + "/scenarios/sweden.toml --out " + in_dir("cal"),
      "sensitivity " + kScenario + " --method morris --points 2 --out " + in_dir("sens"),
  };
  for (const std::string& command : commands) {
    SCOPED_TRACE(command);
    const Result r = samspel(command + too_large);
    expect_refused(r, "--seed");
    EXPECT_NE(r.output.find("0 to 9223372036854775807"), std::string::npos) << r.output;
    EXPECT_TRUE(dir_is_empty());
  }
  for (const char* bad : {"-1", "1e5", "12x", "99999999999999999999"}) {
    const Result r =
        samspel("run " + kScenario + " -n 1 --out " + in_dir("run") + " --seed " + bad);
    expect_refused(r, "--seed");
  }
  const Result largest =
      samspel("run " + kScenario + " -n 1 --out " + in_dir("run") + " --seed 9223372036854775807");
  EXPECT_EQ(largest.exit_code, 0) << largest.output;
}

// Ten million replicates hold hundreds of gigabytes of monthly series at once.
TEST_F(Limits, ReplicatesBeyondMemoryAreRefusedBeforeAnythingIsWritten) {
  const auto available = samspel::engine::available_memory();
  if (available && *available > (std::size_t{600} << 30U))
    GTEST_SKIP() << "this machine could hold ten million replicates";
  const std::string commands[] = {
      "run " + kScenario + " -n 10000000 --out " + in_dir("run"),
      "sweep " + kScenario + " -n 10000000 --param model.case_pull=0.1:0.3 --points 2 --store " +
          in_dir("s.sqlite"),
      "run " + kSource + "/scenarios/sweden.toml -n 10000000 --store " + in_dir("p.sqlite"),
  };
  for (const std::string& command : commands) {
    SCOPED_TRACE(command);
    const Result r = samspel(command);
    expect_refused(r, "replicates 10000000: ");
    EXPECT_NE(r.output.find(" available; allowed here: at most about "), std::string::npos)
        << r.output;
    EXPECT_EQ(r.output.find('\n'), r.output.size() - 1) << r.output;
    EXPECT_TRUE(dir_is_empty());
  }
}

TEST_F(Limits, OutputUnderARegularFileIsRefusedBeforeAnyWork) {
  std::ofstream(dir_ / "file") << "x";
  const std::string under = in_dir("file") + "/out";
  const std::string commands[] = {
      "validate --dir " + kSource + "/validation --only F1 --out " + under,
      "march --runs 100000 --out " + under,
      "calibrate " + kSource + "/scenarios/sweden.toml --out " + under,
      "sensitivity " + kScenario + " --points 1000 --out " + under,
  };
  for (const std::string& command : commands) {
    SCOPED_TRACE(command);
    const Result r = samspel(command);
    expect_refused(r, "--out " + under + ": ");
    EXPECT_EQ(r.output.find('\n'), r.output.size() - 1) << r.output;
    EXPECT_EQ(samspel_test::slurp(dir_ / "file"), "x");
  }
}

}  // namespace
