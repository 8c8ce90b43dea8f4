// `samspel calibrate` end to end on a tiny population: it writes its files, the same whatever
// the thread count, and refuses bad input with exit code 2 and nothing written.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "support/samspel_binary.hpp"

namespace {

using samspel_test::slurp;

namespace fs = std::filesystem;

int samspel(const std::string& args) {
  const std::string command = std::string(SAMSPEL_BINARY) + " " + args + " >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class CalibrateCommand : public ::testing::Test {
 protected:
  CalibrateCommand()
      : dir_(fs::temp_directory_path() / ("samspel-calibrate-" + std::to_string(::getpid()))) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "p.tsv") << "kommun\tpopulation\nA\t4000\nB\t60000\n";
    std::ofstream(dir_ / "s.toml") << "population = \"p.tsv\"\n[run]\nyears = 8\n"
                                      "[model]\nspin_up_years = 0\n";
    std::ofstream(dir_ / "single.toml") << "[run]\nyears = 8\n";
  }
  ~CalibrateCommand() override { fs::remove_all(dir_); }

  std::string calibrate(const std::string& out, const std::string& extra = "") const {
    return (dir_ / "s.toml").string() + " --draws 6 --replicates 1 --check-replicates 1 --out " +
           (dir_ / out).string() + " " + extra;
  }

  fs::path dir_;
};

TEST_F(CalibrateCommand, WritesDrawsAndFitWhateverTheThreads) {
  ASSERT_EQ(samspel("calibrate " + calibrate("one", "--threads 1")), 0);
  ASSERT_EQ(samspel("calibrate " + calibrate("two", "--threads 2")), 0);
  const std::string draws = slurp(dir_ / "one" / "draws.csv");
  EXPECT_EQ(draws, slurp(dir_ / "two" / "draws.csv"));
  EXPECT_EQ(std::count(draws.begin(), draws.end(), '\n'), 7);  // header and six draws
  const auto json = nlohmann::json::parse(slurp(dir_ / "one" / "calibration.json"));
  const auto other = nlohmann::json::parse(slurp(dir_ / "two" / "calibration.json"));
  EXPECT_EQ(json["parameters"], other["parameters"]);
  EXPECT_EQ(json["parameters"].size(), 4U);
  EXPECT_EQ(json["municipalities"], 2);
  EXPECT_EQ(json["check_at_fitted_values"].size(), 3U);
  EXPECT_FALSE(json["git_revision"].get<std::string>().empty());
}

TEST_F(CalibrateCommand, RefusesBadInputWithExitCodeTwoAndWritesNothing) {
  EXPECT_EQ(samspel("calibrate " + (dir_ / "missing.toml").string() + " --out " +
                    (dir_ / "bad").string()),
            2);
  EXPECT_EQ(
      samspel("calibrate " + (dir_ / "single.toml").string() + " --out " + (dir_ / "bad").string()),
      2);
  EXPECT_EQ(samspel("calibrate " + calibrate("bad", "--param model.ceo_base_hazard=0.3:0.1")), 2);
  EXPECT_EQ(samspel("calibrate " + calibrate("bad", "--accept 0")), 2);
  EXPECT_FALSE(fs::exists(dir_ / "bad"));
}

}  // namespace
