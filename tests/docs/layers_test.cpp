// The layers of the source tree (README: engine, ideas, march, model, analysis, io, study,
// report, web, cli) depend only downward: every `#include "samspel/<layer>/..."` in a layer's
// sources, headers and tests names that layer or one it builds on. The test binaries link only
// their own layer (tests/CMakeLists.txt), which catches a call upward; this catches an include
// upward, whose inline code would link anyway.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

namespace {

namespace fs = std::filesystem;

const fs::path kRoot = SAMSPEL_SOURCE_DIR;

// Each layer and the layers it may include (itself included).
const std::map<std::string, std::set<std::string>>& allowed() {
  static const std::map<std::string, std::set<std::string>> layers = [] {
    std::map<std::string, std::set<std::string>> m;
    m["engine"] = {"engine"};
    m["ideas"] = {"ideas", "engine"};
    m["march"] = {"march", "ideas", "engine"};
    m["model"] = {"model", "ideas", "engine"};
    m["analysis"] = {"analysis", "model", "ideas", "engine"};
    m["io"] = {"io", "analysis", "model", "ideas", "engine"};
    m["study"] = {"study", "io", "analysis", "march", "model", "ideas", "engine"};
    m["report"] = {"report", "io", "analysis", "model", "ideas", "engine"};
    m["web"] = {"web", "study", "io", "analysis", "march", "model", "ideas", "engine"};
    m["cli"] = {"cli",      "web",   "report", "study", "io",
                "analysis", "march", "model",  "ideas", "engine"};
    return m;
  }();
  return layers;
}

// Tests that make their fixtures with a layer above (tests/CMakeLists.txt says why).
const std::set<std::string> kTestExceptions = {"tests/io/results_json_test.cpp",
                                               "tests/report/html_report_test.cpp"};

// "file:line includes samspel/<layer>/" for every include outside `layer`'s allowed set.
std::vector<std::string> upward_includes(const fs::path& dir, const std::string& layer) {
  std::vector<std::string> found;
  if (!fs::exists(dir)) return found;
  const std::regex include(R"(^\s*#\s*include\s*"samspel/([a-z_]+)/)");
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string relative = fs::relative(entry.path(), kRoot).string();
    if (kTestExceptions.count(relative) > 0) continue;
    std::ifstream in(entry.path());
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      std::smatch m;
      if (std::regex_search(line, m, include) && allowed().at(layer).count(m[1].str()) == 0)
        found.push_back(relative + ":" + std::to_string(number) + " includes samspel/" +
                        m[1].str() + "/");
    }
  }
  return found;
}

TEST(Layers, IncludesPointOnlyDownward) {
  std::size_t checked = 0;
  for (const auto& [layer, layers] : allowed()) {
    for (const fs::path& dir :
         {kRoot / "src" / layer, kRoot / "include" / "samspel" / layer, kRoot / "tests" / layer}) {
      for (const std::string& bad : upward_includes(dir, layer))
        ADD_FAILURE() << bad << ", above " << layer;
      checked += fs::exists(dir) ? 1 : 0;
    }
  }
  EXPECT_GE(checked, 20U);  // the tree is where the test looks
}

// Every layer directory under src/ is in the table, so a new one cannot go unchecked.
TEST(Layers, EveryLayerIsListed) {
  for (const auto& entry : fs::directory_iterator(kRoot / "src")) {
    if (entry.is_directory())
      EXPECT_EQ(allowed().count(entry.path().filename().string()), 1U) << entry.path();
  }
}

}  // namespace
