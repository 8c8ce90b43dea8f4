// Variance-based sensitivity: Sobol' first-order (S1) and total (ST) indices from the Saltelli
// sampling scheme on a Sobol' low-discrepancy sequence (Boost.Random's `sobol`). First order by
// Saltelli et al. (2010), total by Jansen (1999), both with 95% bootstrap intervals over the
// base samples. The engine knows only factors by index; the caller maps the unit cube onto
// parameter ranges and runs the model at each point.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "samspel/engine/bootstrap.hpp"
#include "samspel/engine/design.hpp"

namespace samspel::engine {

// For base sample j (0..n-1), k + 2 points in a row: A_j, B_j, then AB_j^(i) for i = 0..k-1,
// which is A_j with factor i taken from B_j. A_j and B_j are the first and last k coordinates
// of point j of the 2k-dimensional Sobol' sequence as Boost.Random makes it (from the centre,
// after the all-zero point). So row j of the design is fixed by (k, j) alone: a study can make
// any row again.
// Throws std::invalid_argument if factors < 1 or samples < 2.
UnitDesign saltelli_design(int factors, int samples);

// Row `sample` of saltelli_design(factors, ...) alone: its k + 2 points.
UnitDesign saltelli_row(int factors, int sample);

struct SobolIndex {
  double first = 0;  // S1
  double total = 0;  // ST
  Interval first_interval;
  Interval total_interval;
};

// `outputs` in the order of saltelli_design: (k + 2) * n values. The variance is that of the
// 2n outputs at A and B. Bootstrap: `resamples` draws of n base samples with replacement from
// Rng(stream_seed(seed, 0, kSobolStream)).
std::vector<SobolIndex> sobol_indices(int factors, std::span<const double> outputs, int resamples,
                                      std::uint64_t seed);

inline constexpr std::uint64_t kSobolStream = 0x73'6f'62'6f'6cULL;  // "sobol"

}  // namespace samspel::engine
