// A bound on the nesting of a TOML text, checked before the TOML parser sees it: the parser
// recurses once per level of tables, dotted keys, arrays and inline tables, and an 80 KB text
// of dotted keys is deep enough to overflow the stack.
#pragma once

#include <string_view>

namespace samspel::io {

// Far beyond any scenario (they nest three or four levels), far below what overflows a stack.
inline constexpr int kMaxTomlDepth = 64;

// Throws ScenarioError "SOURCE:LINE: ..." when some value of `text` sits more than
// kMaxTomlDepth levels deep, counting table headers, dotted keys, arrays and inline tables. Text
// that is not valid TOML is left for the parser to refuse.
void check_toml_depth(std::string_view text, std::string_view source);

}  // namespace samspel::io
