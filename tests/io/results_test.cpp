#include "samspel/io/results.hpp"
#include "samspel/analysis/run_measures.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "io/temp_directory.hpp"
#include "samspel/io/dictionary.hpp"

namespace samspel::io {
namespace {

using model::kMetricCount;
using model::kMetrics;
using model::Metric;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator))
    parts.push_back(part);
  return parts;
}

std::vector<std::string> lines_of(const std::string& text) {
  return split(text, '\n');
}

void set(RunResults& r, int replicate, int month, Metric m, double value) {
  r.series[(static_cast<std::size_t>(replicate) * r.calendar.months() + month) * kMetricCount +
           static_cast<std::size_t>(m)] = value;
}

std::size_t column_of(Metric m) {
  return 2 + static_cast<std::size_t>(m);  // after month and statistic
}

// Three replicates over two months that cross a year boundary, with values whose statistics
// are easy to work out by hand.
RunResults tiny_results() {
  RunResults r;
  r.calendar = engine::Calendar({2010, 12}, 2);
  r.replicates = 3;
  r.series.assign(3 * 2 * kMetricCount, 0.0);
  // Unsorted on purpose: quantiles must sort.
  set(r, 0, 0, Metric::cooperation_kso_ceo, 1);
  set(r, 1, 0, Metric::cooperation_kso_ceo, 4);
  set(r, 2, 0, Metric::cooperation_kso_ceo, 2);
  for (int i = 0; i < 3; ++i) {
    set(r, i, 1, Metric::cooperation_kso_ceo, 0.5);
    set(r, i, 0, Metric::ceo_id, i + 1);  // the last column
    set(r, i, 1, Metric::satisfaction, 0.6 + 0.1 * i);
    set(r, i, 1, Metric::fit_ideas, 0.9 - 0.1 * i);
  }

  r.summaries.resize(3);
  model::RunSummary& s0 = r.summaries[0];
  s0.majority_shifts = 1;
  s0.election_shifts = 1;
  s0.elections = 4;
  s0.kso_changes = 2;
  s0.ceo_changes = 1;
  s0.ceo_exits_cooperation = 1;
  s0.head_changes = 5;
  s0.transgressions = 10;
  s0.lockins = 4;
  s0.forums_held = 7;
  s0.forums_skipped = 1;
  s0.changes.push_back({.step = 1,
                        .seat = model::Seat::ceo,
                        .reason = model::ExitReason::cooperation,
                        .before = 0.8,
                        .after = 0.5,
                        .recovery = 3,
                        .lockins = 4});
  // The run ended before 12 months had passed: nothing to compare with.
  s0.changes.push_back({.step = 0,
                        .seat = model::Seat::kso,
                        .reason = model::ExitReason::new_majority,
                        .before = 0.6,
                        .after = NAN,
                        .recovery = -1});
  model::RunSummary& s2 = r.summaries[2];
  s2.transgressions = 3;
  s2.changes.push_back({.step = 1,
                        .seat = model::Seat::ceo,
                        .reason = model::ExitReason::other,
                        .before = 0.7,
                        .after = 0.6,
                        .recovery = -1});
  return r;
}

TEST(SeriesCsv, HeaderNamesEveryMetricInOrder) {
  const auto lines = lines_of(series_csv(tiny_results()));
  ASSERT_FALSE(lines.empty());
  std::string expected = "month,statistic";
  for (const auto& m : kMetrics) {
    expected += ',';
    expected += m.name;
  }
  EXPECT_EQ(lines[0], expected);
  EXPECT_THAT(lines[0], StartsWith("month,statistic,cooperation_kso_ceo,cooperation_mean,"));
}

TEST(SeriesCsv, SixStatisticsPerMonth) {
  const std::string csv = series_csv(tiny_results());
  ASSERT_FALSE(csv.empty());
  EXPECT_EQ(csv.back(), '\n');
  const auto lines = lines_of(csv);
  ASSERT_EQ(lines.size(), 1U + 2 * 6);
  const char* statistics[] = {"mean", "q05", "q25", "q50", "q75", "q95"};
  for (std::size_t row = 0; row < 12; ++row) {
    const auto cells = split(lines[row + 1], ',');
    ASSERT_EQ(cells.size(), 2 + kMetricCount) << lines[row + 1];
    EXPECT_EQ(cells[0], row < 6 ? "2010-12" : "2011-01");
    EXPECT_EQ(cells[1], statistics[row % 6]);
  }
}

TEST(SeriesCsv, MeanAndType7Quantiles) {
  const auto lines = lines_of(series_csv(tiny_results()));
  ASSERT_EQ(lines.size(), 13U);
  std::vector<std::string> month0;
  std::vector<std::string> month1;
  std::vector<std::string> last_column;
  for (std::size_t row = 1; row <= 6; ++row) {
    month0.push_back(split(lines[row], ',')[column_of(Metric::cooperation_kso_ceo)]);
    month1.push_back(split(lines[row + 6], ',')[column_of(Metric::cooperation_kso_ceo)]);
    last_column.push_back(split(lines[row], ',')[column_of(Metric::ceo_id)]);
  }
  // Values 1, 4, 2 sorted to 1, 2, 4; type 7 puts quantile q at position q * (n - 1).
  EXPECT_THAT(month0, ElementsAre("2.33333", "1.1", "1.5", "2", "3", "3.8"));
  EXPECT_THAT(month1, ElementsAre("0.5", "0.5", "0.5", "0.5", "0.5", "0.5"));
  // ceo_id 1, 2, 3: the columns follow kMetrics.
  EXPECT_THAT(last_column, ElementsAre("2", "1.1", "1.5", "2", "2.5", "2.9"));
  EXPECT_EQ(split(lines[1], ',')[column_of(Metric::cooperation_mean)], "0");
  EXPECT_EQ(split(lines[7], ',')[column_of(Metric::satisfaction)], "0.7");
}

TEST(ReplicatesCsv, OneRowPerReplicate) {
  const auto lines = lines_of(replicates_csv(tiny_results()));
  ASSERT_EQ(lines.size(), 4U);
  const auto header = split(lines[0], ',');
  ASSERT_EQ(header.size(), 1 + analysis::run_measure_info().size());
  EXPECT_EQ(header[0], "replicate");
  for (std::size_t c = 0; c < analysis::run_measure_info().size(); ++c) {
    EXPECT_EQ(header[c + 1], analysis::run_measure_info()[c].name);
  }
  const auto row = [&](std::size_t i) { return split(lines[i], ','); };
  const auto column = [&](std::string_view name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  for (std::size_t i = 1; i < lines.size(); ++i)
    EXPECT_EQ(row(i).size(), header.size()) << lines[i];
  // The summary columns, in order: no CEO let go after the one shift (0/1); lockin_share
  // 4/10; one followed change with drop 0.8 - 0.5, 0.375 of what it was, back in 3 months (the
  // other, never back, is censored at month 24: the run ended first), with 4 lock-ins.
  EXPECT_EQ(lines[1].substr(0, lines[1].find(",0.75,")),
            "0,1,1,4,2,1,1,0,0,0,5,10,4,0.4,7,1,1,0.3,0.375,3,1,0,3,4,NA,NA,NA,0.9,0.6");
  // No transgressions and no changes: the ratios are missing, not zero.
  EXPECT_EQ(row(2)[column("lockin_share")], "NA");
  EXPECT_EQ(row(2)[column("ceo_dismissal_after_shift")], "NA");
  EXPECT_EQ(row(2)[column("mean_cooperation_drop")], "NA");
  EXPECT_EQ(row(3)[column("mean_cooperation_drop")], "0.1");
  EXPECT_EQ(row(3)[column("unrecovered_changes")], "1");
  // Means over the run of the monthly metrics: cooperation (1 + 0.5) / 2 in replicate 0.
  EXPECT_EQ(row(1)[column("mean_cooperation_kso_ceo")], "0.75");
  EXPECT_EQ(row(2)[column("mean_cooperation_kso_ceo")], "2.25");
  EXPECT_EQ(row(3)[column("mean_cooperation_kso_ceo")], "1.25");
}

TEST(ChangesCsv, OneRowPerChange) {
  const auto lines = lines_of(changes_csv(tiny_results()));
  EXPECT_THAT(lines,
              ElementsAre("replicate,month,seat,reason,cooperation_before,cooperation_after,drop,"
                          "recovery_months,lockins_new_pair",
                          "0,2011-01,ceo,cooperation,0.8,0.5,0.3,3,4",
                          "0,2010-12,kso,new_majority,0.6,NA,NA,NA,NA",
                          "2,2011-01,ceo,other,0.7,0.6,0.1,NA,NA"));
}

TEST(ChangesCsv, HeaderOnlyWithoutChanges) {
  RunResults r = tiny_results();
  for (auto& s : r.summaries)
    s.changes.clear();
  EXPECT_EQ(lines_of(changes_csv(r)).size(), 1U);
}

Scenario provenance_scenario() {
  return parse_scenario(R"(name = "Provenance"
[run]
start = "2012-03"
years = 4
replicates = 7
seed = 9223372036854775807
[strategy]
foundation = "roles"
delegation = 0.9
[municipality]
population = 45000
[[events]]
type = "case_surge"
date = "2013-01"
size = 0.5
months = 6
)",
                        "prov.toml");
}

const Provenance kProvenance{"samspel run prov.toml --set run.seed=3", "0.1.0", "abc123-dirty"};

TEST(ProvenanceJson, RecordsWhatIsNeededToRerun) {
  const std::string text = provenance_json(provenance_scenario(), kProvenance);
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  const nlohmann::json j = nlohmann::json::parse(text);
  EXPECT_EQ(j.at("samspel_version"), "0.1.0");
  EXPECT_EQ(j.at("git_revision"), "abc123-dirty");
  EXPECT_EQ(j.at("command_line"), "samspel run prov.toml --set run.seed=3");
  EXPECT_EQ(j.at("scenario").at("source"), "prov.toml");
  EXPECT_EQ(j.at("scenario").at("name"), "Provenance");
  EXPECT_EQ(j.at("run").at("start"), "2012-03");
  EXPECT_EQ(j.at("run").at("years"), 4);
  EXPECT_EQ(j.at("run").at("replicates"), 7);
  // A seed above 2^53 must survive exactly.
  EXPECT_EQ(j.at("run").at("seed").get<std::uint64_t>(), 9223372036854775807ULL);
  ASSERT_EQ(j.at("events").size(), 1U);
  EXPECT_EQ(j.at("events")[0].at("type"), "case_surge");
  EXPECT_EQ(j.at("events")[0].at("date"), "2013-01");
  EXPECT_EQ(j.at("events")[0].at("size"), 0.5);
  EXPECT_EQ(j.at("events")[0].at("months"), 6);
}

TEST(ProvenanceJson, HasEveryParameter) {
  const nlohmann::json j =
      nlohmann::json::parse(provenance_json(provenance_scenario(), kProvenance));
  const auto& parameters = j.at("parameters");
  EXPECT_EQ(parameters.size(), parameter_specs().size());
  for (const auto& spec : parameter_specs()) {
    EXPECT_TRUE(parameters.contains(std::string(spec.key))) << spec.key;
  }
  EXPECT_EQ(parameters.at("strategy.foundation"), "roles");
  EXPECT_EQ(parameters.at("strategy.role_dialogue"), "none");
  EXPECT_EQ(parameters.at("strategy.delegation"), 0.9);
  EXPECT_TRUE(parameters.at("municipality.population").is_number_integer());
  EXPECT_EQ(parameters.at("municipality.population"), 45000);
  EXPECT_TRUE(parameters.at("strategy.ceo_heads_departments").is_boolean());
  EXPECT_EQ(parameters.at("strategy.ceo_heads_departments"), true);
  EXPECT_EQ(parameters.at("municipality.capacity"), "derived");
}

TEST(OutputsMarkdown, DocumentsEveryColumn) {
  const std::string md = outputs_markdown();
  for (const auto& m : kMetrics)
    EXPECT_THAT(md, HasSubstr("| `" + std::string(m.name) + "` |"));
  const RunResults r = tiny_results();
  for (const auto& column : split(lines_of(replicates_csv(r))[0], ','))
    EXPECT_THAT(md, HasSubstr("| `" + column + "` |"));
  for (const auto& column : split(lines_of(changes_csv(r))[0], ','))
    EXPECT_THAT(md, HasSubstr("| `" + column + "` |"));
}

TEST(SummaryTable, NamesTheRunAndItsMetrics) {
  const std::string table = summary_table(tiny_results());
  EXPECT_THAT(table, StartsWith("3 replicates, 2010-12 to 2011-01\n"));
  EXPECT_THAT(table, HasSubstr("cooperation_kso_ceo"));
  EXPECT_THAT(table, HasSubstr("satisfaction"));
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(RunDirectory, WritesTheFourFiles) {
  const io_test::TempDirectory temp;
  const auto dir = temp.path() / "runs" / "first";  // created, parents too
  const RunResults r = tiny_results();
  const Scenario scenario = provenance_scenario();
  write_run_directory(dir, r, scenario, kProvenance);
  EXPECT_EQ(read(dir / "series.csv"), series_csv(r));
  EXPECT_EQ(read(dir / "replicates.csv"), replicates_csv(r));
  EXPECT_EQ(read(dir / "changes.csv"), changes_csv(r));
  EXPECT_EQ(read(dir / "provenance.json"), provenance_json(scenario, kProvenance));
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_THAT(names,
              ElementsAreArray({"changes.csv", "provenance.json", "replicates.csv", "series.csv"}));
}

TEST(RunDirectory, OverwritesAnEarlierRun) {
  const io_test::TempDirectory temp;
  RunResults r = tiny_results();
  const Scenario scenario = provenance_scenario();
  write_run_directory(temp.path(), r, scenario, kProvenance);
  r.summaries[1].elections = 9;
  write_run_directory(temp.path(), r, scenario, kProvenance);
  EXPECT_EQ(read(temp.path() / "replicates.csv"), replicates_csv(r));
}

}  // namespace
}  // namespace samspel::io
