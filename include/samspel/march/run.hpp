// One run of March's model: from a fresh start until equilibrium or a horizon, recording the
// code's knowledge every period.
#pragma once

#include <cstdint>
#include <vector>

#include "samspel/march/parameters.hpp"

namespace samspel::march {

struct RunSettings {
  int horizon = 0;                   // periods at most
  bool stop_at_equilibrium = false;  // only meaningful when p3 = p4 = 0
};

struct RunResult {
  std::vector<double> knowledge;  // at period 0 (start) .. periods
  int periods = 0;                // periods run
  bool equilibrium = false;       // stopped because equilibrium was reached
  double final_knowledge() const { return knowledge.back(); }
};

// Run `run` of a study seeded with `seed`: its random numbers depend only on (seed, run).
RunResult run(const Parameters& p, const RunSettings& settings, std::uint64_t seed,
              std::uint64_t run);

}  // namespace samspel::march
