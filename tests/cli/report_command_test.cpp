// `samspel report` end to end: a run directory becomes one HTML file; bad input is refused with
// one line, exit code 2 and no file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/samspel_binary.hpp"

namespace {

using samspel_test::Result;
using samspel_test::samspel;

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class ReportCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  const fs::path dir_ =
      fs::temp_directory_path() / ("samspel-cli-report-" + std::to_string(::getpid()));
};

TEST_F(ReportCommand, WritesOneHtmlFileFromARunDirectory) {
  const fs::path scenario = dir_ / "tiny.toml";
  std::ofstream(scenario) << "name = \"Tiny\"\n[run]\nstart = \"2014-01\"\nyears = 1\n"
                             "replicates = 3\n";
  ASSERT_EQ(samspel("run " + scenario.string() + " --out " + (dir_ / "run").string()).exit_code, 0);
  const Result r = samspel("report " + (dir_ / "run").string() + " -o " +
                           (dir_ / "tiny.html").string() + " --lang en");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::is_regular_file(dir_ / "tiny.html"));
  EXPECT_GT(fs::file_size(dir_ / "tiny.html"), 800'000U);  // the charting library is inlined
}

TEST_F(ReportCommand, RefusesBadInputWithOneLineAndNoFile) {
  const fs::path out = dir_ / "out.html";
  for (const std::string& args :
       {"report " + (dir_ / "missing").string() + " -o " + out.string(),
        "report " + dir_.string() + " -o " + out.string(),
        "report " + dir_.string() + " -o " + out.string() + " --lang de"}) {
    const Result r = samspel(args);
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_THAT(r.output, ::testing::StartsWith("samspel: ")) << args;
    EXPECT_EQ(r.output.find('\n'), r.output.size() - 1) << r.output;
    EXPECT_FALSE(fs::exists(out));
  }
  EXPECT_EQ(samspel("report -o " + out.string()).exit_code, 2);  // RESULTS is required
}

}  // namespace
