// The results of `samspel sensitivity` and the files they are written to: sensitivity.csv and
// sensitivity.json (docs/sensitivity.md). One row per output and factor.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "samspel/engine/morris.hpp"
#include "samspel/engine/sign_flips.hpp"
#include "samspel/engine/sobol_indices.hpp"
#include "samspel/io/results.hpp"

namespace samspel::io {

// One real parameter varied over [low, high], uniformly or (log) uniformly in its logarithm.
struct Factor {
  std::string key;
  double low = 0;
  double high = 0;
  bool log = false;

  double at(double unit) const;  // the value at a point u in [0, 1]
};

// "model.case_pull=0.1:0.4" or "...=0.01:1:log", checked against the dictionary: a real
// parameter, low < high inside its range, both > 0 for log. Throws ScenarioError.
Factor parse_factor(std::string_view text);

enum class Method { morris, sobol };

// One output of the analysis: a run measure of a scenario, or one measure's paired effect in a
// pattern's comparison.
struct SensitivityOutput {
  std::string name;       // "mean_fit_ideas", or "F4b: <comparison>: mean_fit_ideas"
  double base_value = 0;  // at the scenario's or file's own values
  // Replicate noise: the mean over points of the variance of a point's value (s^2 / R, or of
  // the mean paired effect) over the variance of the point values across the design.
  double noise_share = 0;
  int opposite_sign = 0;  // design points whose value has the sign opposite to base_value
  // Design points without a value (fewer than two replicates had one: no replicate had the
  // event a measure needs, say). An output with any has no indices (NaN): a point cannot enter
  // them as a number it does not have.
  std::size_t undefined_points = 0;
  // Where the design points of opposite sign lie in each factor's range: the parameters and
  // ranges that would overturn a pattern (engine/sign_flips.hpp). Empty when read back from a
  // store, which keeps the points, not this summary of them.
  engine::SignFlips reversals;
  std::vector<engine::MorrisIndex> morris;  // per factor
  std::vector<engine::SobolIndex> sobol;    // per factor
};

// Above this noise share the indices describe replicate noise more than the parameters.
inline constexpr double kNoiseWarning = 0.2;

struct SensitivityResult {
  Method method = Method::morris;
  std::string scenario;  // the file analysed
  std::uint64_t seed = 0;
  int points = 0;  // trajectories or base samples
  int replicates = 0;
  std::vector<Factor> factors;
  std::vector<SensitivityOutput> outputs;
  std::size_t design_points = 0;
  std::size_t runs = 0;
  std::size_t resumed_runs = 0;  // of `runs`, those whose points a store already held
};

std::string sensitivity_csv(const SensitivityResult& r);
std::string sensitivity_json(const SensitivityResult& r, const Provenance& p);
// The terminal summary: per output, the factors ranked by mu* (Morris) or ST (Sobol'), the
// first `top` of them, with the noise warning where it applies.
std::string sensitivity_table(const SensitivityResult& r, int top);
// The files write_sensitivity_directory writes.
inline constexpr std::string_view kSensitivityFiles[] = {"sensitivity.csv", "sensitivity.json"};

void write_sensitivity_directory(const std::filesystem::path& dir, const SensitivityResult& r,
                                 const Provenance& p);

}  // namespace samspel::io
