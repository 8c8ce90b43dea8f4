// `samspel report RESULTS -o FILE [--lang sv|en]`: a self-contained HTML report of a run
// directory or a results store (docs/report.md).
#include <fmt/format.h>

#include <memory>

#include "commands.hpp"
#include "samspel/io/scenario.hpp"
#include "samspel/report/html_report.hpp"

namespace samspel::cli {

namespace {

struct ReportOptions {
  std::string results;
  std::string out;
  std::string lang = "sv";
};

}  // namespace

Command add_report_command(CLI::App& app) {
  auto o = std::make_shared<ReportOptions>();
  auto* sub = app.add_subcommand(
      "report", "Write a self-contained HTML report of a run directory or a results store");
  sub->add_option("RESULTS", o->results, "Run directory (samspel run) or results store")
      ->required();
  sub->add_option("-o,--out", o->out, "The HTML file to write")->required();
  sub->add_option("--lang", o->lang, "Language the report opens in: sv or en (default sv)");
  return [o] {
    report::write_html_report(o->results, o->out, o->lang);
    fmt::print("report written to {}\n", o->out);
    return 0;
  };
}

}  // namespace samspel::cli
