#include "samspel/io/results_json.hpp"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "document_parts.hpp"
#include "samspel/engine/statistics.hpp"

namespace samspel::io {

namespace {

using document::Json;

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = line.find(',', begin);
    fields.push_back(line.substr(begin, comma - begin));
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  return fields;
}

// The lines of a CSV text with its header first; empty lines (the last newline) dropped.
std::vector<std::vector<std::string_view>> rows_of(std::string_view text) {
  std::vector<std::vector<std::string_view>> rows;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    if (end > begin) rows.push_back(split(text.substr(begin, end - begin)));
    begin = end + 1;
  }
  return rows;
}

[[noreturn]] void malformed(std::string_view file, std::size_t line, std::string_view what) {
  throw one_line_error(
      fmt::format("{}:{}: {}; allowed: the file as samspel run writes it", file, line, what));
}

double field_number(std::string_view file, std::size_t line, std::string_view text) {
  double v = 0;
  if (!document::parse_number(text, v))
    malformed(file, line, fmt::format("'{}' is not a number", text));
  return v;
}

struct Series {
  std::vector<std::string> months;
  // bands[metric][statistic]: the monthly values
  Json bands = Json::object();
};

Series parse_series(std::string_view text) {
  const auto rows = rows_of(text);
  if (rows.empty() || rows[0].size() < 3 || rows[0][0] != "month" || rows[0][1] != "statistic")
    malformed("series.csv", 1, "the header is not month,statistic,<metrics>");
  const auto& header = rows[0];
  Series s;
  for (std::size_t c = 2; c < header.size(); ++c) {
    Json stats = Json::object();
    for (const char* name : engine::kBandStatistics)
      stats[name] = Json::array();
    s.bands[std::string(header[c])] = std::move(stats);
  }
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() != header.size()) malformed("series.csv", r + 1, "wrong number of fields");
    if (s.months.empty() || s.months.back() != row[0]) s.months.emplace_back(row[0]);
    const std::string statistic(row[1]);
    if (!s.bands.begin().value().contains(statistic))
      malformed("series.csv", r + 1, fmt::format("unknown statistic '{}'", statistic));
    for (std::size_t c = 2; c < row.size(); ++c) {
      s.bands[std::string(header[c])][statistic].push_back(
          document::number(field_number("series.csv", r + 1, row[c])));
    }
  }
  if (s.months.empty()) malformed("series.csv", 2, "no months");
  return s;
}

Json measures_of(std::string_view text) {
  const auto rows = rows_of(text);
  if (rows.empty() || rows[0].empty() || rows[0][0] != "replicate")
    malformed("replicates.csv", 1, "the header is not replicate,<measures>");
  const auto& header = rows[0];
  std::vector<std::vector<double>> columns(header.size());
  for (std::size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].size() != header.size())
      malformed("replicates.csv", r + 1, "wrong number of fields");
    for (std::size_t c = 1; c < header.size(); ++c)
      columns[c].push_back(field_number("replicates.csv", r + 1, rows[r][c]));
  }
  Json out = Json::array();
  for (std::size_t c = 1; c < header.size(); ++c)
    out.push_back(document::measure_summary(header[c], columns[c]));
  return out;
}

// Changes per month, as the mean number per replicate: a majority shift is the KSO's change
// for reason new_majority (model process 9 and succession: every shift replaces the KSO).
Json changes_of(std::string_view text, const engine::Calendar& calendar, int replicates) {
  const auto rows = rows_of(text);
  if (rows.empty() || rows[0].size() < 4 || rows[0][1] != "month" || rows[0][2] != "seat" ||
      rows[0][3] != "reason")
    malformed("changes.csv", 1, "the header is not replicate,month,seat,reason,...");
  const auto months = static_cast<std::size_t>(calendar.months());
  std::vector<int> shifts(months), kso(months), ceo(months);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() < 4) malformed("changes.csv", r + 1, "wrong number of fields");
    const auto ym = engine::parse_year_month(row[1]);
    const int step = ym ? calendar.step_of(*ym) : -1;
    if (step < 0 || step >= calendar.months())
      malformed("changes.csv", r + 1, fmt::format("month '{}' outside the run", row[1]));
    const auto t = static_cast<std::size_t>(step);
    if (row[2] == "kso") {
      kso[t] += 1;
      if (row[3] == "new_majority") shifts[t] += 1;
    } else if (row[2] == "ceo") {
      ceo[t] += 1;
    } else {
      malformed("changes.csv", r + 1, fmt::format("seat '{}' is not kso or ceo", row[2]));
    }
  }
  const auto rate = [replicates](const std::vector<int>& counts) {
    Json out = Json::array();
    for (const int n : counts)
      out.push_back(document::number(replicates > 0 ? static_cast<double>(n) / replicates : NAN));
    return out;
  };
  return {{"majority_shift", rate(shifts)}, {"kso", rate(kso)}, {"ceo", rate(ceo)}};
}

Json scripted_events(const Json& provenance) {
  Json out = Json::array();
  if (!provenance.contains("events")) return out;
  for (const auto& e : provenance["events"]) {
    out.push_back({{"type", e.value("type", "")},
                   {"month", e.value("date", "")},
                   {"size", e.value("size", 0.0)},
                   {"months", e.value("months", 0)}});
  }
  return out;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw one_line_error(fmt::format("{}: cannot read", path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

RunFiles run_files(const RunResults& results, const Scenario& scenario,
                   const Provenance& provenance) {
  return {series_csv(results), replicates_csv(results), changes_csv(results),
          provenance_json(scenario, provenance)};
}

RunFiles read_run_files(const std::filesystem::path& dir) {
  // `samspel compare --out` writes compare.csv only; the comparison's results are in its store.
  if (std::filesystem::is_regular_file(dir / "compare.csv")) {
    throw one_line_error(fmt::format(
        "{}: a comparison's summary, not a run directory; allowed: the comparison's results "
        "store (samspel compare --store, by default results/<scenario>-compare.sqlite)",
        dir.string()));
  }
  for (const char* name : {"series.csv", "replicates.csv", "changes.csv", "provenance.json"}) {
    if (!std::filesystem::is_regular_file(dir / name)) {
      throw one_line_error(fmt::format(
          "{}: not a samspel run directory (no {}); allowed: a directory written by samspel run "
          "or a results store",
          dir.string(), name));
    }
  }
  return {read_text(dir / "series.csv"), read_text(dir / "replicates.csv"),
          read_text(dir / "changes.csv"), read_text(dir / "provenance.json")};
}

Json run_document(const RunFiles& files) {
  Json provenance;
  try {
    provenance = Json::parse(files.provenance_json);
  } catch (const nlohmann::json::exception&) {
    malformed("provenance.json", 1, "not valid JSON");
  }
  if (!provenance.is_object()) malformed("provenance.json", 1, "not a JSON object");
  const Series series = parse_series(files.series_csv);
  const auto start = engine::parse_year_month(series.months.front());
  if (!start)
    malformed("series.csv", 2, fmt::format("month '{}' is not YYYY-MM", series.months.front()));
  const engine::Calendar calendar(*start, static_cast<int>(series.months.size()));
  for (std::size_t t = 0; t < series.months.size(); ++t) {
    if (series.months[t] != engine::format_year_month(calendar.at(static_cast<int>(t))))
      malformed("series.csv", 2 + t * engine::kBandSize, "months are not consecutive");
  }
  Json measures = measures_of(files.replicates_csv);
  const int replicates = measures.empty() ? 0 : measures.front()["n"].get<int>();
  const int counted =
      provenance.contains("run") ? provenance["run"].value("replicates", replicates) : replicates;
  std::string title = provenance.contains("scenario")
                          ? provenance["scenario"].value("name", std::string())
                          : std::string();
  Json j = document::head("run", title, counted, calendar);
  j["configurations"] =
      Json::array({{{"label", ""},
                    {"assignments", Json::array()},
                    {"bands", series.bands},
                    {"measures", std::move(measures)},
                    {"changes", changes_of(files.changes_csv, calendar, counted)}}});
  j["markers"] = {{"elections", document::election_months(calendar)},
                  {"events", scripted_events(provenance)}};
  j["provenance"] = std::move(provenance);
  return j;
}

Json run_document(const RunResults& results, const Scenario& scenario,
                  const Provenance& provenance) {
  return run_document(run_files(results, scenario, provenance));
}

Json results_document(const std::filesystem::path& results) {
  if (std::filesystem::is_directory(results)) {
    const RunFiles files = read_run_files(results);
    try {
      return run_document(files);
    } catch (const ScenarioError& e) {
      throw one_line_error(fmt::format("{}/{}", results.string(), e.what()));
    }
  }
  if (std::filesystem::is_regular_file(results)) return store_document(results);
  throw one_line_error(fmt::format(
      "{}: no such run directory or results store; allowed: a directory written by samspel run "
      "or a store written by samspel compare, sweep or a population run",
      results.string()));
}

}  // namespace samspel::io
