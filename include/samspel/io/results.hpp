// The results of running one scenario's replicates, and the files they are written to
// (docs/outputs.md): series.csv, replicates.csv, changes.csv and provenance.json.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "samspel/engine/calendar.hpp"
#include "samspel/io/scenario.hpp"
#include "samspel/model/observation.hpp"

namespace samspel::io {

struct RunResults {
  engine::Calendar calendar{{2010, 1}, 0};
  int replicates = 0;
  // Replicate-major: value of metric m in month t of replicate r is at
  // (r * months + t) * kMetricCount + m.
  std::vector<double> series;
  std::vector<model::RunSummary> summaries;

  // The months x kMetricCount values of one replicate.
  std::span<const double> run_series(int replicate) const {
    const auto per_run = static_cast<std::size_t>(calendar.months()) * model::kMetricCount;
    return std::span<const double>(series).subspan(static_cast<std::size_t>(replicate) * per_run,
                                                   per_run);
  }

  double at(int replicate, int month, model::Metric m) const {
    return series[(static_cast<std::size_t>(replicate) * calendar.months() + month) *
                      model::kMetricCount +
                  static_cast<std::size_t>(m)];
  }
};

struct Provenance {
  std::string command_line;
  std::string samspel_version;
  std::string git_revision;
};

std::string series_csv(const RunResults& results);
std::string replicates_csv(const RunResults& results);
std::string changes_csv(const RunResults& results);
std::string provenance_json(const Scenario& scenario, const Provenance& provenance);

// The files of a run directory.
inline constexpr std::string_view kRunFiles[] = {"series.csv", "replicates.csv", "changes.csv",
                                                 "provenance.json"};
// Writes the four files into `dir` (created if needed), each through a temporary file renamed
// into place, so an interrupted run never leaves a partial file under a final name. Callers
// write into a StagedFolder (staged_folder.hpp), so the four belong to one run.
void write_run_directory(const std::filesystem::path& dir, const RunResults& results,
                         const Scenario& scenario, const Provenance& provenance);

// A short plain-text table for the terminal.
std::string summary_table(const RunResults& results);

// docs/outputs.md, generated from the metric table and the column lists.
std::string outputs_markdown();

}  // namespace samspel::io
