// The points of a sensitivity analysis (docs/sensitivity.md): point 0 is the base scenario
// itself, point p > 0 is row p - 1 of the Morris or Saltelli design. Internal to study/.
#pragma once

#include <cstddef>

#include "samspel/engine/design.hpp"
#include "samspel/engine/morris.hpp"
#include "samspel/study/sensitivity.hpp"

namespace samspel::study {

// A Sobol' design is made row by row (engine::saltelli_row), so it is never held whole; a Morris
// design is (k numbers a point), for its indices need its trajectories.
class Points {
 public:
  // Throws std::invalid_argument for fewer than one factor or (Sobol') two samples.
  Points(const SensitivityOptions& options, int factors);

  std::size_t design_points() const { return count_; }
  const engine::MorrisDesign& morris() const { return design_; }

  // Unit coordinate of factor f at design point p > 0.
  double unit(std::size_t p, int f);

 private:
  bool morris_;
  int factors_;
  engine::MorrisDesign design_;
  std::size_t count_ = 0;
  engine::UnitDesign row_;
  std::size_t row_sample_ = static_cast<std::size_t>(-1);
};

}  // namespace samspel::study
