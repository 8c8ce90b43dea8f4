// `samspel sensitivity` end to end through the binary: a scenario and a validation file are
// analysed and written, bad input is refused with exit 2 and nothing written.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/samspel_binary.hpp"

namespace {

using samspel_test::Result;
using samspel_test::samspel;
using samspel_test::slurp;

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() /
                       ("samspel-sensitivity-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

const fs::path kSource(SAMSPEL_SOURCE_DIR);

TEST(SensitivityCommand, AnalysesAScenarioAndAPattern) {
  const fs::path out = fresh_dir("ok");
  Result r = samspel("sensitivity " + (kSource / "scenarios/default.toml").string() +
                     " --param model.case_pull=0.1:0.4 --param model.closeness_trust=0.3:0.9"
                     " --measure mean_case_time_politicians --points 3 -n 3 --out " +
                     out.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(slurp(out / "sensitivity.json"));
  EXPECT_EQ(j["method"], "morris");
  EXPECT_EQ(j["factors"].size(), 2U);
  EXPECT_EQ(j["outputs"][0]["output"], "mean_case_time_politicians");
  EXPECT_NE(slurp(out / "sensitivity.csv").find("model.case_pull"), std::string::npos);
  r = samspel("sensitivity " + (kSource / "validation/F12.toml").string() +
              " --param model.closeness_trust=0.3:0.9 --method sobol --points 4 -n 2 --out " +
              out.string());
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
    const Result r = samspel("sensitivity " + scenario + args + " --out " + out.string());
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.output;
    EXPECT_FALSE(fs::exists(out)) << args;
  }
  const Result r = samspel("sensitivity " + (kSource / "validation/F2.toml").string() +
                           " --measure lockins --out " + out.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
