// Compares variants of a scenario with common random numbers: replicate i of every variant
// draws from the same streams (seed, i), so the paired differences come from the mechanisms,
// not from noise.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "samspel/io/comparison.hpp"
#include "samspel/io/variants.hpp"

namespace samspel::study {

// All variants must share the calendar and the number of replicates (those of variant 0).
io::Comparison run_comparison(const std::vector<io::Variant>& variants, unsigned threads,
                              const std::function<void(std::size_t)>& progress = {});

}  // namespace samspel::study
