#include "samspel/study/march_experiments.hpp"

#include <stdexcept>

#include "samspel/engine/parallel.hpp"
#include "samspel/march/run.hpp"

namespace samspel::study {

namespace {

// Runs `runs` runs of every cell, all cells' runs in one pool so uneven cells balance. Run r
// of each cell uses the streams of (seed, r); `record(cell, r, result)` must write only its
// own slot.
void run_cells(
    const std::vector<march::Parameters>& cells, const march::RunSettings& settings,
    const MarchOptions& o,
    const std::function<void(std::size_t, std::size_t, const march::RunResult&)>& record) {
  if (o.runs < 2) throw std::invalid_argument("march: at least 2 runs per cell are needed");
  for (const auto& p : cells) {
    if (auto error = march::validate(p); !error.empty()) throw std::invalid_argument(error);
  }
  const auto runs = static_cast<std::size_t>(o.runs);
  const std::size_t total = cells.size() * runs;
  std::function<void(std::size_t)> progress;
  if (o.progress) progress = [&](std::size_t done) { o.progress(done, total); };
  engine::parallel_for(
      total, o.threads,
      [&](std::size_t k) {
        const std::size_t cell = k / runs;
        const std::size_t r = k % runs;
        record(cell, r, march::run(cells[cell], settings, o.seed, r));
      },
      progress);
}

}  // namespace

Estimate estimate(std::span<const double> values) {
  const engine::Summary s = engine::summarize(values);
  Estimate e{static_cast<int>(values.size()), s.mean, s.standard_error, s.mean, s.mean};
  if (e.n > 1) {
    const double half = engine::t_quantile_975(e.n - 1) * s.standard_error;
    e.low = s.mean - half;
    e.high = s.mean + half;
  }
  return e;
}

Figure1 run_figure1(const MarchOptions& o) {
  Figure1 f;
  std::vector<march::Parameters> cells;
  for (const double p2 : f.p2) {
    for (const double p1 : f.p1)
      cells.push_back({.socialisation = p1, .code_learning = p2});
  }
  const auto runs = static_cast<std::size_t>(o.runs);
  std::vector<double> knowledge(cells.size() * runs);
  std::vector<double> periods(cells.size() * runs);
  std::vector<char> equilibrium(cells.size() * runs);
  run_cells(cells, {Figure1::kHorizon, true}, o,
            [&](std::size_t cell, std::size_t r, const march::RunResult& result) {
              knowledge[cell * runs + r] = result.final_knowledge();
              periods[cell * runs + r] = result.periods;
              equilibrium[cell * runs + r] = result.equilibrium ? 1 : 0;
            });
  for (std::size_t c = 0; c < cells.size(); ++c) {
    EquilibriumCell cell{cells[c], estimate(std::span(knowledge).subspan(c * runs, runs)),
                         estimate(std::span(periods).subspan(c * runs, runs)), 0};
    for (std::size_t r = 0; r < runs; ++r)
      cell.not_at_equilibrium += equilibrium[c * runs + r] == 0 ? 1 : 0;
    f.cells.push_back(cell);
  }
  return f;
}

TurnoverExperiment run_turnover(const MarchOptions& o) {
  TurnoverExperiment t;
  std::vector<march::Parameters> cells;
  for (const double p1 : t.p1) {
    for (const double p3 : t.p3)
      cells.push_back({.socialisation = p1, .code_learning = t.p2, .turnover = p3});
  }
  const auto runs = static_cast<std::size_t>(o.runs);
  std::vector<double> knowledge(cells.size() * runs);
  run_cells(cells, {TurnoverExperiment::kHorizon, false}, o,
            [&](std::size_t cell, std::size_t r, const march::RunResult& result) {
              knowledge[cell * runs + r] = result.final_knowledge();
            });
  for (std::size_t c = 0; c < cells.size(); ++c)
    t.cells.push_back({cells[c], estimate(std::span(knowledge).subspan(c * runs, runs))});
  return t;
}

TurbulenceExperiment run_turbulence(const MarchOptions& o) {
  TurbulenceExperiment t;
  std::vector<march::Parameters> cells;
  for (const double p3 : t.p3) {
    cells.push_back(
        {.socialisation = t.p1, .code_learning = t.p2, .turnover = p3, .turbulence = t.p4});
  }
  const auto runs = static_cast<std::size_t>(o.runs);
  constexpr auto kPoints = static_cast<std::size_t>(TurbulenceExperiment::kHorizon) + 1;
  // Period-major within a cell, so each period's values are contiguous.
  std::vector<double> knowledge(cells.size() * kPoints * runs);
  run_cells(cells, {TurbulenceExperiment::kHorizon, false}, o,
            [&](std::size_t cell, std::size_t r, const march::RunResult& result) {
              for (std::size_t t = 0; t < kPoints; ++t)
                knowledge[(cell * kPoints + t) * runs + r] = result.knowledge[t];
            });
  for (std::size_t c = 0; c < cells.size(); ++c) {
    TurbulenceSeries series{cells[c], {}};
    for (std::size_t period = 0; period < kPoints; ++period) {
      series.knowledge.push_back(
          estimate(std::span(knowledge).subspan((c * kPoints + period) * runs, runs)));
    }
    t.series.push_back(std::move(series));
  }
  return t;
}

}  // namespace samspel::study
