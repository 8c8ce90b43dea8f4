// The path of a request target ("/api/runs/7?x=1" -> "/api/runs/7"), percent-decoded. The bytes
// may be anything, NUL and broken UTF-8 included: the Api refuses what it does not know.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace samspel::web {

// nullopt when the target is not a path or holds a '%' not followed by two hex digits.
std::optional<std::string> decoded_path(std::string_view target);

}  // namespace samspel::web
