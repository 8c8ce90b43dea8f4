#include "samspel/engine/sign_flips.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "samspel/engine/random.hpp"

namespace samspel::engine {
namespace {

// An effect of +0.2 at the reference that reverses where factor 0 passes 0.8.
TEST(SignFlips, NamesTheFactorTheReversalDependsOn) {
  const UnitDesign design = latin_hypercube(5, 1000, 7);
  std::vector<double> values(design.size());
  for (std::size_t p = 0; p < design.size(); ++p)
    values[p] = 0.8 - design.at(p, 0);
  const SignFlips flips = sign_flips(design, values, 0.2);
  EXPECT_EQ(flips.points, 1000U);
  EXPECT_EQ(flips.flips, 200U);  // a Latin hypercube has exactly 200 of 1000 above 0.8
  ASSERT_EQ(flips.factors.size(), 1U);
  EXPECT_EQ(flips.factors[0].factor, 0);
  EXPECT_NEAR(flips.factors[0].mean_flips, 0.9, 0.001);
  EXPECT_NEAR(flips.factors[0].mean_all, 0.5, 0.001);
  EXPECT_GE(flips.factors[0].low, 0.8);
  EXPECT_GT(flips.factors[0].z, 20);
}

// Reversals unrelated to every factor name none, except by chance: over many designs, about
// 5% of them name a factor (the Bonferroni bound's level), with a binomial standard error.
TEST(SignFlips, UnrelatedReversalsNameNoFactorBeyondTheLevel) {
  constexpr int kDesigns = 400;
  int named = 0;
  for (int d = 0; d < kDesigns; ++d) {
    const UnitDesign design = latin_hypercube(10, 200, 100 + static_cast<std::uint64_t>(d));
    Rng rng(stream_seed(static_cast<std::uint64_t>(d), 0, 1));
    std::vector<double> values(design.size());
    for (double& v : values)
      v = rng.uniform() - 0.3;
    named += sign_flips(design, values, 1.0).factors.empty() ? 0 : 1;
  }
  // At most alpha = 5% (Bonferroni is conservative), plus three standard errors.
  const double alpha = 0.05;
  const double se = std::sqrt(alpha * (1 - alpha) / kDesigns);
  EXPECT_LE(static_cast<double>(named) / kDesigns, alpha + 3 * se) << named;
}

TEST(SignFlips, UndefinedValuesAreLeftOutAndNoSignMeansNoReversal) {
  const UnitDesign design = latin_hypercube(2, 10, 1);
  std::vector<double> values(10, -1.0);
  values[3] = std::numeric_limits<double>::quiet_NaN();
  const SignFlips flips = sign_flips(design, values, 1.0);
  EXPECT_EQ(flips.points, 9U);
  EXPECT_EQ(flips.flips, 9U);
  EXPECT_TRUE(flips.factors.empty());  // every point reverses: nothing to locate
  EXPECT_EQ(sign_flips(design, values, 0.0).flips, 0U);
  EXPECT_EQ(sign_flips(design, values, std::numeric_limits<double>::quiet_NaN()).flips, 0U);
}

}  // namespace
}  // namespace samspel::engine
