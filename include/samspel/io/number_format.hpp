// How the output files write a number: six significant digits, locale-free and byte-stable,
// NA (CSV) or null (JSON) where it is not finite.
#pragma once

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

namespace samspel::io {

inline std::string csv_number(double v) {
  return std::isfinite(v) ? fmt::format("{:.6g}", v) : "NA";
}

inline nlohmann::ordered_json json_number(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

}  // namespace samspel::io
