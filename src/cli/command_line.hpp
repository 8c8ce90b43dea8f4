// The command line that outputs record as their provenance (results stores, provenance.json).
#pragma once

#include <string>

namespace samspel::cli {

// The words of argv joined by spaces, without the thread count (--threads N, --threads=N, -t N,
// -tN): the results do not depend on it, and a store records its command line, so a study on
// 1 thread and on 8 makes the same file.
std::string recorded_command_line(int argc, const char* const* argv);

}  // namespace samspel::cli
