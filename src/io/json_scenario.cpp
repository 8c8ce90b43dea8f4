#include "samspel/io/json_scenario.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <limits>
#include <string>

#include "samspel/io/scenario_table.hpp"
#include "samspel/io/toml_depth.hpp"

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

template <typename Insert>
void convert_value(const json& value, const std::string& path, std::string_view source, int depth,
                   Insert&& insert);

// The conversion recurses once per level: the same bound as for TOML text keeps it off the end
// of the stack.
void check_depth(int depth, const std::string& path, std::string_view source) {
  if (depth > kMaxTomlDepth)
    fail(source, path,
         fmt::format("nested more than {} levels deep; allowed: at most {} levels of objects and "
                     "arrays",
                     kMaxTomlDepth, kMaxTomlDepth));
}

toml::table to_table(const json& object, const std::string& path, std::string_view source,
                     int depth) {
  check_depth(depth, path, source);
  toml::table table;
  for (const auto& [key, value] : object.items()) {
    convert_value(value, child_path(path, key), source, depth + 1,
                  [&](auto&& node) { table.insert(key, std::forward<decltype(node)>(node)); });
  }
  return table;
}

toml::array to_array(const json& array, const std::string& path, std::string_view source,
                     int depth) {
  check_depth(depth, path, source);
  toml::array out;
  for (std::size_t i = 0; i < array.size(); ++i) {
    convert_value(array[i], fmt::format("{}[{}]", path, i), source, depth + 1,
                  [&](auto&& node) { out.push_back(std::forward<decltype(node)>(node)); });
  }
  return out;
}

template <typename Insert>
void convert_value(const json& value, const std::string& path, std::string_view source, int depth,
                   Insert&& insert) {
  switch (value.type()) {
    case json::value_t::object:
      insert(to_table(value, path, source, depth));
      break;
    case json::value_t::array:
      insert(to_array(value, path, source, depth));
      break;
    case json::value_t::string:
      insert(value.get<std::string>());
      break;
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
  return scenario_from_table(to_table(scenario, "", source, 0), source);
}

json scenario_text_to_json(std::string_view toml_text, std::string_view source) {
  check_toml_depth(toml_text, source);
  try {
    return node_to_json(toml::parse(toml_text, source));
  } catch (const toml::parse_error& e) {
    throw one_line_error(fmt::format("{}: malformed TOML: {}", source, e.description()));
  }
}

}  // namespace samspel::io
