#include "command_line.hpp"

#include <string_view>

namespace samspel::cli {

std::string recorded_command_line(int argc, const char* const* argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (i > 0 && (word == "--threads" || word == "-t")) {
      ++i;  // its value too
      continue;
    }
    if (i > 0 && (word.starts_with("--threads=") || (word.starts_with("-t") && word.size() > 2)))
      continue;
    if (!line.empty()) line += ' ';
    line += word;
  }
  return line;
}

}  // namespace samspel::cli
