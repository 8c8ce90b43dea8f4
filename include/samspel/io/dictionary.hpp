// The parameter dictionary: every settable value of a scenario by its key ("section.name"),
// with default, range, unit, meaning and source, generated from model/parameter_table.hpp.
// It validates scenario values and writes docs/parameters.md.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "samspel/model/parameters.hpp"

namespace samspel::io {

enum class Kind { Real, Integer, Boolean, Choice };

struct ParameterSpec {
  std::string_view key;  // "section.name"
  std::string_view section;
  std::string_view name;
  Kind kind;
  double default_value;  // NaN = derived; choices by index, booleans 0/1
  double low;
  double high;
  std::string_view choices;  // "a|b|c" for Kind::Choice
  std::string_view unit;
  std::string_view meaning;
  std::string_view source;
  double (*get)(const model::Parameters&);
  void (*set)(model::Parameters&, double);
};

std::span<const ParameterSpec> parameter_specs();
const ParameterSpec* find_parameter(std::string_view key);

// The choice labels of a Choice spec, in index order.
std::vector<std::string_view> choice_labels(const ParameterSpec& spec);
// Index of `label` among the spec's choices.
std::optional<int> choice_index(const ParameterSpec& spec, std::string_view label);

// "a number in [0, 1]", "one of chemistry, roles", ... for error messages.
std::string allowed_values(const ParameterSpec& spec);
// The value as a scenario file would write it ("roles", "true", "0.25", "30000").
std::string format_value(const ParameterSpec& spec, double value);

// Checks that `value` is in range (and integral where required); nullopt when fine, else the
// reason.
std::optional<std::string> check_value(const ParameterSpec& spec, double value);

// docs/parameters.md, generated.
std::string parameters_markdown();

}  // namespace samspel::io
