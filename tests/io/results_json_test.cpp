#include "samspel/io/results_json.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "io/study_fixture.hpp"
#include "io/temp_directory.hpp"
#include "samspel/analysis/run_measures.hpp"
#include "samspel/engine/statistics.hpp"
#include "samspel/io/variants.hpp"

namespace samspel::io {
namespace {

using model::kMetricCount;
using model::Metric;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Json = nlohmann::ordered_json;

void set(RunResults& r, int replicate, int month, Metric m, double value) {
  r.series[(static_cast<std::size_t>(replicate) * r.calendar.months() + month) * kMetricCount +
           static_cast<std::size_t>(m)] = value;
}

// Four replicates over three months from August 2014 (an election year: September 2014 is an
// election), with a majority shift in October in two replicates and one CEO change in August.
RunResults small_run() {
  RunResults r;
  r.calendar = engine::Calendar({2014, 8}, 3);
  r.replicates = 4;
  r.series.assign(4 * 3 * kMetricCount, 0.0);
  for (int i = 0; i < 4; ++i) {
    for (int t = 0; t < 3; ++t)
      set(r, i, t, Metric::cooperation_kso_ceo, 0.1 * (i + 1) + t);  // 0.1..0.4 (+ t)
  }
  r.summaries.resize(4);
  for (int i : {0, 2}) {
    r.summaries[i].changes.push_back(
        {.step = 2, .seat = model::Seat::kso, .reason = model::ExitReason::new_majority});
  }
  r.summaries[3].changes.push_back(
      {.step = 0, .seat = model::Seat::ceo, .reason = model::ExitReason::other});
  r.summaries[3].changes.push_back(
      {.step = 2, .seat = model::Seat::kso, .reason = model::ExitReason::other});
  return r;
}

Scenario small_scenario() {
  Scenario s = parse_scenario(
      "name = \"Small\"\n[run]\nstart = \"2014-08\"\nyears = 1\nreplicates = 4\n"
      "[[events]]\ntype = \"ceo_leaves\"\ndate = \"2014-09\"\n",
      "<text>");
  validate(s);
  return s;
}

std::vector<double> numbers(const Json& array) {
  std::vector<double> out;
  for (const auto& v : array)
    out.push_back(v.is_null() ? NAN : v.get<double>());
  return out;
}

TEST(RunDocument, BandsAreTheQuantilesAcrossReplicates) {
  const Json j = run_document(small_run(), small_scenario(), Provenance{"samspel run x", "1", "r"});
  EXPECT_EQ(j["samspel_results"], kResultsDocumentVersion);
  EXPECT_EQ(j["kind"], "run");
  EXPECT_EQ(j["title"], "Small");
  EXPECT_THAT(j["months"], ElementsAre("2014-08", "2014-09", "2014-10"));
  const Json& band = j["configurations"][0]["bands"]["cooperation_kso_ceo"];
  // Values 0.1, 0.2, 0.3, 0.4 (+ t): mean 0.25, median 0.25, q05 by linear interpolation
  // 0.1 + 0.15 * 0.1 = 0.115.
  EXPECT_THAT(numbers(band["mean"]), ElementsAre(0.25, 1.25, 2.25));
  EXPECT_THAT(numbers(band["q50"]), ElementsAre(0.25, 1.25, 2.25));
  EXPECT_DOUBLE_EQ(band["q05"][0].get<double>(), 0.115);
  EXPECT_DOUBLE_EQ(band["q95"][0].get<double>(), 0.385);
  EXPECT_DOUBLE_EQ(band["q25"][0].get<double>(), 0.175);
}

TEST(RunDocument, MarkersHoldElectionsEventsAndChangesPerMonth) {
  const Json j = run_document(small_run(), small_scenario(), Provenance{});
  EXPECT_THAT(j["markers"]["elections"], ElementsAre("2014-09"));
  ASSERT_EQ(j["markers"]["events"].size(), 1U);
  EXPECT_EQ(j["markers"]["events"][0]["type"], "ceo_leaves");
  EXPECT_EQ(j["markers"]["events"][0]["month"], "2014-09");
  const Json& changes = j["configurations"][0]["changes"];
  // Two of four replicates shift majority in October; three KSO changes; one CEO change.
  EXPECT_THAT(numbers(changes["majority_shift"]), ElementsAre(0, 0, 0.5));
  EXPECT_THAT(numbers(changes["kso"]), ElementsAre(0, 0, 0.75));
  EXPECT_THAT(numbers(changes["ceo"]), ElementsAre(0.25, 0, 0));
}

TEST(RunDocument, MeasuresCarryAConfidenceIntervalAroundTheMean) {
  const Json j = run_document(small_run(), small_scenario(), Provenance{});
  const Json* kso = nullptr;
  for (const auto& m : j["configurations"][0]["measures"]) {
    if (m["name"] == "mean_cooperation_kso_ceo") kso = &m;
  }
  ASSERT_NE(kso, nullptr);
  // Per-run means 1.1, 1.2, 1.3, 1.4: mean 1.25, standard error sqrt(0.05/3/4), t(3) 3.182.
  const double half = 3.182446 * std::sqrt(0.05 / 3 / 4);
  EXPECT_EQ((*kso)["n"], 4);
  EXPECT_NEAR((*kso)["mean"].get<double>(), 1.25, 1e-9);
  EXPECT_NEAR((*kso)["low"].get<double>(), 1.25 - half, 1e-5);
  EXPECT_NEAR((*kso)["high"].get<double>(), 1.25 + half, 1e-5);
}

TEST(RunDocument, RunDirectoryGivesTheSameDocumentAsMemory) {
  const io_test::TempDirectory dir;
  const RunResults r = small_run();
  const Scenario s = small_scenario();
  const Provenance p{"samspel run small.toml", "0.1.0", "abc"};
  write_run_directory(dir.path(), r, s, p);
  EXPECT_EQ(results_document(dir.path()).dump(), run_document(r, s, p).dump());
}

TEST(RunDocument, RefusesADirectoryThatIsNotARun) {
  const io_test::TempDirectory dir;
  EXPECT_THAT([&] { results_document(dir.path()); },
              ::testing::ThrowsMessage<ScenarioError>(HasSubstr("not a samspel run directory")));
  EXPECT_THAT([&] { results_document(dir.path() / "missing"); },
              ::testing::ThrowsMessage<ScenarioError>(HasSubstr("no such run directory")));
}

TEST(RunDocument, PointsFromAComparisonDirectoryToItsStore) {
  const io_test::TempDirectory dir;
  std::ofstream(dir.path() / "compare.csv") << "variant,label\n";
  EXPECT_THAT([&] { results_document(dir.path()); },
              ::testing::ThrowsMessage<ScenarioError>(HasSubstr("the comparison's results store")));
}

TEST(RunDocument, RefusesAMalformedSeriesFileNamingIt) {
  const io_test::TempDirectory dir;
  write_run_directory(dir.path(), small_run(), small_scenario(), Provenance{});
  std::ofstream(dir.path() / "series.csv", std::ios::app) << "2014-11,mean,x\n";
  EXPECT_THAT([&] { results_document(dir.path()); },
              ::testing::ThrowsMessage<ScenarioError>(HasSubstr("series.csv:20:")));
}

TEST(StoreDocument, RefusesAFileThatIsNotAStore) {
  const io_test::TempDirectory dir;
  std::ofstream(dir.path() / "notes.txt") << "hello\n";
  EXPECT_THAT([&] { results_document(dir.path() / "notes.txt"); },
              ::testing::ThrowsMessage<ScenarioError>(HasSubstr("not a samspel results store")));
}

TEST(StoreDocument, ComparisonHasVariantsBandsAndPairedDifferences) {
  const io_test::TempDirectory dir;
  Scenario base = parse_scenario(
      "name = \"Small\"\n[run]\nstart = \"2013-01\"\nyears = 2\nreplicates = 6\n", "<text>");
  validate(base);
  const auto variants = expand_variants(base, {"strategy.foundation=chemistry,roles"});
  const auto store = dir.path() / "small-compare.sqlite";
  io_test::write_comparison(variants, store);
  const Comparison c = read_comparison(store);
  const Json j = results_document(store);
  EXPECT_EQ(j["kind"], "compare");
  EXPECT_EQ(j["months"].size(), 24U);
  ASSERT_EQ(j["configurations"].size(), 2U);
  EXPECT_EQ(j["configurations"][1]["label"], "strategy.foundation=roles");
  const Json& band = j["configurations"][1]["bands"]["cooperation_kso_ceo"];
  ASSERT_EQ(band["q50"].size(), 24U);
  for (std::size_t t = 0; t < 24; ++t) {
    EXPECT_LE(band["q05"][t].get<double>(), band["q25"][t].get<double>());
    EXPECT_LE(band["q25"][t].get<double>(), band["q50"][t].get<double>());
    EXPECT_LE(band["q50"][t].get<double>(), band["q75"][t].get<double>());
    EXPECT_LE(band["q75"][t].get<double>(), band["q95"][t].get<double>());
  }
  EXPECT_THAT(j["markers"]["elections"], ElementsAre("2014-09"));
  // The paired differences are those of compare.csv: the same helper over the same runs.
  ASSERT_EQ(j["differences"].size(), 1U);
  const auto& info = analysis::run_measure_info();
  for (std::size_t m = 0; m < info.size(); ++m) {
    const auto d = engine::paired_difference(c.column(0, m), c.column(1, m));
    const Json& row = j["differences"][0]["measures"][m];
    EXPECT_EQ(row["name"], info[m].name);
    if (std::isfinite(d.mean)) {
      EXPECT_NEAR(row["mean"].get<double>(), d.mean, 1e-5 * (1 + std::abs(d.mean)));
    }
  }
  // CEO changes per month from the kso_id/ceo_id means add up to the mean count per run.
  double ceo = 0;
  for (const auto& v : j["configurations"][0]["changes"]["ceo"])
    ceo += v.is_null() ? 0 : v.get<double>();
  double expected = 0;
  std::size_t ceo_column = 0;
  while (info[ceo_column].name != "ceo_changes")
    ++ceo_column;
  for (const double v : c.column(0, ceo_column))
    expected += v / c.replicates;
  EXPECT_NEAR(ceo, expected, 1e-3);
}

TEST(StoreDocument, KeptSeriesGiveMonthlyPairedDifferences) {
  const io_test::TempDirectory dir;
  Scenario base =
      parse_scenario("[run]\nstart = \"2013-01\"\nyears = 1\nreplicates = 5\n", "<text>");
  validate(base);
  const auto variants = expand_variants(base, {"strategy.role_dialogue=none,recurring"});
  io_test::write_comparison(variants, dir.path() / "c.sqlite", true);
  const Json j = results_document(dir.path() / "c.sqlite");
  const Json& band = j["differences"][0]["bands"]["cooperation_kso_ceo"];
  const Json& reference = j["configurations"][0]["bands"]["cooperation_kso_ceo"]["mean"];
  const Json& variant = j["configurations"][1]["bands"]["cooperation_kso_ceo"]["mean"];
  ASSERT_EQ(band["mean"].size(), 12U);
  for (std::size_t t = 0; t < 12; ++t) {
    // With every replicate defined, the mean paired difference is the difference of the means.
    const double expected = variant[t].get<double>() - reference[t].get<double>();
    EXPECT_NEAR(band["mean"][t].get<double>(), expected, 1e-5);
    EXPECT_LE(band["low"][t].get<double>(), band["mean"][t].get<double>());
    EXPECT_GE(band["high"][t].get<double>(), band["mean"][t].get<double>());
  }
}

TEST(StoreDocument, WithoutKeptSeriesThereAreNoMonthlyDifferences) {
  const io_test::TempDirectory dir;
  Scenario base =
      parse_scenario("[run]\nstart = \"2013-01\"\nyears = 1\nreplicates = 3\n", "<text>");
  validate(base);
  io_test::write_comparison(expand_variants(base, {"strategy.role_dialogue=none,recurring"}),
                            dir.path() / "c.sqlite");
  const Json j = results_document(dir.path() / "c.sqlite");
  EXPECT_FALSE(j["differences"][0].contains("bands"));
}

}  // namespace
}  // namespace samspel::io
