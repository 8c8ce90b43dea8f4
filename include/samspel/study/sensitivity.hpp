// Global sensitivity analysis of a scenario or of a pattern (docs/sensitivity.md): which of the
// model's real parameters drive a run measure, or a pattern's paired effect, and which could
// overturn it. Morris screening or Sobol' indices (engine/morris.hpp, engine/sobol_indices.hpp)
// over a box of parameter values; each point's output is the mean over its replicates, which use
// the same random streams at every point (common random numbers). The points run in blocks,
// each a round of the cluster (engine/cluster.hpp): on the threads of one process or of every
// MPI rank, with the same results.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "samspel/engine/cluster.hpp"
#include "samspel/io/scenario.hpp"
#include "samspel/io/sensitivity_report.hpp"
#include "samspel/io/validation_file.hpp"
#include "samspel/study/plan.hpp"

namespace samspel::study {

// Every real parameter of `base` that none of `fixed` names, over +-spread of its value clamped
// to its range, as the robustness check varies them; a parameter at 0, or derived, has no box
// and is left out.
std::vector<io::Factor> default_factors(const io::Scenario& base, double spread,
                                        const std::vector<std::string>& fixed);

// A pattern's default factors: every real parameter as default_factors gives them, except the
// levers its comparisons set (they take their stated values at every point) and what the file
// `held`s (its situation, not a model constant).
std::vector<io::Factor> pattern_factors(const io::ValidationSpec& spec, double spread);

struct SensitivityOptions {
  io::Method method = io::Method::morris;
  int points = 10;  // Morris trajectories, or Sobol' base samples
  int levels = 4;   // Morris grid levels
  int replicates = 20;
  std::uint64_t seed = 1;
  int resamples = 1000;  // bootstrap
  unsigned threads = 0;  // a rank
  // The MPI job to spread the runs over; null = this process alone.
  const engine::Cluster* cluster = nullptr;
  // Rank 0: (runs done, runs in all), now and then.
  std::function<void(std::size_t done, std::size_t total)> progress;
  // The results store (io/sensitivity_store.hpp): points are written to it in blocks and a
  // rerun resumes from it. Empty: the points are held in memory and nothing is stored.
  std::filesystem::path store;
  std::string scenario;  // the file analysed, and who analysed it: the store's provenance
  Provenance provenance;
};

// Both analyses run on every rank of options.cluster with the same inputs: rank 0 opens the
// store, hands out the runs and returns the result; the other ranks compute their share and
// return an empty result.

// The run measures of `base` named in `measures` (columns of replicates.csv).
io::SensitivityResult analyse_scenario(const io::Scenario& base,
                                       const std::vector<io::Factor>& factors,
                                       const std::vector<std::string>& measures,
                                       const SensitivityOptions& options);

// Every measure of every comparison of `spec`: the paired effect (treatment - reference, or a
// difference in differences) as validate computes it.
io::SensitivityResult analyse_pattern(const io::ValidationSpec& spec,
                                      const std::vector<io::Factor>& factors,
                                      const SensitivityOptions& options);

}  // namespace samspel::study
