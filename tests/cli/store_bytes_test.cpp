// A results store is the same file, byte for byte, for the same command whatever --threads and
// whenever its writer happened to commit: a population study, a comparison, a sweep and a
// sensitivity analysis are each made more than once, at the same path (the command line is part
// of the store), and compared as files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "support/samspel_binary.hpp"

namespace {

using samspel_test::Result;
using samspel_test::samspel;
using samspel_test::slurp;

namespace fs = std::filesystem;

const fs::path kScenarios = fs::path(SAMSPEL_SOURCE_DIR) / "scenarios";

class StoreBytes : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("samspel-bytes-" + std::string(test->name()) + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The store `samspel COMMAND --threads T` wrote at the same path every time, and taken away,
  // so that the next command makes it anew.
  std::string store_made(const std::string& command, int threads) {
    const fs::path store = dir_ / "study.sqlite";
    const std::string out = " --out " + (dir_ / "out").string();
    const Result r = samspel(command + " --threads " + std::to_string(threads) + " --store " +
                             store.string() + (with_out_ ? out : ""));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    std::string bytes = slurp(store);
    EXPECT_GT(bytes.size(), 4096U);
    fs::remove(store);
    fs::remove_all(dir_ / "out");
    return bytes;
  }

  fs::path dir_;
  bool with_out_ = false;
};

TEST_F(StoreBytes, PopulationStudyIsTheSameWhateverTheThreadsAndTwiceOnOne) {
  const std::string run =
      "run " + (kScenarios / "sweden.toml").string() + " --replicates 2 --set run.years=1";
  const std::string one = store_made(run, 1);
  EXPECT_TRUE(one == store_made(run, 2));
  EXPECT_TRUE(one == store_made(run, 1));
}

TEST_F(StoreBytes, ComparisonIsTheSameWhateverTheThreads) {
  with_out_ = true;
  const std::string compare = "compare " + (kScenarios / "default.toml").string() +
                              " --vary strategy.foundation=chemistry,roles "
                              "--vary strategy.role_dialogue=none,recurring --replicates 12 "
                              "--set run.years=2 --keep-series";
  EXPECT_TRUE(store_made(compare, 1) == store_made(compare, 2));
}

TEST_F(StoreBytes, SweepIsTheSameWhateverTheThreads) {
  const std::string sweep = "sweep " + (kScenarios / "default.toml").string() +
                            " --param strategy.private_socializing=0:1 --param "
                            "model.closeness_trust=0.3:0.9 --design lhs --points 24 "
                            "--replicates 10 --set run.years=2";
  EXPECT_TRUE(store_made(sweep, 1) == store_made(sweep, 2));
}

TEST_F(StoreBytes, SensitivityAnalysisIsTheSameWhateverTheThreads) {
  with_out_ = true;
  const std::string analysis = "sensitivity " + (kScenarios / "default.toml").string() +
                               " --param model.case_pull=0.1:0.4 --param "
                               "model.closeness_trust=0.3:0.9 --measure "
                               "mean_cooperation_kso_ceo --points 3 -n 3";
  EXPECT_TRUE(store_made(analysis, 1) == store_made(analysis, 2));
}

}  // namespace
