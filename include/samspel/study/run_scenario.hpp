// Runs a scenario's replicates on the engine's thread pool: the glue between engine, model and
// io that every front end (CLI, web server) uses.
#pragma once

#include <cstddef>
#include <functional>

#include "samspel/io/results.hpp"
#include "samspel/io/scenario.hpp"

namespace samspel::study {

// Replicate i is seeded by (scenario.run.seed, i) alone, so the results are identical for any
// `threads` (0 = all cores). `progress(done)` is called from the calling thread.
io::RunResults run_scenario(const io::Scenario& scenario, unsigned threads,
                            const std::function<void(std::size_t)>& progress = {});

// The least memory run_scenario holds: every replicate's monthly series (double precision)
// and summary, all kept until the bands across replicates are computed.
std::size_t run_memory(const io::Scenario& scenario);

}  // namespace samspel::study
