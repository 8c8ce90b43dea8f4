// samspel: simulate cooperation between leading politicians and civil servants in a
// municipality. Thin front end: parses the command line and hands over to a subcommand.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>

#include "command_line.hpp"
#include "commands.hpp"
#include "samspel/engine/cluster.hpp"
#include "samspel/io/scenario.hpp"
#include "samspel/version.hpp"

int main(int argc, char** argv) {
  using namespace samspel;
  const std::string command_line = cli::recorded_command_line(argc, argv);

  // Under MPI only rank 0 speaks: the other ranks' output would repeat it.
  const engine::Cluster cluster(&argc, &argv);
  if (!cluster.coordinator()) {
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
  }

  CLI::App app{
      "samspel: how a municipality's leading politicians and civil servants work together"};
  app.set_version_flag("--version", fmt::format("samspel {} ({}), {}", version(), git_revision(),
                                                engine::mpi_build()));
  app.require_subcommand(1);
  const cli::Command run = cli::add_run_command(app, command_line, cluster);
  const cli::Command compare = cli::add_compare_command(app, command_line, cluster);
  const cli::Command sweep = cli::add_sweep_command(app, command_line, cluster);
  const cli::Command export_store = cli::add_export_command(app);
  const cli::Command docs = cli::add_docs_command(app);
  const cli::Command march = cli::add_march_command(app, command_line, cluster);
  const cli::Command report = cli::add_report_command(app);
  const cli::Command validate = cli::add_validate_command(app, command_line);
  const cli::Command sensitivity = cli::add_sensitivity_command(app, command_line, cluster);
  const cli::Command calibrate = cli::add_calibrate_command(app, command_line, cluster);
  const cli::Command serve = cli::add_serve_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : cli::kExitBadInput;
  }
  try {
    if (app.got_subcommand("run")) return run();
    if (app.got_subcommand("compare")) return compare();
    if (app.got_subcommand("sweep")) return sweep();
    if (app.got_subcommand("export")) return export_store();
    if (app.got_subcommand("docs")) return docs();
    if (app.got_subcommand("march")) return march();
    if (app.got_subcommand("report")) return report();
    if (app.got_subcommand("validate")) return validate();
    if (app.got_subcommand("sensitivity")) return sensitivity();
    if (app.got_subcommand("calibrate")) return calibrate();
    if (app.got_subcommand("serve")) return serve();
  } catch (const io::ScenarioError& e) {
    std::fprintf(stderr, "samspel: %s\n", e.what());
    return cli::kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "samspel: %s\n", e.what());
    return cli::kExitFailure;
  }
  return cli::kExitFailure;
}
