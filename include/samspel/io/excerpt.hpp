// A piece of client input quoted for an error message: short, printable and valid UTF-8 even
// when the input is megabytes of brackets, control bytes or broken UTF-8, so a message stays one
// readable line and never carries the input back whole.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace samspel::io {

// `text` in double quotes, JSON-style escapes for quotes, backslashes and control characters
// (a NUL is \u0000), \xHH for a byte that is not UTF-8; past `max_bytes` of input it ends with
// "…" and the input's size in bytes.
std::string quoted_excerpt(std::string_view text, std::size_t max_bytes = 40);

}  // namespace samspel::io

namespace samspel::io {

// `message` itself when it has at most `max_bytes`, else its start and its end (where a message
// says what is allowed) joined by " … ", cut between UTF-8 characters.
std::string shortened(std::string_view message, std::size_t max_bytes = 400);

}  // namespace samspel::io

namespace samspel::io {

// A key such as every key of a scenario file: 1 to 64 letters, digits, _ and -.
bool is_plain_key(std::string_view key);

// A key for a message: itself when plain, else quoted_excerpt(key).
std::string key_for_message(std::string_view key);

}  // namespace samspel::io
