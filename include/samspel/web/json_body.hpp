// A request body as JSON. The nesting depth is measured on the text before it is parsed: copies,
// merge patches, dumps and the scenario conversion all recurse, so a body nested tens of
// thousands of levels deep must be refused before any of them sees it.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

namespace samspel::web {

// The deepest nesting of objects and arrays in JSON text, counted up to `stop_after` + 1 (the
// scan ends there). Brackets inside strings do not count. Linear time, no recursion.
std::size_t json_nesting_depth(std::string_view text, std::size_t stop_after);

// The body parsed, or a BadRequest when it is not JSON or nested deeper than `max_depth`.
nlohmann::json parse_body(std::string_view body, std::size_t max_depth);

}  // namespace samspel::web
