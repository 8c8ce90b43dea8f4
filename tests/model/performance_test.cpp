// Process 8: performance, holistic conflicts and satisfaction.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "test_model.hpp"

namespace samspel::model {
namespace {

using testing::TestModel;

// Each head meets Poisson(rate) holistic conflicts a month, independently of the others, even
// though they are drawn as one total spread over the heads. Each conflict costs the head's
// relations trust, which shows how many a head met.
TEST(Performance, EachHeadMeetsItsOwnPoissonConflicts) {
  Parameters p;
  p.model.holistic_conflict_rate = 1;
  p.model.holistic_trust_loss = 0.01;
  TestModel m(p);
  State& s = m.s();
  const Derived& d = m.ctx().derived;
  const double rate = p.model.holistic_conflict_rate * p.municipality.regulation *
                      p.model.professional_orientation;  // at whole view 1
  const int runs = 20000;
  std::array<long, kMaxDepartments> met{};
  std::array<long, kMaxDepartments> none{};
  long first_two_none = 0;
  for (int t = 0; t < runs; ++t) {
    s.step = 1;  // not the first month, where performance starts at rest
    s.whole_view = 1;
    for (int h = 0; h < d.departments; ++h) {
      s.relations[politician_head_pair(h)].person_trust = 1;
      s.relations[ceo_head_pair(h)].person_trust = 1;
    }
    update_performance(s, m.ctx());
    int total = 0;
    std::array<int, kMaxDepartments> count{};
    for (int h = 0; h < d.departments; ++h) {
      count[h] = static_cast<int>(
          std::lround((1 - s.relations[politician_head_pair(h)].person_trust) / 0.01));
      ASSERT_EQ(s.relations[ceo_head_pair(h)].person_trust,
                s.relations[politician_head_pair(h)].person_trust);
      met[h] += count[h];
      none[h] += count[h] == 0 ? 1 : 0;
      total += count[h];
    }
    ASSERT_EQ(s.holistic_conflicts, total);
    first_two_none += count[0] == 0 && count[1] == 0 ? 1 : 0;
  }
  const double zero = std::exp(-rate);
  for (int h = 0; h < d.departments; ++h) {
    EXPECT_NEAR(static_cast<double>(met[h]) / runs, rate, 4 * std::sqrt(rate / runs));
    EXPECT_NEAR(static_cast<double>(none[h]) / runs, zero, 4 * std::sqrt(zero * (1 - zero) / runs));
  }
  const double both = zero * zero;
  EXPECT_NEAR(static_cast<double>(first_two_none) / runs, both,
              4 * std::sqrt(both * (1 - both) / runs));
}

}  // namespace
}  // namespace samspel::model
