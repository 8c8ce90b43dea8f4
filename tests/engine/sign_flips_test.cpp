#include "samspel/engine/sign_flips.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

#include "samspel/engine/design.hpp"
#include "samspel/engine/morris.hpp"
#include "samspel/engine/random.hpp"

namespace samspel::engine {
namespace {

std::function<double(std::size_t, int)> at(const UnitDesign& design) {
  return [&design](std::size_t p, int f) { return design.at(p, f); };
}

// An effect of +0.2 at the reference that reverses where factor 0 passes 0.8.
TEST(SignFlips, NamesTheFactorTheReversalDependsOn) {
  const UnitDesign design = latin_hypercube(5, 1000, 7);
  std::vector<double> values(design.size());
  for (std::size_t p = 0; p < design.size(); ++p)
    values[p] = 0.8 - design.at(p, 0);
  const SignFlips flips = sign_flips(5, values, 0.2, at(design));
  EXPECT_EQ(flips.points, 1000U);
  EXPECT_EQ(flips.flips, 200U);  // a Latin hypercube has exactly 200 of 1000 above 0.8
  ASSERT_EQ(flips.named(), std::vector<int>{0});
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
    named += sign_flips(10, values, 1.0, at(design)).named().empty() ? 0 : 1;
  }
  // At most alpha = 5% (Bonferroni is conservative), plus three standard errors.
  const double alpha = 0.05;
  const double se = std::sqrt(alpha * (1 - alpha) / kDesigns);
  EXPECT_LE(static_cast<double>(named) / kDesigns, alpha + 3 * se) << named;
}

// The same on Morris trajectories, whose points come in clusters: a trajectory moves one factor
// at a time, so its points share their coordinates and, when the output varies more between
// trajectories than along them, their sign. Counted as independent points, such reversals would
// name a factor in four designs of five; counted by trajectory, no more than about 5% do.
TEST(SignFlips, ReversalsAlikeAlongATrajectoryNameNoFactorBeyondTheLevel) {
  constexpr int kDesigns = 400;
  constexpr int kFactors = 10;
  int named = 0;
  for (int d = 0; d < kDesigns; ++d) {
    const MorrisDesign design = morris_design(kFactors, 10, 4, 500 + static_cast<std::uint64_t>(d));
    Rng rng(stream_seed(static_cast<std::uint64_t>(d), 0, 2));
    std::vector<double> values(design.points.size());
    const std::size_t length = kFactors + 1;
    for (std::size_t t = 0; t < values.size() / length; ++t) {
      const double trajectory = rng.uniform() - 0.3;
      for (std::size_t i = 0; i < length; ++i)
        values[t * length + i] = trajectory + 0.1 * (rng.uniform() - 0.5);
    }
    named += sign_flips(kFactors, values, 1.0, at(design.points), length).named().empty() ? 0 : 1;
  }
  const double alpha = 0.05;
  const double se = std::sqrt(alpha * (1 - alpha) / kDesigns);
  EXPECT_LE(static_cast<double>(named) / kDesigns, alpha + 3 * se) << named;
}

// ... and a reversal that does depend on a factor is still found on trajectories.
TEST(SignFlips, NamesTheFactorOnMorrisTrajectories) {
  const MorrisDesign design = morris_design(6, 20, 4, 11);
  std::vector<double> values(design.points.size());
  for (std::size_t p = 0; p < values.size(); ++p)
    values[p] = 0.6 - design.points.at(p, 2);
  const SignFlips flips = sign_flips(6, values, 1.0, at(design.points), 7);
  EXPECT_EQ(flips.clusters, 20U);
  ASSERT_FALSE(flips.named().empty());
  EXPECT_EQ(flips.named().front(), 2);
  EXPECT_GT(flips.factors[2].z, 0);
}

// Three reversals at the bottom of a factor's range are what chance gives one factor in 64 on a
// grid of 4 levels: too few to locate.
TEST(SignFlips, AHandfulOfReversalsLocatesNothing) {
  std::vector<double> values(400, 1.0);
  const auto position = [](std::size_t p, int f) {
    return f == 0 && p < 3 ? 0.0 : static_cast<double>((p + static_cast<std::size_t>(f)) % 4) / 3;
  };
  for (std::size_t p = 0; p < 3; ++p)
    values[p] = -1.0;
  const SignFlips few = sign_flips(2, values, 1.0, position);
  EXPECT_EQ(few.flips, 3U);
  EXPECT_LT(few.factors[0].z, -few.z_bound);  // beyond the bound, yet
  EXPECT_TRUE(few.named().empty());
}

TEST(SignFlips, UndefinedValuesAreLeftOutAndNoSignMeansNoReversal) {
  const UnitDesign design = latin_hypercube(2, 10, 1);
  std::vector<double> values(10, -1.0);
  values[3] = std::numeric_limits<double>::quiet_NaN();
  const SignFlips flips = sign_flips(2, values, 1.0, at(design));
  EXPECT_EQ(flips.points, 9U);
  EXPECT_EQ(flips.flips, 9U);
  EXPECT_TRUE(flips.named().empty());  // every point reverses: nothing to locate
  EXPECT_EQ(sign_flips(2, values, 0.0, at(design)).flips, 0U);
  EXPECT_EQ(sign_flips(2, values, std::numeric_limits<double>::quiet_NaN(), at(design)).flips, 0U);
}

}  // namespace
}  // namespace samspel::engine
