// The subcommands of the samspel command line. Each registers its options on the app and
// returns the function that runs it; the function returns the process exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <stdexcept>
#include <string>

#include "samspel/io/scenario.hpp"

namespace samspel::cli {

// Exit codes: 0 success, 1 a failure while running, 2 bad input (scenario, options, data).
// main() maps the exceptions to them, once: io::ScenarioError is bad input, any other failure.
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

// A store the command has just written is read back as its output, not as input: what fails
// then is the machine (exit 1), not what the user gave.
template <typename Read>
auto read_back(const Read& read) {
  try {
    return read();
  } catch (const io::ScenarioError& e) {
    throw std::runtime_error(e.what());
  }
}

using Command = std::function<int()>;

}  // namespace samspel::cli

#include "samspel/engine/cluster.hpp"
#include "samspel/study/plan.hpp"
#include "scenario_options.hpp"

namespace samspel::cli {

// Shared by the study commands (study_command.cpp).
std::filesystem::path store_path(const ScenarioOptions& o, const std::string& store,
                                 const std::string& kind);
// The store of a sweep or a population study, which write no folder: an --out there would be
// ignored, so it is refused, saying what to use instead.
std::filesystem::path store_without_folder(const ScenarioOptions& o, const std::string& store,
                                           const std::string& kind);
// Under MPI every rank builds the same plan; rank 0 opens the store and writes it, the other
// ranks compute runs for it.
int run_study_into_store(const study::StudyPlan& plan, const std::filesystem::path& path,
                         unsigned threads, const engine::Cluster& cluster);

Command add_run_command(CLI::App& app, const std::string& command_line,
                        const engine::Cluster& cluster);
Command add_compare_command(CLI::App& app, const std::string& command_line,
                            const engine::Cluster& cluster);
Command add_sweep_command(CLI::App& app, const std::string& command_line,
                          const engine::Cluster& cluster);
Command add_export_command(CLI::App& app);
Command add_calibrate_command(CLI::App& app, const std::string& command_line,
                              const engine::Cluster& cluster);
Command add_docs_command(CLI::App& app);
Command add_march_command(CLI::App& app, const std::string& command_line,
                          const engine::Cluster& cluster);
Command add_report_command(CLI::App& app);
Command add_validate_command(CLI::App& app, const std::string& command_line);
// Under MPI every rank reads the same inputs; rank 0 opens the store and writes it and the
// files, the other ranks compute runs for it.
Command add_sensitivity_command(CLI::App& app, const std::string& command_line,
                                const engine::Cluster& cluster);
Command add_serve_command(CLI::App& app);

}  // namespace samspel::cli
