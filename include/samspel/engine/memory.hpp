// How much memory this process could still take, so that work whose results must all be held
// at once (a run's replicates before its bands are computed) is refused up front with what it
// would need, instead of failing with an allocation error after hours of simulation.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace samspel::engine {

// Bytes the system could give now without swapping: MemAvailable of /proc/meminfo, lowered to
// what the process's cgroup still allows when it is limited (a container). Empty where neither
// can be read.
std::optional<std::size_t> available_memory();

// The MemAvailable line of /proc/meminfo text, in bytes; empty if there is none.
std::optional<std::size_t> mem_available_from_meminfo(std::string_view meminfo);

// A size in bytes as people read it: "512 MB", "14.3 GB".
std::string format_bytes(std::size_t bytes);

}  // namespace samspel::engine
