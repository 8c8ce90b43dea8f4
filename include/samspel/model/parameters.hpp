// The model's parameters as plain structs, generated from parameter_table.hpp.
#pragma once

#include <limits>

#include "samspel/model/parameter_table.hpp"

namespace samspel::model {

enum class Bloc { a = 0, b = 1 };
enum class Foundation { chemistry = 0, roles = 1 };
enum class RoleDialogue { none = 0, at_start = 1, recurring = 2 };

// Marks a value the model derives (e.g. capacity from population) unless a scenario sets it.
inline constexpr double kDerived = std::numeric_limits<double>::quiet_NaN();

#define SAMSPEL_FIELD(name, c_type, kind, def, lo, hi, choices, unit, meaning, source) \
  c_type name = def;

struct Municipality {
  SAMSPEL_MUNICIPALITY_PARAMETERS(SAMSPEL_FIELD)
};

struct Strategy {
  SAMSPEL_STRATEGY_PARAMETERS(SAMSPEL_FIELD)
};

struct Constants {
  SAMSPEL_MODEL_PARAMETERS(SAMSPEL_FIELD)
};

#undef SAMSPEL_FIELD

struct Parameters {
  Municipality municipality;
  Strategy strategy;
  Constants model;
};

}  // namespace samspel::model
