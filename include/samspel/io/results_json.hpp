// The results document: one JSON object describing the results of a run, a comparison, a sweep
// or a population study, for the charts of `samspel report` and the web app's API
// (format in docs/report.md). The same document comes from a run in memory, from its run
// directory read back, and from a results store.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "samspel/io/comparison.hpp"
#include "samspel/io/results.hpp"
#include "samspel/io/scenario.hpp"

namespace samspel::io {

// Version of the document's format; bumped when a field changes meaning or disappears.
inline constexpr int kResultsDocumentVersion = 1;

// The four files of a run directory, as text (docs/outputs.md).
struct RunFiles {
  std::string series_csv;
  std::string replicates_csv;
  std::string changes_csv;
  std::string provenance_json;
};

RunFiles run_files(const RunResults& results, const Scenario& scenario,
                   const Provenance& provenance);

// Reads a run directory; ScenarioError (one line) when it is not one.
RunFiles read_run_files(const std::filesystem::path& dir);

// A run's document. A run in memory goes through the text of its files, so that its document is
// byte for byte the one its run directory gives when read back.
nlohmann::ordered_json run_document(const RunFiles& files);
nlohmann::ordered_json run_document(const RunResults& results, const Scenario& scenario,
                                    const Provenance& provenance);

// A study's document from its results store (compare, sweep, population); ScenarioError when
// the file is not a samspel store.
nlohmann::ordered_json store_document(const std::filesystem::path& store);

// A run directory or a results store, told apart by what is on disk.
nlohmann::ordered_json results_document(const std::filesystem::path& results);

}  // namespace samspel::io
