// The results store of a sensitivity analysis (docs/results.md, "Sensitivity stores"): the
// design, every point's outputs (mean and replicate variance per output) and, at the end, the
// indices. Points are written in blocks, each block in one transaction with its marker, so an
// interrupted analysis keeps its completed blocks and a rerun reads them back instead of
// computing them again. It shares the sweeps' machinery: one writer (store_lock.hpp), an
// identity that must match to resume, a new store built under a temporary name, and the checks
// every reader runs (store_check.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "samspel/engine/calendar.hpp"
#include "samspel/io/sensitivity_report.hpp"
#include "samspel/io/store_lock.hpp"

namespace samspel::io {

namespace sqlite {
class Database;
}

// Everything that decides an analysis's stored results, and its provenance.
struct SensitivityStudy {
  Method method = Method::morris;
  int points = 0;  // trajectories or base samples
  int levels = 0;  // Morris grid levels
  int replicates = 0;
  int resamples = 0;
  std::uint64_t seed = 0;
  engine::Calendar calendar{{2010, 1}, 12};
  std::string base_parameters_json;  // the base scenario, resolved (as for sweeps)
  std::vector<Factor> factors;
  std::vector<std::string> outputs;  // names
  std::string outputs_json;          // how each output is computed: configurations and measure
  std::size_t design_points = 0;     // not counting the base point
  std::size_t block_points = 0;      // points per block, the base point first
  // Provenance; not part of the identity.
  std::string scenario;
  std::string samspel_version;
  std::string git_revision;
  std::string command_line;

  std::string identity() const;
  std::size_t blocks() const;  // of block_points, over design_points + 1 points
};

// One point's value of one output: the mean over the replicates that had one, their variance
// (n - 1) and their count. Undefined (NaN mean) with fewer than two.
struct PointOutput {
  double mean = 0;
  double variance = 0;
  int replicates = 0;

  double noise() const { return variance / replicates; }  // the variance of the mean
};

// One block's points: point `first` + i holds values[i * outputs + o] and, per factor, its
// parameter values design[i * factors + f] and unit coordinates unit[...] (NaN for the base
// point, which is not a point of the design).
struct SensitivityBlock {
  std::size_t index = 0;
  std::size_t first = 0;
  std::size_t count = 0;
  std::vector<double> unit;
  std::vector<double> design;
  std::vector<PointOutput> values;
};

class SensitivityStore {
 public:
  // Opens the store at `path` for `study`, creating it if it does not exist: ScenarioError if it
  // holds another study or another process writes it; the file is then left as it was.
  SensitivityStore(const std::filesystem::path& path, const SensitivityStudy& study);
  ~SensitivityStore();
  SensitivityStore(const SensitivityStore&) = delete;
  SensitivityStore& operator=(const SensitivityStore&) = delete;

  std::vector<bool> completed_blocks() const;
  void write_block(const SensitivityBlock& block);  // one transaction
  // Output o at every point, the base point (0) first.
  std::vector<PointOutput> read_output(std::size_t output) const;
  // The outputs' summaries and indices, replacing any stored: one transaction.
  void write_indices(const SensitivityResult& result);
  // Ends the analysis's writing, after its indices: the store is rewritten from its contents
  // alone, so that a resumed analysis makes the same file as one never interrupted (as for a
  // study's, Store::finish), and closed; nothing else may be called.
  void finish();

 private:
  void insert_block(const SensitivityBlock& block);
  void insert_indices(const SensitivityResult& result);

  StoreLock lock_;
  std::size_t outputs_;
  std::size_t factors_;
  std::size_t blocks_;
  std::unique_ptr<sqlite::Database> db_;
};

// The analysis held by a sensitivity store, as `samspel sensitivity` wrote it at its end
// (factors, outputs with summaries and indices), for reports. The store is checked first.
SensitivityResult read_sensitivity(const std::filesystem::path& store);

}  // namespace samspel::io
