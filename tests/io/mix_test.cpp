// The strategy mix of a population study: [[mix]] parsing is strict and points at the place,
// and each municipality's draw depends on (seed, index) alone with frequencies of the weights.
#include "samspel/io/mix.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "samspel/io/scenario.hpp"

namespace samspel::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kMix = R"(population = "p.tsv"
[[mix]]
options = [
  { weight = 3, "strategy.foundation" = "chemistry", "strategy.role_dialogue" = "none" },
  { weight = 1, "strategy.foundation" = "roles", "strategy.role_dialogue" = "recurring" },
]
[[mix]]
options = [{ weight = 235, "municipality.committees" = 6 }, { weight = 55, "municipality.committees" = 0 }]
)";

std::string error_of(const std::string& text) {
  try {
    validate(parse_scenario(text, "s.toml"));
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

TEST(Mix, ParsesOptionsWithTheirWeightsAndValues) {
  const Scenario s = parse_scenario(kMix, "s.toml");
  ASSERT_EQ(s.mix.size(), 2U);
  ASSERT_EQ(s.mix[0].options.size(), 2U);
  EXPECT_EQ(s.mix[0].options[1].weight, 1);
  EXPECT_THAT(s.mix[0].options[1].values,
              ElementsAre(std::pair<std::string, double>{"strategy.foundation", 1},
                          std::pair<std::string, double>{"strategy.role_dialogue", 2}));
  EXPECT_EQ(s.mix[1].options[1].values.front().second, 0);
  EXPECT_NO_THROW(validate(s));
}

TEST(Mix, RefusesBadOptionsNamingThePlace) {
  EXPECT_THAT(error_of("population = \"p.tsv\"\n[[mix]]\noptions = [{ \"strategy.foundation\" = "
                       "\"roles\" }]\n"),
              HasSubstr("s.toml:3:12: mix[0].options[0]: no weight"));
  EXPECT_THAT(error_of("population = \"p.tsv\"\n[[mix]]\noptions = [{ weight = 0, "
                       "\"strategy.foundation\" = \"roles\" }]\n"),
              HasSubstr("mix[0].options[0].weight: 0 is not allowed"));
  EXPECT_THAT(error_of("population = \"p.tsv\"\n[[mix]]\noptions = [{ weight = 1, "
                       "\"strategy.foundation\" = \"talks\" }]\n"),
              HasSubstr("strategy.foundation: \"talks\" is not allowed"));
  EXPECT_THAT(error_of("population = \"p.tsv\"\n[[mix]]\noptions = [{ weight = 1, colour = 2 }]\n"),
              HasSubstr("mix[0].options[0].colour: unknown key"));
  EXPECT_THAT(error_of("population = \"p.tsv\"\n[[mix]]\noptions = [{ weight = 1, "
                       "\"strategy.foundation\" = \"roles\" }, { weight = 1, "
                       "\"strategy.delegation\" = 0.2 }]\n"),
              HasSubstr("mix[0].options[1]: sets other keys than options[0]"));
  EXPECT_THAT(error_of("population = \"p.tsv\"\n[[mix]]\nshares = 1\n"),
              HasSubstr("mix[0].shares: unknown key; allowed: options"));
}

TEST(Mix, IsOnlyForPopulationsAndDrawsItsKeysAlone) {
  EXPECT_THAT(
      error_of("[[mix]]\noptions = [{ weight = 1, \"strategy.foundation\" = \"roles\" }]\n"),
      HasSubstr("s.toml:1:1: mix: only for a population study"));
  EXPECT_THAT(error_of(kMix + "[strategy]\nfoundation = \"roles\"\n"),
              HasSubstr("s.toml:10:14: strategy.foundation: is drawn per municipality by the "
                        "[[mix]] at s.toml:2:1"));
  EXPECT_THAT(error_of(kMix + "[[mix]]\noptions = [{ weight = 1, \"municipality.committees\" = 3 "
                              "}]\n"),
              HasSubstr("municipality.committees: drawn by an earlier [[mix]] too"));
}

TEST(Mix, DrawsDependOnSeedAndIndexAlone) {
  const Scenario s = parse_scenario(kMix, "s.toml");
  EXPECT_EQ(mix_choices(s.mix, 7, 12), mix_choices(s.mix, 7, 12));
  int differ = 0;
  for (std::size_t i = 0; i < 50; ++i)
    differ += mix_choices(s.mix, 7, i) != mix_choices(s.mix, 8, i) ? 1 : 0;
  EXPECT_GT(differ, 0);
}

TEST(Mix, FrequenciesFollowTheWeights) {
  const Scenario s = parse_scenario(kMix, "s.toml");
  constexpr int kMunicipalities = 4000;
  int roles = 0;
  int abolished = 0;
  for (std::size_t i = 0; i < kMunicipalities; ++i) {
    const auto c = mix_choices(s.mix, 1, i);
    roles += c[0] == 1 ? 1 : 0;
    abolished += c[1] == 1 ? 1 : 0;
  }
  // Within four standard errors of a binomial share.
  const auto near = [](int count, double p) {
    const double se = std::sqrt(p * (1 - p) / kMunicipalities);
    return std::abs(count / double(kMunicipalities) - p) < 4 * se;
  };
  EXPECT_TRUE(near(roles, 0.25)) << roles;
  EXPECT_TRUE(near(abolished, 55.0 / 290)) << abolished;
}

TEST(Mix, ApplySetsTheDrawnValuesAndReportsThem) {
  Scenario s = parse_scenario(kMix, "s.toml");
  s.run.seed = 3;
  const auto c = mix_choices(s.mix, 3, 5);
  const auto assignments = apply_mix(s, 5);
  ASSERT_EQ(assignments.size(), 3U);
  EXPECT_EQ(assignments[0],
            c[0] == 0 ? "strategy.foundation=chemistry" : "strategy.foundation=roles");
  EXPECT_EQ(s.parameters.municipality.committees, c[1] == 0 ? 6 : 0);
  EXPECT_EQ(assignments[2], c[1] == 0 ? "municipality.committees=6" : "municipality.committees=0");
}

}  // namespace
}  // namespace samspel::io
