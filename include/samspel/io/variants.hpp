// The variants of a comparison: every combination of the values given with --vary.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "samspel/io/scenario.hpp"

namespace samspel::io {

struct Variant {
  std::string label;  // "strategy.foundation=roles, strategy.role_dialogue=recurring"
  Scenario scenario;
};

// Expands "key=v1,v2,..." specifications into their Cartesian product, the first value of each
// first (variant 0 is the reference). Each variant is the base with its assignments applied and
// validated; a bad specification throws ScenarioError naming it.
std::vector<Variant> expand_variants(const Scenario& base, const std::vector<std::string>& vary);

}  // namespace samspel::io
