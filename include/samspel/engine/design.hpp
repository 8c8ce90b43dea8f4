// Experiment designs for parameter sweeps: point sets in the unit hypercube, later mapped onto
// parameter ranges by the caller. The engine knows nothing of which parameters are swept.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace samspel::engine {

// Points in the unit hypercube [0, 1]^dims, row-major: point p's coordinate d is at
// [p * dims + d].
struct UnitDesign {
  int dims = 0;
  std::vector<double> points;

  std::size_t size() const;
  double at(std::size_t point, int dim) const;
};

// The stream of stream_seed(seed, 0, stream) that draws a Latin hypercube: "design" in ASCII,
// far above any per-replicate stream index, so a design never shares numbers with replicate 0 of
// a run with the same seed.
inline constexpr std::uint64_t kDesignStream = 0x64'65'73'69'67'6eULL;

// Full factorial grid with `levels` equally spaced levels per dimension, 0 and 1 included
// (levels = 1 gives the centre, 0.5); the last dimension varies fastest. levels^dims points.
// Throws std::invalid_argument if dims < 1, levels < 1 or the grid has more than `max_points`
// points.
UnitDesign grid_design(int dims, int levels, std::size_t max_points = 10'000'000);

// Latin hypercube (McKay, Beckman & Conover 1979) with `points` points: in every dimension,
// [0, 1) is split into `points` equal strata [k/n, (k+1)/n) and each stratum holds exactly one
// point, placed uniformly within it; the strata are assigned to points by an independent
// permutation per dimension. Drawn from Rng(stream_seed(seed, 0, kDesignStream)), dimension by
// dimension: a Fisher-Yates shuffle, then one uniform per point. So the design is fixed by
// (dims, points, seed), and its first k dimensions do not depend on how many follow. Throws
// std::invalid_argument if dims < 1 or points < 1.
UnitDesign latin_hypercube(int dims, int points, std::uint64_t seed);

// An order of 0, ..., n - 1 in which every prefix spreads evenly over the whole range: index i
// goes at the position of its bit-reversed value (van der Corput), values not below n skipped.
// The first 2^k of the order are spaced n / 2^k apart, so a study cut short after any number of
// configurations has run some from every part of its design, not only its first ones.
std::vector<std::size_t> spread_order(std::size_t n);

}  // namespace samspel::engine
