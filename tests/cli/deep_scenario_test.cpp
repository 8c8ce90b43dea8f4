// A scenario nested deeper than any scenario needs is refused with exit 2 and one line naming
// the file and line, before the TOML parser (which recurses per level) can overflow the stack.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/samspel_binary.hpp"

namespace {

using samspel_test::Result;
using samspel_test::samspel;

namespace fs = std::filesystem;

std::string dotted(int levels) {
  std::string key = "a";
  for (int i = 1; i < levels; ++i)
    key += ".a";
  return key;
}

class DeepScenario : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("samspel-deep-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Result run(const std::string& text) {
    const fs::path file = dir_ / "deep.toml";
    std::ofstream(file) << text;
    return samspel("run " + file.string() + " -n 2 --out " + (dir_ / "out").string());
  }

  void expect_refused(const Result& r, int line) {
    EXPECT_EQ(r.exit_code, 2) << r.output.substr(0, 300);
    const std::string where = (dir_ / "deep.toml").string() + ":" + std::to_string(line) + ": ";
    EXPECT_NE(r.output.find(where + "nested more than 64 levels deep"), std::string::npos)
        << r.output.substr(0, 300);
    EXPECT_EQ(r.output.find('\n'), r.output.size() - 1);
    EXPECT_FALSE(fs::exists(dir_ / "out"));
  }

  fs::path dir_;
};

TEST_F(DeepScenario, DeepTableHeaderIsRefused) {
  expect_refused(run("[run]\nyears = 2\n\n[" + dotted(40000) + "]\n"), 4);
}

TEST_F(DeepScenario, DeepDottedKeyIsRefused) {
  expect_refused(run(dotted(40000) + " = 1\n"), 1);
}

TEST_F(DeepScenario, DeepArraysAndInlineTablesAreRefused) {
  expect_refused(run("x = " + std::string(40000, '[') + std::string(40000, ']') + "\n"), 1);
  std::string tables = "x = ";
  for (int i = 0; i < 40000; ++i)
    tables += "{a = ";
  expect_refused(run(tables + "1" + std::string(40000, '}') + "\n"), 1);
}

TEST_F(DeepScenario, DeepSetKeyIsRefused) {
  const Result r =
      samspel("run " + (fs::path(SAMSPEL_SOURCE_DIR) / "scenarios/default.toml").string() +
              " -n 2 --out " + (dir_ / "out").string() + " --set " + dotted(40000) + "=1");
  EXPECT_EQ(r.exit_code, 2) << r.output.substr(0, 300);
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

}  // namespace
