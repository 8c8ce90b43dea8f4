// Population files: a TSV with one municipality per row, for studies over whole populations of
// municipalities (data/municipalities.tsv holds Sweden's 290). The first column is the name, a
// `population` column gives municipality.population, and any further column is a key of
// docs/parameters.md set per municipality. Parsing is as strict as for scenario files: every
// problem is a one-line ScenarioError naming file:line, the column and what is allowed.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "samspel/io/scenario.hpp"

namespace samspel::io {

struct PopulationRow {
  std::string name;  // first column
  int line = 0;      // line number in the file (1-based)
  // "key=value" for every parameter column, population first: "municipality.population=32595".
  std::vector<std::string> assignments;
};

struct Population {
  std::string source;                // the path as given
  std::vector<std::string> columns;  // header names after the first column
  std::vector<PopulationRow> rows;
};

// Parses a population TSV. Lines starting with '#' are comments, blank lines are skipped, the
// first other line is the header. Fields are separated by tabs only. Every row's values are
// checked as if given with --set on `base`, followed by validate(), so that a bad value is
// reported at its line rather than when that municipality's runs start.
Population load_population(const std::filesystem::path& path, const Scenario& base);

// The scenario for one municipality: base with the row's assignments applied (load_population
// has already checked them).
Scenario scenario_for(const Scenario& base, const PopulationRow& row);

// The size class of a municipality by residents, for aggregating population studies: the label
// of one of names.hpp's kSizeClasses ("<10k", ...).
std::string_view size_class(int population);

}  // namespace samspel::io
