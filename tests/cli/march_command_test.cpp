// `samspel march` end to end: tables and files, bad options refused with exit code 2, and
// files byte-identical whatever --threads.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
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
  return samspel_test::fresh_dir("march", name);
}

TEST(MarchCommand, WritesTablesFilesAndProvenance) {
  const fs::path out = fresh_dir("files");
  const Result r = samspel("march --runs 4 --seed 3 --threads 2 --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Figure 1"), std::string::npos);
  EXPECT_NE(r.output.find("Turnover"), std::string::npos);
  EXPECT_NE(r.output.find("Turbulence"), std::string::npos);
  for (const char* file : {"figure1.csv", "turnover.csv", "turbulence.csv", "provenance.json"})
    EXPECT_TRUE(fs::exists(out / file)) << file;
  const std::string provenance = slurp(out / "provenance.json");
  EXPECT_NE(provenance.find("\"seed\": 3"), std::string::npos);
  EXPECT_NE(provenance.find("\"horizon\": 400"), std::string::npos);
  // 9 cells and a header.
  const std::string figure1 = slurp(out / "figure1.csv");
  EXPECT_EQ(std::count(figure1.begin(), figure1.end(), '\n'), 10);
  fs::remove_all(out);
}

TEST(MarchCommand, FilesDoNotDependOnThreads) {
  const fs::path one = fresh_dir("one");
  const fs::path two = fresh_dir("two");
  ASSERT_EQ(
      samspel("march --experiment turnover --runs 6 --threads 1 --out " + one.string()).exit_code,
      0);
  ASSERT_EQ(
      samspel("march --experiment turnover --runs 6 --threads 2 --out " + two.string()).exit_code,
      0);
  EXPECT_EQ(slurp(one / "turnover.csv"), slurp(two / "turnover.csv"));
  EXPECT_FALSE(fs::exists(one / "figure1.csv"));
  fs::remove_all(one);
  fs::remove_all(two);
}

TEST(MarchCommand, BadOptionsAreRefusedAndNothingIsWritten) {
  const fs::path out = fresh_dir("bad");
  for (const char* bad : {"--runs 1", "--runs many", "--experiment figure2", "--seed -1"}) {
    const Result r = samspel(std::string("march ") + bad + " --out " + out.string());
    EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.output;
    EXPECT_FALSE(fs::exists(out)) << bad;
  }
}

}  // namespace
