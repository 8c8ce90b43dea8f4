#include "samspel/web/json_body.hpp"

#include <fmt/format.h>

#include "samspel/web/run_request.hpp"

namespace samspel::web {

std::size_t json_nesting_depth(std::string_view text, std::size_t stop_after) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
      if (deepest > stop_after) break;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

nlohmann::json parse_body(std::string_view body, std::size_t max_depth) {
  if (json_nesting_depth(body, max_depth) > max_depth) {
    throw BadRequest(fmt::format(
        "body: objects and arrays nested more than {} levels deep; allowed: at most {} levels",
        max_depth, max_depth));
  }
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded())
    throw BadRequest("body: not valid JSON (UTF-8); allowed: a JSON object");
  return parsed;
}

}  // namespace samspel::web
