// The axes of a parameter sweep, given as `--param key=lo:hi` or `--param key=lo:hi:log`, and
// the mapping of a design's unit coordinates (engine/design.hpp) onto them.
#pragma once

#include <string>
#include <vector>

#include "samspel/io/dictionary.hpp"

namespace samspel::io {

struct SweepAxis {
  const ParameterSpec* spec = nullptr;
  double low = 0;
  double high = 0;
  bool log = false;  // geometric spacing, for parameters whose effect scales with ratios
  std::string text;  // the specification as given, for messages
};

// Parses "key=lo:hi" or "key=lo:hi:log" specifications, in order. Only Real and Integer
// parameters can be swept (choices and booleans have no range to sample; `samspel compare
// --vary` takes them), both ends must be allowed values of the parameter, lo < hi, and lo > 0
// on a log axis. Throws ScenarioError with one line "--param SPEC: problem; allowed: ...", also
// when a key is given twice.
std::vector<SweepAxis> parse_sweep_axes(const std::vector<std::string>& specs);

// The axis value at unit coordinate u in [0, 1] (clamped into it): lo + u (hi - lo), or
// lo (hi / lo)^u on a log axis; exactly lo at 0 and hi at 1. For an Integer parameter, rounded
// to the nearest integer (halves away from zero) and kept within [lo, hi]. Throws
// std::invalid_argument for a NaN u.
double axis_value(const SweepAxis& axis, double u);

// "key=value" at unit coordinate u, for apply_assignment (the value as format_value writes it).
std::string axis_assignment(const SweepAxis& axis, double u);

}  // namespace samspel::io
