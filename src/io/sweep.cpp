#include "samspel/io/sweep.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "samspel/io/scenario.hpp"

namespace samspel::io {

namespace {

constexpr std::string_view kForm = "key=lo:hi or key=lo:hi:log, e.g. strategy.delegation=0.2:0.8";

ScenarioError error(std::string_view spec, std::string_view problem) {
  return one_line_error(fmt::format("--param {}: {}", spec, problem));
}

// The whole of `text` as a number, or nothing. from_chars takes no leading '+' or spaces and
// ignores the locale, so "0,5" is not silently read as 0.
std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::string_view kind_name(Kind kind) {
  return kind == Kind::Choice ? "a choice" : "a boolean";
}

SweepAxis parse_axis(const std::string& spec) {
  const auto eq = spec.find('=');
  if (eq == std::string::npos) throw error(spec, fmt::format("missing '='; allowed: {}", kForm));
  if (eq == 0) throw error(spec, fmt::format("missing key before '='; allowed: {}", kForm));
  if (eq + 1 == spec.size()) {
    throw error(spec, fmt::format("missing range after '='; allowed: {}", kForm));
  }
  const std::string_view key = std::string_view(spec).substr(0, eq);
  SweepAxis axis;
  axis.text = spec;
  axis.spec = find_parameter(key);
  if (axis.spec == nullptr) {
    throw error(spec, fmt::format("unknown key {}; allowed: a real or integer key of "
                                  "docs/parameters.md such as strategy.delegation",
                                  key));
  }
  const ParameterSpec& p = *axis.spec;
  if (p.kind == Kind::Choice || p.kind == Kind::Boolean) {
    throw error(spec, fmt::format("{} is {} ({}) and has no range to sweep; allowed: real or "
                                  "integer parameters (compare its values with `samspel "
                                  "compare --vary {}=...`)",
                                  key, kind_name(p.kind), allowed_values(p), key));
  }

  // lo:hi[:log], split on every ':' so that a stray field is reported rather than ignored.
  std::vector<std::string_view> fields;
  std::string_view rest = std::string_view(spec).substr(eq + 1);
  while (true) {
    const auto colon = rest.find(':');
    fields.push_back(rest.substr(0, colon));
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  if (fields.size() < 2 || fields.size() > 3) {
    throw error(spec, fmt::format("expected lo:hi or lo:hi:log after '='; allowed: {}", kForm));
  }
  if (fields.size() == 3) {
    if (fields[2] != "log") {
      throw error(spec, fmt::format("unknown scale \"{}\"; allowed: log, or nothing for a "
                                    "linear axis",
                                    fields[2]));
    }
    axis.log = true;
  }
  double* ends[] = {&axis.low, &axis.high};
  for (int i = 0; i < 2; ++i) {
    const auto value = parse_number(fields[static_cast<std::size_t>(i)]);
    if (!value) {
      throw error(spec, fmt::format("{} \"{}\" is not a number; allowed: {}", i == 0 ? "lo" : "hi",
                                    fields[static_cast<std::size_t>(i)], allowed_values(p)));
    }
    // check_value words its problem as "V is not allowed; allowed: ...", the form wanted here.
    if (const auto problem = check_value(p, *value)) {
      throw error(spec, fmt::format("{} {}", i == 0 ? "lo" : "hi", *problem));
    }
    *ends[i] = *value;
  }
  if (axis.low == axis.high) {
    throw error(spec, fmt::format("empty range, lo = hi = {}; allowed: lo < hi (use --set {}={} "
                                  "for a fixed value)",
                                  format_value(p, axis.low), key, format_value(p, axis.low)));
  }
  if (axis.low > axis.high) {
    throw error(spec, fmt::format("inverted range, lo {} > hi {}; allowed: lo < hi ({}={}:{})",
                                  format_value(p, axis.low), format_value(p, axis.high), key,
                                  format_value(p, axis.high), format_value(p, axis.low)));
  }
  if (axis.log && axis.low <= 0) {
    throw error(spec, fmt::format("a log axis needs lo > 0, got {}; allowed: lo > 0 with log, "
                                  "or a linear axis {}={}:{}",
                                  format_value(p, axis.low), key, format_value(p, axis.low),
                                  format_value(p, axis.high)));
  }
  return axis;
}

}  // namespace

std::vector<SweepAxis> parse_sweep_axes(const std::vector<std::string>& specs) {
  std::vector<SweepAxis> axes;
  axes.reserve(specs.size());
  for (const auto& spec : specs) {
    SweepAxis axis = parse_axis(spec);
    for (const auto& other : axes) {
      if (other.spec == axis.spec) {
        throw error(spec, fmt::format("{} is swept twice (also by --param {}); allowed: each "
                                      "key once",
                                      axis.spec->key, other.text));
      }
    }
    axes.push_back(std::move(axis));
  }
  return axes;
}

double axis_value(const SweepAxis& axis, double u) {
  if (std::isnan(u)) throw std::invalid_argument("axis_value: the unit coordinate is NaN");
  u = std::clamp(u, 0.0, 1.0);
  double value = 0;
  if (!axis.log) {
    // std::lerp is exact at both ends and monotone, so an end that is the parameter's own limit
    // is never overshot by rounding.
    value = std::lerp(axis.low, axis.high, u);
  } else if (u == 0.0) {
    value = axis.low;
  } else if (u == 1.0) {
    value = axis.high;  // lo * (hi / lo) need not round back to hi
  } else {
    value = axis.low * std::pow(axis.high / axis.low, u);
  }
  if (axis.spec != nullptr && axis.spec->kind == Kind::Integer) value = std::round(value);
  // Rounding, or pow on a log axis, may step just outside; the ends are allowed values.
  return std::clamp(value, axis.low, axis.high);
}

std::string axis_assignment(const SweepAxis& axis, double u) {
  return fmt::format("{}={}", axis.spec->key, format_value(*axis.spec, axis_value(axis, u)));
}

}  // namespace samspel::io
