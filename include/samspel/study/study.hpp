// Runs a study — many configurations of a scenario, each with the same replicates — into a
// results store. Configurations are taken in windows that fit a memory budget; each window is
// a strided sample of the whole design, so a partial study already covers it; within a window
// runs are interleaved replicate by replicate. Runs are committed as they finish; a rerun
// skips the runs already stored (it re-simulates, without storing again, the finished runs of a
// window whose series are not yet aggregated: runs are deterministic).
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "samspel/engine/cluster.hpp"
#include "samspel/io/scenario.hpp"
#include "samspel/io/store.hpp"
#include "samspel/study/plan.hpp"

namespace samspel::study {

struct StudyOptions {
  unsigned threads = 0;
  // Bytes of per-run series held for aggregating the configurations in flight.
  std::size_t memory_budget = std::size_t{64} << 20U;
  // (runs stored so far, runs in the study), from the calling thread.
  std::function<void(std::size_t, std::size_t)> progress;
  // The MPI job to spread runs over (rank 0 calls run_study, the others serve_study); null =
  // this process alone.
  const engine::Cluster* cluster = nullptr;
};

struct StudyOutcome {
  std::size_t already_stored = 0;  // runs found in the store at the start
  std::size_t stored = 0;          // runs stored now
  std::size_t windows = 0;
};

// Every configuration of `plan` shares the study's calendar, seed and replicates.
StudyOutcome run_study(const StudyPlan& plan, io::Store& store, const StudyOptions& options);

// On MPI ranks other than 0: computes the runs rank 0 hands out, window by window, until the
// study is done. `plan` must be the one rank 0 runs.
void serve_study(const StudyPlan& plan, const engine::Cluster& cluster, unsigned threads);

}  // namespace samspel::study
