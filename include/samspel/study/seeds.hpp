// The seed policy of a study: which seed each configuration's runs draw from (replicate i of a
// configuration then draws from the streams of (that seed, i)). The store records each run's
// seed as given; this is where it is decided.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "samspel/io/store.hpp"

namespace samspel::study {

// Municipality m of a population runs on stream_seed(seed, m, kMunicipalityStream) ("munic").
inline constexpr std::uint64_t kMunicipalityStream = 0x6d'75'6e'69'63ULL;

// The seed of configuration `configuration`'s runs in a study of `kind` with seed `seed`. The
// configurations of a comparison or a sweep share the study's seed: common random numbers, so
// their differences are the mechanisms'. The municipalities of a population are separate places
// with separate histories: each has its own seed, or every municipality of a replicate would see
// nearly the same exits and elections and the population's statistics would carry the noise of
// a few histories, not of hundreds.
std::uint64_t run_seed(std::string_view kind, std::uint64_t seed, std::size_t configuration);
std::uint64_t run_seed(const io::StudyDescription& study, std::size_t configuration);

}  // namespace samspel::study
