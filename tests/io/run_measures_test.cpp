// Per-run measures computed from a hand-made run summary.
#include "samspel/io/run_measures.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

namespace samspel::io {
namespace {

double measure(const std::vector<double>& values, std::string_view name) {
  const auto& info = run_measure_info();
  const auto it =
      std::find_if(info.begin(), info.end(), [&](const MeasureInfo& m) { return m.name == name; });
  return values[static_cast<std::size_t>(it - info.begin())];
}

std::vector<double> measures_of(const model::RunSummary& summary, int months) {
  const std::vector<double> series(static_cast<std::size_t>(months) * model::kMetricCount, 0.5);
  std::vector<double> out(run_measure_info().size());
  run_measures(summary, series, months, out);
  return out;
}

model::ChangeRecord change(int step, model::Seat seat) {
  model::ChangeRecord c;
  c.step = step;
  c.seat = seat;
  return c;
}

TEST(RunMeasures, CountKommuncheferPerFourYearPeriod) {
  // Four complete periods and a partial fifth: one CEO change in the first, two in the second,
  // none in the third (only a KSO change), three in the fourth, one in the partial fifth.
  model::RunSummary s;
  for (const int step : {10, 50, 90, 150, 160, 170, 200})
    s.changes.push_back(change(step, model::Seat::ceo));
  s.changes.push_back(change(100, model::Seat::kso));
  const auto v = measures_of(s, 4 * 48 + 20);
  EXPECT_DOUBLE_EQ(measure(v, "terms_with_ceo_change"), 3.0 / 4);
  EXPECT_DOUBLE_EQ(measure(v, "terms_with_two_ceos"), 1.0 / 4);
  EXPECT_DOUBLE_EQ(measure(v, "terms_with_three_or_more_ceos"), 2.0 / 4);
}

TEST(RunMeasures, PeriodSharesAreMissingWithoutACompletePeriod) {
  const auto v = measures_of(model::RunSummary{}, 47);
  EXPECT_TRUE(std::isnan(measure(v, "terms_with_ceo_change")));
  EXPECT_TRUE(std::isnan(measure(v, "terms_with_two_ceos")));
  EXPECT_TRUE(std::isnan(measure(v, "terms_with_three_or_more_ceos")));
}

}  // namespace
}  // namespace samspel::io
