#include "samspel/engine/morris.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <stdexcept>
#include <vector>

namespace samspel::engine {
namespace {

template <class F>
std::vector<double> evaluate(const MorrisDesign& d, const F& f) {
  std::vector<double> out;
  for (std::size_t p = 0; p < d.points.size(); ++p) {
    std::vector<double> x(static_cast<std::size_t>(d.factors));
    for (int i = 0; i < d.factors; ++i)
      x[static_cast<std::size_t>(i)] = d.points.at(p, i);
    out.push_back(f(x));
  }
  return out;
}

TEST(MorrisDesign, TrajectoriesMoveOneFactorByDeltaOnTheGrid) {
  const MorrisDesign d = morris_design(5, 20, 4, 3);
  EXPECT_DOUBLE_EQ(d.delta, 4.0 / 6.0);
  ASSERT_EQ(d.points.size(), 20U * 6U);
  std::set<double> levels;
  for (int t = 0; t < 20; ++t) {
    std::set<int> moved;
    for (int s = 0; s < 5; ++s) {
      const std::size_t before = static_cast<std::size_t>(t * 6 + s);
      const int factor = d.order[static_cast<std::size_t>(t)][static_cast<std::size_t>(s)];
      moved.insert(factor);
      for (int i = 0; i < 5; ++i) {
        const double change = d.points.at(before + 1, i) - d.points.at(before, i);
        if (i == factor) {
          EXPECT_NEAR(change,
                      d.sign[static_cast<std::size_t>(t)][static_cast<std::size_t>(s)] * d.delta,
                      1e-12);
        } else {
          EXPECT_EQ(change, 0.0);
        }
      }
    }
    EXPECT_EQ(moved.size(), 5U);  // every factor once
  }
  for (const double x : d.points.points) {
    EXPECT_GE(x, 0.0);
    EXPECT_LE(x, 1.0);
    levels.insert(std::round(x * 3));
    EXPECT_NEAR(x * 3, std::round(x * 3), 1e-12);  // on the grid {0, 1/3, 2/3, 1}
  }
  EXPECT_EQ(levels.size(), 4U);
  EXPECT_THROW(morris_design(5, 20, 3, 3), std::invalid_argument);
  EXPECT_THROW(morris_design(0, 20, 4, 3), std::invalid_argument);
}

// A linear function has the same elementary effect everywhere: mu = mu* = its slope, sigma 0,
// whichever direction a trajectory takes.
TEST(MorrisIndices, ALinearFunctionGivesItsSlopes) {
  const MorrisDesign d = morris_design(4, 10, 4, 1);
  const auto f = [](const std::vector<double>& x) {
    return 10 * x[0] - 5 * x[1] + x[2] + 0 * x[3];
  };
  const auto m = morris_indices(d, evaluate(d, f), 200, 1);
  const double slopes[] = {10, -5, 1, 0};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(m[i].mu, slopes[i], 1e-9) << i;
    EXPECT_NEAR(m[i].mu_star, std::abs(slopes[i]), 1e-9) << i;
    EXPECT_NEAR(m[i].sigma, 0, 1e-9) << i;
  }
}

// A function with a known ranking of influence, non-linear and with an interaction: x1 acts
// strongly and alone, x2 and x3 through their product (so with a spread of effects, sigma > 0),
// x4 weakly and x5 not at all. The mu* ranking comes out, with bootstrap intervals that separate
// the ranks.
TEST(MorrisIndices, RanksFactorsByTheirInfluence) {
  const MorrisDesign d = morris_design(5, 60, 4, 7);
  const auto f = [](const std::vector<double>& x) {
    return 8 * x[0] * x[0] + 4 * x[1] * x[2] + 0.5 * x[3];
  };
  const auto m = morris_indices(d, evaluate(d, f), 500, 7);
  EXPECT_GT(m[0].mu_star_low, m[1].mu_star_high);
  EXPECT_GT(m[0].mu_star_low, m[2].mu_star_high);
  EXPECT_GT(std::min(m[1].mu_star_low, m[2].mu_star_low), m[3].mu_star_high);
  EXPECT_NEAR(m[3].mu_star, 0.5, 1e-9);
  EXPECT_EQ(m[4].mu_star, 0.0);
  EXPECT_GT(m[1].sigma, 0.5);
  EXPECT_GT(m[2].sigma, 0.5);
  for (const auto& i : m) {
    EXPECT_LE(i.mu_star_low, i.mu_star);
    EXPECT_GE(i.mu_star_high, i.mu_star);
  }
}

TEST(MorrisIndices, SameSeedSameDesign) {
  const MorrisDesign a = morris_design(6, 8, 4, 11);
  const MorrisDesign b = morris_design(6, 8, 4, 11);
  const MorrisDesign c = morris_design(6, 8, 4, 12);
  EXPECT_EQ(a.points.points, b.points.points);
  EXPECT_NE(a.points.points, c.points.points);
  EXPECT_THROW(morris_indices(a, std::vector<double>(3), 10, 1), std::invalid_argument);
}

}  // namespace
}  // namespace samspel::engine
