// March's (1991) experiments on the engine: Figure 1 (equilibrium knowledge over socialisation
// and code-learning rates), turnover and turbulence. Run r of every cell draws from (seed, r)
// alone, so cells share common random numbers and results do not depend on --threads.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "samspel/engine/statistics.hpp"
#include "samspel/march/parameters.hpp"

namespace samspel::study {

// A mean over runs with its 95% confidence interval (Student's t).
struct Estimate {
  int n = 0;
  double mean = 0;
  double standard_error = 0;
  double low = 0;
  double high = 0;
};
Estimate estimate(std::span<const double> values);

struct MarchOptions {
  int runs = 5000;
  std::uint64_t seed = 1991;
  unsigned threads = 0;
  // Called with (runs done, runs in total) from the calling thread.
  std::function<void(std::size_t, std::size_t)> progress;
};

// Figure 1: p3 = p4 = 0, every (p1, p2) run until equilibrium (march::at_equilibrium) or the
// safety horizon.
struct EquilibriumCell {
  march::Parameters parameters;
  Estimate knowledge;          // at equilibrium (or at the horizon)
  Estimate periods;            // periods to equilibrium
  int not_at_equilibrium = 0;  // runs stopped by the safety horizon
};
struct Figure1 {
  static constexpr int kHorizon = 10000;
  std::vector<double> p1{0.1, 0.5, 0.9};
  std::vector<double> p2{0.1, 0.5, 0.9};
  std::vector<EquilibriumCell> cells;  // p2-major: cell (i, j) is p2[i], p1[j]
};
Figure1 run_figure1(const MarchOptions& o);

// Turnover: p2 = 0.5, p4 = 0, knowledge of the code after kHorizon periods for every
// (p1, p3). With turnover there is no equilibrium: newcomers keep bringing new beliefs.
struct KnowledgeCell {
  march::Parameters parameters;
  Estimate knowledge;
};
struct TurnoverExperiment {
  static constexpr int kHorizon = 200;
  double p2 = 0.5;
  std::vector<double> p1{0.1, 0.5, 0.9};
  std::vector<double> p3{0, 0.01, 0.02, 0.05, 0.1, 0.2};
  std::vector<KnowledgeCell> cells;  // p1-major: cell (i, j) is p1[i], p3[j]
};
TurnoverExperiment run_turnover(const MarchOptions& o);

// Turbulence: p1 = p2 = 0.5, reality flipping with p4 = 0.02 per dimension and period; the
// code's knowledge over kHorizon periods without turnover and with moderate turnover.
struct TurbulenceSeries {
  march::Parameters parameters;
  std::vector<Estimate> knowledge;  // at period 0 .. kHorizon
};
struct TurbulenceExperiment {
  static constexpr int kHorizon = 400;
  double p1 = 0.5;
  double p2 = 0.5;
  double p4 = 0.02;
  std::vector<double> p3{0, 0.02, 0.1};
  std::vector<TurbulenceSeries> series;  // one per p3
};
TurbulenceExperiment run_turbulence(const MarchOptions& o);

}  // namespace samspel::study
