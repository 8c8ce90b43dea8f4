// The quick validation (CTest label `validation`): `samspel validate --quick` with fixed seeds
// over every file of validation/, through the binary, as a user runs it. It checks the
// machinery (every pattern and measure reported with its replicates, the exit code agreeing
// with the verdicts, the files written) and that every pattern passes: at its file's parameters,
// at 4 of 5 robustness points, with an emergent measure. A model change that loses a pattern
// fails CI.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "support/samspel_binary.hpp"

namespace {

using samspel_test::Result;
using samspel_test::samspel;
using samspel_test::slurp;

namespace fs = std::filesystem;

TEST(QuickValidation, EveryPatternIsJudgedAndPasses) {
  const fs::path out =
      fs::temp_directory_path() / ("samspel-validation-" + std::to_string(::getpid()));
  fs::remove_all(out);
  const fs::path dir = fs::path(SAMSPEL_SOURCE_DIR) / "validation";
  const Result r =
      samspel("validate --quick --seed 1 --dir " + dir.string() + " --out " + out.string());
  const auto j = nlohmann::json::parse(slurp(out / "validation.json"));
  ASSERT_EQ(j["patterns"].size(), 14U) << r.output;
  EXPECT_EQ(r.exit_code, j["all_pass"].get<bool>() ? 0 : 1) << r.output;
  EXPECT_TRUE(j["quick"].get<bool>());
  EXPECT_EQ(j["seed"].get<int>(), 1);
  for (const auto& p : j["patterns"]) {
    const std::string name = p["pattern"];
    EXPECT_EQ(p["robust_points"].get<int>(), 5) << name;
    EXPECT_EQ(p["seed"].get<int>(), 1) << name;
    for (const auto& m : p["measures"]) {
      // Every replicate defines the measure except drops and recoveries, which need a change.
      EXPECT_GT(m["n"].get<int>(), 10) << name << " " << m["measure"];
      EXPECT_FALSE(m["effect"].is_null()) << name << " " << m["measure"];
    }
    EXPECT_TRUE(p["pass"].get<bool>()) << name << " fails:\n" << r.output;
  }
  EXPECT_NE(slurp(out / "validation.csv").find("pattern,comparison,measure"), std::string::npos);
  EXPECT_NE(slurp(out / "validation.md").find("| F11 |"), std::string::npos);
  fs::remove_all(out);
}

TEST(QuickValidation, BadInputIsRefusedWithExitTwoAndNothingWritten) {
  const fs::path out =
      fs::temp_directory_path() / ("samspel-validation-bad-" + std::to_string(::getpid()));
  fs::remove_all(out);
  const fs::path dir = fs::path(SAMSPEL_SOURCE_DIR) / "validation";
  Result r =
      samspel("validate --quick --only F99 --dir " + dir.string() + " --out " + out.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("--only F99"), std::string::npos) << r.output;
  r = samspel("validate --quick --dir " + (out / "none").string() + " --out " + out.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
