// The whole model: the monthly schedule, reproducibility and the bounds of its outputs.
#include "samspel/model/model.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "test_model.hpp"

namespace samspel::model {
namespace {

std::vector<double> run(const Description& d, std::uint64_t replicate,
                        RunSummary* summary = nullptr) {
  const engine::Calendar cal({2010, 1}, 16 * 12);
  std::vector<double> series(static_cast<std::size_t>(cal.months()) * kMetricCount);
  Model m(d, cal, 7, replicate);
  RunSummary s = m.run(series);
  if (summary != nullptr) *summary = s;
  return series;
}

TEST(Model, SameSeedAndReplicateGiveTheSameRun) {
  const Description d = describe(Parameters{});
  EXPECT_EQ(run(d, 3), run(d, 3));
  EXPECT_NE(run(d, 3), run(d, 4));
}

TEST(Model, SharesStayBetweenZeroAndOne) {
  const Description d = describe(Parameters{});
  const auto series = run(d, 0);
  const Metric shares[] = {Metric::cooperation_kso_ceo, Metric::person_trust_kso_ceo,
                           Metric::role_trust_kso_ceo,  Metric::effective_trust_kso_ceo,
                           Metric::closeness_kso_ceo,   Metric::consensus_pre_discussion,
                           Metric::belief_diversity,    Metric::fit_ideas,
                           Metric::political_room,      Metric::performance,
                           Metric::vision_vacuum,       Metric::satisfaction,
                           Metric::openness_kso_ceo,    Metric::role_clarity_kso_ceo};
  for (std::size_t t = 0; t < series.size() / kMetricCount; ++t) {
    for (const Metric m : shares) {
      const double v = series[t * kMetricCount + static_cast<std::size_t>(m)];
      ASSERT_GE(v, 0) << kMetrics[static_cast<int>(m)].name << " month " << t;
      ASSERT_LE(v, 1) << kMetrics[static_cast<int>(m)].name << " month " << t;
    }
  }
}

TEST(Model, ElectionsFollowTheSwedishCalendar) {
  const Description d = describe(Parameters{});
  RunSummary s;
  run(d, 0, &s);
  EXPECT_EQ(s.elections, 4);  // 2010, 2014, 2018, 2022
}

TEST(Model, RejectsImpossibleParameterCombinations) {
  Parameters p;
  p.municipality.committees = 8;
  p.municipality.departments = 6;
  EXPECT_THROW(describe(p), std::invalid_argument);
}

}  // namespace
}  // namespace samspel::model
