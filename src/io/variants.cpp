#include "samspel/io/variants.hpp"

#include <fmt/format.h>

#include "samspel/io/dictionary.hpp"

namespace samspel::io {

namespace {

struct Axis {
  std::string key;
  std::vector<std::string> values;
};

Axis parse_axis(std::string_view spec) {
  const auto eq = spec.find('=');
  const auto fail = [&](std::string_view what) {
    return ScenarioError(fmt::format("--vary {}: {}", spec, what));
  };
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == spec.size()) {
    throw fail("expected key=v1,v2,... (see docs/parameters.md)");
  }
  Axis axis{std::string(spec.substr(0, eq)), {}};
  if (find_parameter(axis.key) == nullptr) {
    throw fail("unknown key; allowed: a key of docs/parameters.md such as strategy.foundation");
  }
  std::string_view rest = spec.substr(eq + 1);
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view value = rest.substr(0, comma);
    if (value.empty()) throw fail("empty value; allowed: values separated by single commas");
    axis.values.emplace_back(value);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return axis;
}

}  // namespace

std::vector<Variant> expand_variants(const Scenario& base, const std::vector<std::string>& vary) {
  std::vector<Axis> axes;
  for (const auto& spec : vary) {
    Axis axis = parse_axis(spec);
    for (const auto& other : axes) {
      if (other.key == axis.key) {
        throw ScenarioError(
            fmt::format("--vary {}: {} is varied twice; allowed: each key once", spec, axis.key));
      }
    }
    axes.push_back(std::move(axis));
  }
  std::vector<Variant> variants{{"", base}};
  for (const auto& axis : axes) {
    std::vector<Variant> next;
    for (const auto& v : variants) {
      for (const auto& value : axis.values) {
        Variant w = v;
        const std::string assignment = fmt::format("{}={}", axis.key, value);
        try {
          apply_assignment(w.scenario, assignment);
        } catch (const ScenarioError& e) {
          // Name the option the user typed, not the internal --set.
          std::string message = e.what();
          if (message.rfind("--set ", 0) == 0) message.replace(0, 5, "--vary");
          throw ScenarioError(message);
        }
        w.label = w.label.empty() ? assignment : w.label + ", " + assignment;
        next.push_back(std::move(w));
      }
    }
    variants = std::move(next);
  }
  for (const auto& v : variants)
    validate(v.scenario);
  return variants;
}

}  // namespace samspel::io
