// The strategy mix of a population study: each municipality's draw from the scenario's
// [[mix]] tables (docs/scenarios.md), fixed by (run seed, municipality index) alone, so that a
// study gives every municipality the same strategy whatever the thread or process count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "samspel/io/scenario.hpp"

namespace samspel::io {

// The stream of stream_seed(seed, municipality, stream) that draws the mix: "mix" in ASCII, far
// above any per-replicate stream index of the model.
inline constexpr std::uint64_t kMixStream = 0x6d'69'78ULL;

// The option of each [[mix]] that municipality `index` gets: one uniform number per [[mix]], in
// order, against the cumulative weights.
std::vector<std::size_t> mix_choices(const std::vector<Mix>& mix, std::uint64_t seed,
                                     std::size_t index);

// Sets municipality `index`'s drawn values in `scenario` (whose run seed draws them) and
// returns them as "key=value" assignments, for the record.
std::vector<std::string> apply_mix(Scenario& scenario, std::size_t index);

}  // namespace samspel::io
