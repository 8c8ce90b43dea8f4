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

// --seed's check: a whole number in 0 to 2^63 - 1 (what the scenario file and the results store
// take). CLI11 alone would clamp a larger number to the largest instead of refusing it.
CLI::Validator seed_check();

// The scenario with --set, --replicates and --seed applied and validated, and the output
// directory (default results/<scenario file name><suffix>). Throws io::ScenarioError.
io::Scenario load_with_options(const ScenarioOptions& o);
std::filesystem::path output_directory(const ScenarioOptions& o, const std::string& suffix = "");

// Refuses (io::ScenarioError) work that must hold `needed` bytes at once for its `replicates`
// replicates when the machine has less memory available, with the most it could take.
void require_memory(std::size_t needed, int replicates);

// A progress callback drawing a bar on stderr when it is a terminal; empty otherwise.
std::function<void(std::size_t)> progress_bar(std::size_t total, const char* unit);

}  // namespace samspel::cli
