#include "samspel/io/toml_depth.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "samspel/io/scenario.hpp"

namespace samspel::io {

namespace {

// A single pass over the text that knows just enough TOML to tell keys, strings, comments and
// brackets apart. It never recurses, so no text can overflow it.
class DepthScanner {
 public:
  DepthScanner(std::string_view text, std::string_view source) : text_(text), source_(source) {}

  void scan() {
    while (skip_blank_lines(), pos_ < text_.size()) {
      if (peek() == '[') {
        table_header();
      } else {
        key_value();
      }
    }
  }

 private:
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  bool at(std::string_view s) const {
    return pos_ < text_.size() && text_.substr(pos_, s.size()) == s;
  }

  void check(int depth) const {
    if (depth <= kMaxTomlDepth) return;
    const auto line = 1 + std::count(text_.begin(), text_.begin() + static_cast<long>(pos_), '\n');
    throw one_line_error(fmt::format(
        "{}:{}: nested more than {} levels deep; allowed: at most {} levels of tables, dotted "
        "keys, arrays and inline tables",
        source_, line, kMaxTomlDepth, kMaxTomlDepth));
  }

  void skip_spaces() {
    while (peek() == ' ' || peek() == '\t')
      ++pos_;
  }
  void skip_comment() {
    if (peek() != '#') return;
    while (pos_ < text_.size() && peek() != '\n')
      ++pos_;
  }
  void skip_blank_lines() {
    for (;;) {
      skip_spaces();
      skip_comment();
      if (peek() != '\n' && peek() != '\r') return;
      ++pos_;
    }
  }

  // Skips a string starting at the quote under the cursor, multi-line or not.
  void skip_string() {
    const char quote = peek();
    const bool basic = quote == '"';
    const std::string_view triple = basic ? "\"\"\"" : "'''";
    const bool multiline = at(triple);
    pos_ += multiline ? 3 : 1;
    while (pos_ < text_.size()) {
      const char c = peek();
      if (basic && c == '\\') {
        pos_ = std::min(pos_ + 2, text_.size());
      } else if (multiline ? at(triple) : c == quote) {
        pos_ += multiline ? 3 : 1;
        // A multi-line string may end in up to two more quotes of its own.
        while (multiline && peek() == quote)
          ++pos_;
        return;
      } else if (!multiline && c == '\n') {
        return;  // unterminated: the parser says so
      } else {
        ++pos_;
      }
    }
  }

  // Reads a dotted key and returns its number of parts.
  int key_path() {
    int parts = 0;
    for (;;) {
      skip_spaces();
      if (peek() == '"' || peek() == '\'') {
        skip_string();
      } else {
        const auto start = pos_;
        while (pos_ < text_.size() &&
               std::string_view(".=]} \t\n\r#,[{").find(peek()) == std::string_view::npos)
          ++pos_;
        if (pos_ == start) return parts;
      }
      ++parts;
      skip_spaces();
      if (peek() != '.') return parts;
      ++pos_;
    }
  }

  void table_header() {
    ++pos_;
    const bool array_of_tables = peek() == '[';
    if (array_of_tables) ++pos_;
    header_depth_ = key_path() + (array_of_tables ? 1 : 0);
    check(header_depth_);
    while (pos_ < text_.size() && peek() != '\n')
      ++pos_;
  }

  void key_value() {
    const int depth = header_depth_ + key_path();
    check(depth);
    skip_spaces();
    if (peek() != '=') {
      // Not a key-value pair: the parser refuses this line; step past it.
      while (pos_ < text_.size() && peek() != '\n')
        ++pos_;
      return;
    }
    ++pos_;
    value(depth);
  }

  // A value at `depth`, with any arrays and inline tables it opens, without recursion: `open`
  // holds each open bracket with the depth of the values inside it.
  void value(int depth) {
    std::vector<std::pair<char, int>> open;
    int current = depth;
    for (;;) {
      if (open.empty()) {
        skip_spaces();
      } else {
        skip_blank_lines();  // arrays may span lines and hold comments
      }
      if (pos_ >= text_.size()) return;
      const char c = peek();
      if (c == '[' || c == '{') {
        ++pos_;
        check(current + 1);
        open.emplace_back(c, current + 1);
        current += 1;
        if (c == '{') current = inline_key(current);
      } else if (c == ']' || c == '}') {
        ++pos_;
        if (!open.empty()) open.pop_back();
        if (open.empty()) return;
        current = open.back().second;
      } else if (c == ',') {
        ++pos_;
        if (open.empty()) return;
        current = open.back().second;
        if (open.back().first == '{') current = inline_key(current);
      } else if (c == '"' || c == '\'') {
        skip_string();
        if (open.empty()) return;
      } else if (c == '\n' || c == '#') {
        return;
      } else {
        while (pos_ < text_.size() &&
               std::string_view(",]} \t\n\r#").find(peek()) == std::string_view::npos)
          ++pos_;
        if (open.empty()) return;
      }
    }
  }

  // After '{' or ',' in an inline table: reads "key =" and returns the depth of its value.
  int inline_key(int depth) {
    skip_spaces();
    if (peek() == '}') return depth;
    const int value_depth = depth + key_path();
    check(value_depth);
    skip_spaces();
    if (peek() == '=') ++pos_;
    return value_depth;
  }

  std::string_view text_;
  std::string_view source_;
  std::size_t pos_ = 0;
  int header_depth_ = 0;
};

}  // namespace

void check_toml_depth(std::string_view text, std::string_view source) {
  DepthScanner(text, source).scan();
}

}  // namespace samspel::io
