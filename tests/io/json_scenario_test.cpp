#include "samspel/io/json_scenario.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "samspel/io/dictionary.hpp"

namespace samspel::io {
namespace {

using nlohmann::json;

// A scenario file and the same scenario as JSON give the same scenario.
TEST(JsonScenario, EveryPresetReadsAsFromItsFile) {
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(SAMSPEL_SOURCE_DIR) / "scenarios")) {
    const Scenario from_file = load_scenario(entry.path());
    std::ifstream in(entry.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const json as_json = scenario_text_to_json(text, entry.path().string());
    if (as_json.contains("population")) continue;  // paths are relative to the file
    const Scenario from_json = scenario_from_json(as_json, "json");
    for (const auto& spec : parameter_specs()) {
      const double a = spec.get(from_file.parameters);
      const double b = spec.get(from_json.parameters);
      EXPECT_TRUE(a == b || (std::isnan(a) && std::isnan(b))) << entry.path() << " " << spec.key;
    }
    EXPECT_EQ(from_file.run.seed, from_json.run.seed);
    EXPECT_EQ(from_file.run.years, from_json.run.years);
    EXPECT_EQ(from_file.events.size(), from_json.events.size());
    EXPECT_EQ(from_file.name, from_json.name);
  }
}

TEST(JsonScenario, TypesFollowTheFileRules) {
  EXPECT_NO_THROW(scenario_from_json({{"municipality", {{"population", 30000}}}}, "s"));
  try {
    scenario_from_json({{"municipality", {{"population", 3e4}}}}, "s");
    FAIL();
  } catch (const ScenarioError& e) {
    EXPECT_STREQ(e.what(),
                 "s: municipality.population: got a number; allowed: an integer in [500, 2000000]");
  }
  EXPECT_THROW(scenario_from_json({{"run", {{"seed", 18446744073709551615ULL}}}}, "s"),
               ScenarioError);
  EXPECT_THROW(scenario_from_json(json::array(), "s"), ScenarioError);
  EXPECT_THROW(scenario_from_json({{"strategy", {{"foundation", "roles\nx"}}}}, "s"),
               ScenarioError);
}

}  // namespace
}  // namespace samspel::io
