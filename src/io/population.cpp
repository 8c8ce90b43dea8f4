#include "samspel/io/population.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <functional>
#include <map>
#include <utility>

#include "samspel/io/dictionary.hpp"
#include "samspel/io/names.hpp"

namespace samspel::io {

namespace {

constexpr std::string_view kColumnsAllowed =
    "allowed: population or a key of docs/parameters.md such as strategy.foundation";

ScenarioError error(std::string_view message) {
  return one_line_error(message);
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  while (true) {
    const auto tab = line.find('\t');
    fields.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  return fields;
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t") == std::string_view::npos;
}

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(' ');
  return text.substr(first, last - first + 1);
}

// A parameter column: the header text as written and the dictionary entry it sets.
struct Column {
  std::string header;
  const ParameterSpec* spec;
  std::size_t field;  // index among the row's fields
};

// The dictionary entry of a header name, or a one-line problem.
const ParameterSpec* spec_of_header(std::string_view name, std::string_view place) {
  const ParameterSpec* population = find_parameter("municipality.population");
  if (name == "population") return population;
  const ParameterSpec* spec = find_parameter(name);
  // A second spelling of the required column would make "which one wins" a question.
  if (spec == population) {
    throw error(
        fmt::format("{}: {}: use the column population for it; {}", place, name, kColumnsAllowed));
  }
  if (spec != nullptr) return spec;
  const std::string_view bare = trimmed(name);
  if (bare != name && (bare == "population" || find_parameter(bare) != nullptr)) {
    throw error(fmt::format("{}: \"{}\": unknown column (spaces around the name); {}", place, name,
                            kColumnsAllowed));
  }
  if (name.starts_with("run.")) {
    throw error(
        fmt::format("{}: {}: unknown column (run settings are the same for every municipality); {}",
                    place, name, kColumnsAllowed));
  }
  throw error(fmt::format("{}: {}: unknown column; {}", place, name, kColumnsAllowed));
}

// The parameter columns of a header line, population first (so that assignments list it first).
std::vector<Column> read_header(const std::vector<std::string_view>& fields,
                                std::string_view place) {
  std::vector<Column> columns;
  for (std::size_t i = 1; i < fields.size(); ++i) {
    const std::string_view name = fields[i];
    if (name.empty()) {
      throw error(
          fmt::format("{}: column {}: empty column name; {}", place, i + 1, kColumnsAllowed));
    }
    for (std::size_t j = 1; j < i; ++j) {
      if (fields[j] == name) {
        throw error(
            fmt::format("{}: {}: duplicate column (columns {} and {}); allowed: each "
                        "column once",
                        place, name, j + 1, i + 1));
      }
    }
    columns.push_back({std::string(name), spec_of_header(name, place), i});
  }
  const auto population = std::find_if(columns.begin(), columns.end(),
                                       [](const Column& c) { return c.header == "population"; });
  if (population == columns.end()) {
    throw error(
        fmt::format("{}: header: no population column; allowed: the name column, then population "
                    "(residents), then any keys of docs/parameters.md, separated by tabs",
                    place));
  }
  std::rotate(columns.begin(), population, population + 1);
  return columns;
}

// The problem of a value that is not a value of its kind at all ("abc" for a number, a stray
// quote): say what would have been.
std::string not_a_value(const ParameterSpec& spec, std::string_view value) {
  if (value.empty()) return fmt::format("empty value; allowed: {}", allowed_values(spec));
  return fmt::format("\"{}\" is not allowed; allowed: {}", value, allowed_values(spec));
}

// The problem of a value that apply_assignment rejected, without its "--set" framing: the
// population file names the place and the column itself.
std::string value_problem(const ScenarioError& e, std::string_view assignment,
                          const ParameterSpec& spec, std::string_view value) {
  std::string_view message = e.what();
  const std::string set_prefix = fmt::format("--set {}: ", assignment);
  const std::string key_prefix = fmt::format("{}: ", spec.key);
  if (message.starts_with(set_prefix)) message.remove_prefix(set_prefix.size());
  if (!message.starts_with(key_prefix)) return not_a_value(spec, value);
  message.remove_prefix(key_prefix.size());
  // "got a number; allowed: ..." reads oddly without the value it is about.
  if (message.starts_with("got ")) {
    message.remove_prefix(4);
    return fmt::format("{} is {}", value, message);
  }
  return std::string(message);
}

}  // namespace

Population load_population(const std::filesystem::path& path, const Scenario& base) {
  Population population;
  population.source = path.string();
  const std::string& file = population.source;
  // A directory opens fine and reads as empty, which would be reported as "no header".
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored))
    throw error(fmt::format("{}: cannot read the population file: it is a directory", file));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw error(fmt::format("{}: cannot read the population file", file));

  bool have_header = false;
  int header_line = 0;
  std::vector<std::string_view> header;  // views into header_text
  std::string header_text;
  std::string name_column;
  std::vector<Column> columns;
  std::map<std::string, int, std::less<>> line_of_name;

  std::string text;
  int number = 0;
  while (std::getline(in, text)) {
    ++number;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    // Spreadsheets often save UTF-8 with a byte order mark, which would become part of the
    // first header name.
    if (number == 1 && text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    if (text.starts_with('#')) continue;
    // Spreadsheets save empty rows as a line of tabs.
    if (is_blank(text)) continue;
    const std::string place = fmt::format("{}:{}", file, number);

    if (!have_header) {
      have_header = true;
      header_line = number;
      header_text = text;
      header = split_tabs(header_text);
      name_column = header[0].empty() ? "column 1" : std::string(header[0]);
      columns = read_header(header, place);
      for (std::size_t i = 1; i < header.size(); ++i)
        population.columns.emplace_back(header[i]);
      continue;
    }

    const auto fields = split_tabs(text);
    if (fields.size() != header.size()) {
      const bool spaces = fields.size() == 1 && text.find(' ') != std::string::npos;
      throw error(fmt::format("{}: {} field{}{}; allowed: {} fields ({}) separated by tabs", place,
                              fields.size(), fields.size() == 1 ? "" : "s",
                              spaces ? " (spaces do not separate fields)" : "", header.size(),
                              fmt::join(header, ", ")));
    }
    PopulationRow row;
    row.name = std::string(fields[0]);
    row.line = number;
    if (is_blank(row.name)) {
      throw error(
          fmt::format("{}: {}: empty name; allowed: the municipality's name", place, name_column));
    }
    if (const auto [it, fresh] = line_of_name.try_emplace(row.name, number); !fresh) {
      throw error(
          fmt::format("{}: {}: {} appears twice (first on line {}); allowed: each "
                      "municipality once",
                      place, name_column, row.name, it->second));
    }

    // Check every value now, exactly as --set would take it, so that a study over hundreds of
    // municipalities does not stop at the one with a typo after hours of runs.
    Scenario scenario = base;
    for (const Column& column : columns) {
      const std::string_view value = fields[column.field];
      std::string assignment = fmt::format("{}={}", column.spec->key, value);
      // apply_assignment writes "key = value" into TOML, where '#' starts a comment: "1 # x"
      // would pass as 1. No allowed value contains '#'.
      std::string problem;
      if (value.find('#') != std::string_view::npos) {
        problem = not_a_value(*column.spec, value);
      } else {
        try {
          apply_assignment(scenario, assignment);
        } catch (const ScenarioError& e) {
          problem = value_problem(e, assignment, *column.spec, value);
        }
      }
      if (!problem.empty()) throw error(fmt::format("{}: {}: {}", place, column.header, problem));
      scenario.places[std::string(column.spec->key)] = place;
      row.assignments.push_back(std::move(assignment));
    }
    try {
      validate(scenario);
    } catch (const ScenarioError& e) {
      const std::string_view message = e.what();
      // When the check names a value set elsewhere (the base scenario), still lead with the row.
      if (message.starts_with(place + ": ")) throw;
      throw error(fmt::format("{}: {}", place, message));
    }
    population.rows.push_back(std::move(row));
  }

  if (!have_header) {
    throw error(fmt::format(
        "{}: no header line; allowed: a header (the name column, population, then any keys of "
        "docs/parameters.md, separated by tabs) followed by one municipality per line",
        file));
  }
  if (population.rows.empty()) {
    throw error(
        fmt::format("{}:{}: no municipalities after the header; allowed: one municipality per line",
                    file, header_line));
  }
  return population;
}

Scenario scenario_for(const Scenario& base, const PopulationRow& row) {
  Scenario scenario = base;
  for (const auto& assignment : row.assignments)
    apply_assignment(scenario, assignment);
  return scenario;
}

std::string_view size_class(int population) {
  for (const auto& c : kSizeClasses) {
    if (population < c.below) return c.label;
  }
  return std::end(kSizeClasses)[-1].label;
}

}  // namespace samspel::io
