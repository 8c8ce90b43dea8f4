// Morris (1991) elementary effects: a screening of which factors of a model matter, from r
// trajectories through a grid on the unit hypercube, each moving one factor at a time. The
// engine knows only factors by index; the caller maps the unit cube onto parameter ranges and
// runs the model at each point.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "samspel/engine/design.hpp"

namespace samspel::engine {

// r trajectories of k + 1 points each, point t * (k + 1) + s being step s of trajectory t. The
// base point's coordinates lie on the grid {0, 1/(p-1), ..., 1} of p levels, and step s moves
// factor order[t][s - 1] by delta = p / (2 (p - 1)) in the direction sign[t][s - 1] (+1 or
// -1), so every point stays on the grid (Morris 1991, with the random directions of
// Campolongo, Cariboni & Saltelli 2007).
struct MorrisDesign {
  int factors = 0;
  int levels = 0;
  double delta = 0;
  UnitDesign points;
  std::vector<std::vector<int>> order;  // [trajectory][step - 1]: the factor moved
  std::vector<std::vector<int>> sign;   // [trajectory][step - 1]: +1 or -1

  int trajectories() const { return static_cast<int>(order.size()); }
};

// Drawn from Rng(stream_seed(seed, 0, kMorrisStream)). Throws std::invalid_argument if
// factors < 1, trajectories < 2 or levels is not an even number >= 2.
MorrisDesign morris_design(int factors, int trajectories, int levels, std::uint64_t seed);

inline constexpr std::uint64_t kMorrisStream = 0x6d'6f'72'72'69'73ULL;  // "morris"

// Per factor: mu (mean elementary effect), mu* (mean absolute effect, Campolongo et al. 2007)
// and sigma (standard deviation of the effects, n - 1), in output units per unit of the
// factor's normalised range; mu* with a 95% bootstrap percentile interval over trajectories.
struct MorrisIndex {
  double mu = 0;
  double mu_star = 0;
  double sigma = 0;
  double mu_star_low = 0;
  double mu_star_high = 0;
};

// `outputs[i]` is the model's output at design point i. Bootstrap: `resamples` draws of r
// trajectories with replacement from Rng(stream_seed(seed, 1, kMorrisStream)).
std::vector<MorrisIndex> morris_indices(const MorrisDesign& design, std::span<const double> outputs,
                                        int resamples, std::uint64_t seed);

}  // namespace samspel::engine
