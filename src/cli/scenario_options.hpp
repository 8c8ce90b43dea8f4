// Options every simulating subcommand shares: the scenario file, --set, --replicates, --seed,
// --threads and --out; and the progress bar.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "samspel/io/scenario.hpp"

namespace samspel::cli {

struct ScenarioOptions {
  std::string scenario;
  std::optional<int> replicates;
  std::optional<std::int64_t> seed;
  unsigned threads = 0;
  std::string out;
  std::vector<std::string> assignments;
};

void add_scenario_options(CLI::App& sub, ScenarioOptions& o);

// The scenario with --set, --replicates and --seed applied and validated, and the output
// directory (default results/<scenario file name><suffix>). Throws io::ScenarioError.
io::Scenario load_with_options(const ScenarioOptions& o);
std::filesystem::path output_directory(const ScenarioOptions& o, const std::string& suffix = "");

// A progress callback drawing a bar on stderr when it is a terminal; empty otherwise.
std::function<void(std::size_t)> progress_bar(std::size_t total, const char* unit);

}  // namespace samspel::cli
