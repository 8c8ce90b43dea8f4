#include "sensitivity_points.hpp"

#include <stdexcept>

#include "samspel/engine/sobol_indices.hpp"

namespace samspel::study {

Points::Points(const SensitivityOptions& options, int factors)
    : morris_(options.method == io::Method::morris), factors_(factors) {
  if (morris_) {
    design_ = engine::morris_design(factors, options.points, options.levels, options.seed);
    count_ = design_.points.size();
  } else {
    (void)engine::saltelli_row(factors, 0);  // refuses factors < 1 as the design would
    if (options.points < 2) throw std::invalid_argument("Sobol' needs at least 2 samples");
    count_ = static_cast<std::size_t>(options.points) * static_cast<std::size_t>(factors + 2);
  }
}

double Points::unit(std::size_t p, int f) {
  if (morris_) return design_.points.at(p - 1, f);
  const auto per_sample = static_cast<std::size_t>(factors_ + 2);
  const std::size_t sample = (p - 1) / per_sample;
  if (sample != row_sample_) {
    row_ = engine::saltelli_row(factors_, static_cast<int>(sample));
    row_sample_ = sample;
  }
  return row_.at((p - 1) % per_sample, f);
}

}  // namespace samspel::study
