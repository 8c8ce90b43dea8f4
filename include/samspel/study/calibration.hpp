// Calibration of the free parameters of CEO turnover and elections to Swedish statistics C1-C3
// (docs/patterns.md) over a population of municipalities, by ABC rejection with regression
// adjustment (engine/abc.hpp). docs/VALIDATION.md gives the targets, the parameters and why they
// are the free ones, and the results.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "samspel/engine/abc.hpp"
#include "samspel/io/population.hpp"
#include "samspel/io/scenario.hpp"
#include "samspel/model/observation.hpp"

namespace samspel::study {

inline constexpr std::size_t kCalibrationTargets = 3;

// C1 CEOs leaving per year, C2 share of elections that change the majority, C3 share of CEO
// exits over cooperation (docs/patterns.md), as intervals.
std::span<const engine::AbcTarget> calibration_targets();

// The three statistics of a set of runs, as the population summary of the results store
// computes them (mean of CEO changes per year over runs; pooled shares), with the standard
// error of each over runs (the pooled shares by the delta method for a ratio of sums).
struct CalibrationStatistics {
  std::array<double, kCalibrationTargets> value{};
  std::array<double, kCalibrationTargets> standard_error{};
  std::size_t runs = 0;
};

// The counts of one run that C1-C3 need.
struct TurnoverCounts {
  int ceo_changes = 0;
  int ceo_exits_cooperation = 0;
  int election_shifts = 0;
  int elections = 0;
};
TurnoverCounts turnover_counts(const model::RunSummary& summary);

CalibrationStatistics calibration_statistics(std::span<const TurnoverCounts> runs, double years);

// A calibrated parameter with its uniform prior [low, high].
struct CalibrationParameter {
  std::string key;
  double low = 0;
  double high = 0;
};

// model.ceo_base_hazard, model.ceo_lockin_hazard, model.ceo_distrust_hazard and
// model.election_intercept, with the priors docs/VALIDATION.md justifies.
std::vector<CalibrationParameter> default_calibration_parameters();

// Parses "key=lo:hi" (a Real parameter of the dictionary, lo < hi within its range). Throws
// io::ScenarioError with one line naming the specification.
CalibrationParameter parse_calibration_parameter(const std::string& spec);

struct CalibrationSettings {
  int draws = 300;               // prior draws (Latin hypercube)
  double accept_fraction = 0.1;  // share of draws accepted
  int replicates = 4;            // replicates per municipality and draw
  int check_replicates = 20;     // replicates per municipality of the final check runs
  unsigned threads = 0;
  // (runs done, runs in total), from the calling thread.
  std::function<void(std::size_t, std::size_t)> progress;
};

struct CalibrationDraw {
  std::vector<double> theta;
  CalibrationStatistics statistics;
  double distance = 0;
  bool accepted = false;
  double weight = 0;             // Epanechnikov weight when accepted
  std::vector<double> adjusted;  // regression-adjusted theta when accepted
};

struct CalibrationResult {
  std::vector<CalibrationParameter> parameters;
  std::uint64_t draw_seed = 0;  // the study seed of the draws' runs
  std::vector<CalibrationDraw> draws;
  std::vector<engine::WeightedSummary> posterior;  // of the adjusted accepted draws
  std::vector<double> fitted;                      // posterior means
  std::vector<double> base_values;                 // the parameters' values in the base scenario
  CalibrationStatistics at_base;                   // check runs with the base values
  CalibrationStatistics at_fitted;                 // check runs with the fitted values
  double years = 0;
  std::size_t municipalities = 0;
};

// The stream of stream_seed(seed, 0, stream) that seeds the draws' runs ("calib" in ASCII), so
// the check runs (seeded by the scenario's seed) are independent of the runs the draws were
// accepted on.
inline constexpr std::uint64_t kCalibrationStream = 0x63'61'6c'69'62ULL;
// Municipality m's runs use the model seed of a population study's municipality m
// (study::run_seed), so the check runs are those of `samspel run` on the same scenario.

// Every draw uses the same seeds (common random numbers), so differences between draws are the
// parameters', not noise; municipalities have independent streams. Deterministic for any
// thread count.
CalibrationResult calibrate(const io::Scenario& base, const io::Population& population,
                            const std::vector<CalibrationParameter>& parameters,
                            const CalibrationSettings& settings);

}  // namespace samspel::study
