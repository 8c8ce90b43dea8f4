// Per-run measures computed from a hand-made run summary.
#include "samspel/analysis/run_measures.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace samspel::analysis {
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

model::ChangeRecord followed(int recovery, bool followed_24, double lockins) {
  model::ChangeRecord c = change(0, model::Seat::ceo);
  c.before = 0.8;
  c.after = 0.5;
  c.recovery = recovery;
  c.followed_24 = followed_24;
  c.lockins = lockins;
  return c;
}

// Recovered by month 3 and by month 24 (the edge: within 24 months), back only in month 25, never
// back; a change the run ended on at month 10 without recovery (censored), one that recovered by
// month 5 before the run ended (not censored: its state at month 24 is known), and one without
// cooperation before it.
TEST(RunMeasures, TwentyFourMonthRiskLeavesOutCensoredChanges) {
  model::RunSummary s;
  s.changes = {followed(3, true, 2),    followed(24, true, 5),    followed(25, true, 1),
               followed(-1, true, 0),   followed(-1, false, NAN), followed(5, false, NAN),
               followed(-1, false, NAN)};
  s.changes.back().before = NAN;
  const auto v = measures_of(s, 200);
  EXPECT_DOUBLE_EQ(measure(v, "unrecovered_share_24"), 2.0 / 5);
  EXPECT_DOUBLE_EQ(measure(v, "restricted_recovery_months"), (3.0 + 24 + 24 + 24 + 5) / 5);
  EXPECT_DOUBLE_EQ(measure(v, "mean_lockins_new_pair"), (2.0 + 5 + 1 + 0) / 4);
  // The mean over recovered changes only is lower than the restricted mean here: the bias.
  EXPECT_DOUBLE_EQ(measure(v, "mean_recovery_months"), (3.0 + 24 + 25 + 5) / 4);
}

TEST(RunMeasures, TwentyFourMonthRiskIsMissingWithoutAChangeAtRisk) {
  for (const auto& changes : {std::vector<model::ChangeRecord>{},
                              std::vector<model::ChangeRecord>{followed(-1, false, NAN)}}) {
    model::RunSummary s;
    s.changes = changes;
    const auto v = measures_of(s, 200);
    EXPECT_TRUE(std::isnan(measure(v, "unrecovered_share_24")));
    EXPECT_TRUE(std::isnan(measure(v, "restricted_recovery_months")));
    EXPECT_TRUE(std::isnan(measure(v, "mean_lockins_new_pair")));
  }
}

TEST(RunMeasures, EveryChangeRecoveredIsNoRisk) {
  model::RunSummary s;
  s.changes = {followed(0, true, 3), followed(12, true, 1)};
  const auto v = measures_of(s, 200);
  EXPECT_DOUBLE_EQ(measure(v, "unrecovered_share_24"), 0);
  EXPECT_DOUBLE_EQ(measure(v, "restricted_recovery_months"), 6);
  EXPECT_DOUBLE_EQ(measure(v, "mean_lockins_new_pair"), 2);
}

// The `measures: {...}` labels of one language of web/src/i18n.js.
std::map<std::string, std::string> i18n_measures(std::string_view lang) {
  std::ifstream in(std::filesystem::path(SAMSPEL_SOURCE_DIR) / "web/src/i18n.js", std::ios::binary);
  std::ostringstream read;
  read << in.rdbuf();
  const std::string text = read.str();
  const auto start = text.find("\n    " + std::string(lang) + ": {\n");
  const auto measures = text.find("\n      measures: {\n", start);
  std::map<std::string, std::string> out;
  if (start == std::string::npos || measures == std::string::npos) return out;
  const std::string block = text.substr(measures, text.find("\n      },", measures) - measures);
  const std::regex entry(R"((\w+): '([^']*)')");
  for (auto it = std::sregex_iterator(block.begin(), block.end(), entry);
       it != std::sregex_iterator(); ++it) {
    out[(*it)[1]] = (*it)[2];
  }
  return out;
}

// The pages and the (offline) report label measures from web/src/i18n.js: the same measures,
// with the same labels, as the table.
TEST(RunMeasures, TheLabelsOfThePagesAreTheTables) {
  std::map<std::string, std::string> sv;
  std::map<std::string, std::string> en;
  for (const auto& m : run_measure_info()) {
    EXPECT_EQ(m.sv.empty(), m.en.empty()) << m.name;
    if (!m.sv.empty()) sv[m.name] = m.sv;
    if (!m.en.empty()) en[m.name] = m.en;
  }
  EXPECT_FALSE(sv.empty());
  EXPECT_EQ(i18n_measures("sv"), sv);
  EXPECT_EQ(i18n_measures("en"), en);
}

}  // namespace
}  // namespace samspel::analysis
