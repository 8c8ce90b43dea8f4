#include "samspel/io/json_scenario.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>

#include "samspel/io/excerpt.hpp"
#include "samspel/io/scenario_table.hpp"

namespace samspel::io {

namespace {

using nlohmann::json;

[[noreturn]] void fail(std::string_view source, const std::string& path, std::string_view problem) {
  throw one_line_error(path.empty() ? fmt::format("{}: {}", source, problem)
                                    : fmt::format("{}: {}: {}", source, path, problem));
}

std::string child_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

// A scenario's deepest value is an event's key (`events[0].size`, depth 3); the margin leaves
// room for the parser to name a misplaced table, and the bound keeps the conversion's recursion
// and the key path in the message short whatever a client sends.
constexpr int kMaxDepth = 8;

bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F;
  });
}

template <typename Insert>
void convert_value(const json& value, const std::string& path, int depth, std::string_view source,
                   Insert&& insert);

toml::table to_table(const json& object, const std::string& path, int depth,
                     std::string_view source) {
  toml::table table;
  for (const auto& [key, value] : object.items()) {
    // Every key of a scenario file is plain: anything else is refused here, quoted and cut,
    // so a key of megabytes, with a NUL or a line break, never reaches the parser's messages.
    if (!is_plain_key(key)) {
      fail(source, child_path(path, quoted_excerpt(key)),
           "unknown key; allowed: the keys of a scenario file (1 to 64 letters, digits, _ and -)");
    }
    convert_value(value, child_path(path, key), depth, source,
                  [&](auto&& node) { table.insert(key, std::forward<decltype(node)>(node)); });
  }
  return table;
}

toml::array to_array(const json& array, const std::string& path, int depth,
                     std::string_view source) {
  toml::array out;
  for (std::size_t i = 0; i < array.size(); ++i) {
    convert_value(array[i], fmt::format("{}[{}]", path, i), depth, source,
                  [&](auto&& node) { out.push_back(std::forward<decltype(node)>(node)); });
  }
  return out;
}

template <typename Insert>
void convert_value(const json& value, const std::string& path, int depth, std::string_view source,
                   Insert&& insert) {
  if ((value.is_object() || value.is_array()) && depth >= kMaxDepth) {
    fail(source, path,
         fmt::format("nested too deeply; allowed: at most {} levels of objects and arrays",
                     kMaxDepth));
  }
  switch (value.type()) {
    case json::value_t::object:
      insert(to_table(value, path, depth + 1, source));
      break;
    case json::value_t::array:
      insert(to_array(value, path, depth + 1, source));
      break;
    case json::value_t::string: {
      const auto& text = value.get_ref<const std::string&>();
      // A NUL or another control character would cut or garble the parser's message quoting the
      // value; no scenario text needs one.
      if (has_control_character(text)) {
        fail(source, path,
             fmt::format("{} holds a control character; allowed: text without control characters "
                         "(tabs and line breaks are fine)",
                         quoted_excerpt(text)));
      }
      insert(text);
      break;
    }
    case json::value_t::boolean:
      insert(value.get<bool>());
      break;
    case json::value_t::number_integer:
      insert(value.get<std::int64_t>());
      break;
    case json::value_t::number_unsigned: {
      const auto v = value.get<std::uint64_t>();
      if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        fail(source, path, fmt::format("{} is too large; allowed: at most 2^63 - 1", v));
      insert(static_cast<std::int64_t>(v));
      break;
    }
    case json::value_t::number_float:
      insert(value.get<double>());
      break;
    default:
      fail(source, path, "got null; allowed: a value (leave the key out to keep its default)");
  }
}

json node_to_json(const toml::node& node) {
  if (const auto* table = node.as_table()) {
    json out = json::object();
    for (const auto& [key, value] : *table)
      out[std::string(key.str())] = node_to_json(value);
    return out;
  }
  if (const auto* array = node.as_array()) {
    json out = json::array();
    for (const auto& item : *array)
      out.push_back(node_to_json(item));
    return out;
  }
  if (const auto v = node.value_exact<std::string>()) return *v;
  if (const auto v = node.value_exact<std::int64_t>()) return *v;
  if (const auto v = node.value_exact<double>()) return *v;
  if (const auto v = node.value_exact<bool>()) return *v;
  // Dates and times are not part of the scenario format: the parser refuses this placeholder
  // with the key's name.
  return "(a TOML date or time)";
}

}  // namespace

Scenario scenario_from_json(const json& scenario, std::string_view source) {
  if (!scenario.is_object())
    fail(source, "",
         "got " + std::string(scenario.type_name()) +
             "; allowed: an object with the keys of a scenario file");
  return scenario_from_table(to_table(scenario, "", 1, source), source);
}

json scenario_text_to_json(std::string_view toml_text, std::string_view source) {
  try {
    return node_to_json(toml::parse(toml_text, source));
  } catch (const toml::parse_error& e) {
    throw one_line_error(fmt::format("{}: malformed TOML: {}", source, e.description()));
  }
}

}  // namespace samspel::io
