#include "samspel/engine/statistics.hpp"

#include <cmath>
#include <limits>

namespace samspel::engine {

double quantile_sorted(std::span<const double> sorted, double q) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = below + 1 < sorted.size() ? below + 1 : below;
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

Summary summarize(std::span<const double> values) {
  Summary s;
  if (values.empty()) {
    s.mean = s.standard_error = std::numeric_limits<double>::quiet_NaN();
    return s;
  }
  double sum = 0;
  for (const double v : values)
    sum += v;
  s.mean = sum / static_cast<double>(values.size());
  if (values.size() > 1) {
    double squares = 0;
    for (const double v : values)
      squares += (v - s.mean) * (v - s.mean);
    const double variance = squares / static_cast<double>(values.size() - 1);
    s.standard_error = std::sqrt(variance / static_cast<double>(values.size()));
  }
  return s;
}

}  // namespace samspel::engine
