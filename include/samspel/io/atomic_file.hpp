// Whole-or-nothing file writes: content goes to a temporary file in the same directory, is
// flushed to disk, and is then renamed over the target.
#pragma once

#include <filesystem>
#include <string_view>

namespace samspel::io {

void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace samspel::io
