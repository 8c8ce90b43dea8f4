#include "store_reader.hpp"

#include <fmt/format.h>

#include <limits>
#include <set>

#include "samspel/analysis/run_measures.hpp"
#include "samspel/io/names.hpp"
#include "samspel/model/observation.hpp"
#include "store_open.hpp"

namespace samspel::io {

using sqlite::Statement;

StoreReader::StoreReader(const std::filesystem::path& store) : db_(open_checked(store, shape_)) {}

std::map<std::string, std::string> StoreReader::study() const {
  std::map<std::string, std::string> out;
  Statement s(*db_, "SELECT key, value FROM study");
  while (s.step())
    out[s.text(0)] = s.text(1);
  return out;
}

std::vector<StoredConfiguration> StoreReader::configurations() const {
  std::vector<StoredConfiguration> out;
  Statement s(*db_,
              "SELECT label, municipality, size_class, assignments FROM configurations ORDER BY "
              "id");
  while (s.step())
    out.push_back({s.text(0), s.text(1), s.text(2), s.text(3)});
  return out;
}

Comparison StoreReader::comparison() const {
  Comparison c;
  c.replicates = shape_.replicates;
  c.measures = analysis::run_measure_info().size();
  for (auto& configuration : configurations())
    c.labels.push_back(std::move(configuration.label));
  c.values.assign(c.labels.size() * static_cast<std::size_t>(c.replicates) * c.measures,
                  std::numeric_limits<double>::quiet_NaN());
  // Measures are read by name: a store written before a measure existed lacks its column, which
  // reads as missing (NULL) rather than shifting the others.
  std::set<std::string> stored;
  {
    Statement columns(*db_, "SELECT name FROM pragma_table_info('runs')");
    while (columns.step())
      stored.emplace(columns.text(0));
  }
  std::string select = "SELECT configuration, replicate";
  for (const auto& m : analysis::run_measure_info())
    select += stored.contains(m.name) ? ", " + m.name : std::string(", NULL");
  Statement s(*db_, select + " FROM runs ORDER BY configuration, replicate");
  while (s.step()) {
    const auto configuration = static_cast<std::size_t>(s.integer(0));
    const auto replicate = static_cast<std::size_t>(s.integer(1));
    double* row = &c.values[(configuration * static_cast<std::size_t>(c.replicates) + replicate) *
                            c.measures];
    for (std::size_t m = 0; m < c.measures; ++m) {
      const int column = static_cast<int>(m + 2);
      if (!s.is_null(column)) row[m] = s.real(column);
    }
  }
  return c;
}

std::vector<SizeClassSummary> StoreReader::population_summary() const {
  const double years = shape_.months / 12.0;
  // Classes in size order (they are named by their lower bound), then all municipalities.
  const std::string select =
      "SELECT COUNT(DISTINCT c.id), AVG(CAST(r.election_shifts AS REAL) / NULLIF(r.elections, 0)), "
      "AVG(r.ceo_changes), CAST(SUM(r.ceo_exits_cooperation) AS REAL) / NULLIF(SUM(r.ceo_changes), "
      "0), "
      "AVG(r.terms_with_ceo_change), AVG(r.terms_with_two_ceos), "
      "AVG(r.terms_with_three_or_more_ceos) FROM runs r JOIN configurations c ON r.configuration "
      "= c.id";
  std::vector<SizeClassSummary> out;
  const auto read = [&](const Statement& s, const std::string& name) {
    SizeClassSummary row;
    row.size_class = name;
    row.municipalities = static_cast<int>(s.integer(0));
    row.majority_shift_per_election = s.real(1);
    row.ceo_changes_per_year = s.real(2) / years;
    row.ceo_exits_cooperation_share = s.real(3);
    row.terms_with_ceo_change = s.real(4);
    row.terms_with_two_ceos = s.real(5);
    row.terms_with_three_or_more_ceos = s.real(6);
    out.push_back(row);
  };
  for (const auto& size : kSizeClasses) {
    Statement s(*db_, select + " WHERE c.size_class = ?");
    s.bind_static(1, size.label);
    if (s.step() && s.integer(0) > 0) read(s, std::string(size.label));
  }
  Statement all(*db_, select);
  if (all.step()) read(all, "all");
  return out;
}

void StoreReader::for_each_series(bool aggregated, const std::string& where,
                                  const std::function<void(const SeriesRow&)>& row) const {
  std::map<std::string, std::size_t, std::less<>> metric_index;
  for (std::size_t m = 0; m < model::kMetricCount; ++m)
    metric_index[std::string(model::kMetrics[m].name)] = m;
  const char* second = aggregated ? "statistic" : "replicate";
  Statement s(*db_, fmt::format("SELECT configuration, {0}, metric, months FROM {1} {2} ORDER BY "
                                "configuration, {0}, metric",
                                second, aggregated ? "series" : "run_series", where));
  const auto months = static_cast<std::size_t>(shape_.months);
  SeriesRow r;
  while (s.step()) {
    const auto metric = metric_index.find(s.text(2));
    auto values = s.months(3, months);
    if (metric == metric_index.end() || !values) continue;
    r.configuration = s.integer(0);
    if (aggregated) {
      r.statistic = s.text(1);
    } else {
      r.replicate = s.integer(1);
    }
    r.metric = metric->second;
    r.months = std::move(*values);
    row(r);
  }
}

Comparison read_comparison(const std::filesystem::path& store) {
  return StoreReader(store).comparison();
}

std::vector<SizeClassSummary> population_summary(const std::filesystem::path& store) {
  return StoreReader(store).population_summary();
}

}  // namespace samspel::io
