#include "samspel/io/variants.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace samspel::io {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

Scenario base() {
  Scenario s = parse_scenario("[run]\nreplicates = 3\n", "base.toml");
  validate(s);
  return s;
}

std::string error_of(const std::vector<std::string>& vary) {
  try {
    expand_variants(base(), vary);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(Variants, CartesianProductWithTheFirstValuesFirst) {
  const auto v = expand_variants(
      base(), {"strategy.foundation=chemistry,roles", "strategy.private_socializing=0.1,0.5,0.9"});
  ASSERT_EQ(v.size(), 6U);
  EXPECT_EQ(v[0].label, "strategy.foundation=chemistry, strategy.private_socializing=0.1");
  EXPECT_EQ(v[5].label, "strategy.foundation=roles, strategy.private_socializing=0.9");
  EXPECT_EQ(v[4].scenario.parameters.strategy.foundation, model::Foundation::roles);
  EXPECT_DOUBLE_EQ(v[4].scenario.parameters.strategy.private_socializing, 0.5);
  EXPECT_DOUBLE_EQ(v[1].scenario.parameters.strategy.private_socializing, 0.5);
  EXPECT_EQ(v[1].scenario.parameters.strategy.foundation, model::Foundation::chemistry);
}

TEST(Variants, BadSpecificationsNameTheOption) {
  EXPECT_THAT(error_of({"strategy.nothing=1,2"}),
              AllOf(StartsWith("--vary strategy.nothing=1,2: unknown key"), HasSubstr("allowed:")));
  EXPECT_THAT(error_of({"strategy.private_socializing=0.1,,0.3"}), HasSubstr("empty value"));
  EXPECT_THAT(error_of({"strategy.private_socializing"}), HasSubstr("expected key=v1,v2"));
  EXPECT_THAT(error_of({"strategy.private_socializing=0.1,1.5"}),
              AllOf(StartsWith("--vary strategy.private_socializing=1.5:"),
                    HasSubstr("allowed: a number in [0, 1]")));
  EXPECT_THAT(error_of({"strategy.foundation=roles", "strategy.foundation=chemistry"}),
              HasSubstr("varied twice"));
  EXPECT_THAT(error_of({"run.years=2,3"}), HasSubstr("unknown key"));
  // Combinations are validated together: 8 committees with 6 departments.
  EXPECT_THAT(error_of({"municipality.committees=6,8"}), HasSubstr("municipality.committees: 8"));
}

}  // namespace
}  // namespace samspel::io
