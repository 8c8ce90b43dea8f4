// Runs a study — many configurations of a scenario, each with the same replicates — into a
// results store. Configurations are taken in windows that fit a memory budget; each window is
// a strided sample of the whole design, so a partial study already covers it. Within a window
// a configuration's runs are a group of the cluster's round (engine/cluster.hpp): the first
// configurations are handed out whole, and the worker (of any rank) that runs one computes its
// bands and sends rank 0 its runs' measures and bands (and series only with keep_series); the
// last ones, one per worker thread of all ranks, are handed out run by run, so that no worker
// idles at a window's end, and rank 0's worker threads aggregate each as soon as its last run
// is in. Bands are computed by one function wherever, so the store does not depend on where.
// Runs are committed as they reach rank 0 (one transaction every 100 ms); a rerun skips the
// configurations already aggregated (it re-simulates, without storing again, the finished runs
// of the others: runs are deterministic). A finished study's store is rewritten from its
// contents alone (io::Store::finish), so it is the same file whatever the threads, ranks,
// windows or timing. docs/results.md describes the store and the rules.
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
  // Bytes a window holds until it is written: its runs' measures and series and its
  // configurations' bands.
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

// The least memory a study of `study`'s shape holds, whatever the budget: one configuration at
// a time, its runs' measures, series and bands, until its bands are written.
std::size_t study_memory_floor(const io::StudyDescription& study);

// Every configuration of `plan` shares the study's calendar, seed and replicates.
StudyOutcome run_study(const StudyPlan& plan, io::Store& store, const StudyOptions& options);

// On MPI ranks other than 0: computes the runs rank 0 hands out, window by window, until the
// study is done. `plan` must be the one rank 0 runs.
void serve_study(const StudyPlan& plan, const engine::Cluster& cluster, unsigned threads);

}  // namespace samspel::study
