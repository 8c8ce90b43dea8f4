// Compares variants of a scenario with common random numbers: replicate i of every variant
// draws from the same streams (seed, i), so the paired differences come from the mechanisms,
// not from noise. The runs go into a results store like any study, so a comparison can be
// interrupted and resumed.
#pragma once

#include <filesystem>
#include <vector>

#include "samspel/io/comparison.hpp"
#include "samspel/io/variants.hpp"
#include "samspel/study/plan.hpp"
#include "samspel/study/study.hpp"

namespace samspel::study {

// All variants share the calendar, seed and replicates of variant 0.
io::Comparison run_comparison(const std::vector<io::Variant>& variants,
                              const std::filesystem::path& store, const StudyOptions& options,
                              const Provenance& provenance = {});

}  // namespace samspel::study
