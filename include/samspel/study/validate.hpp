// Runs the comparisons of validation files (io/validation_file.hpp) with common random numbers
// at the file's parameters and at random points around them, and judges each pattern
// (docs/VALIDATION.md). Replicate i of every configuration at every point draws from the
// streams of (seed, i), so the paired differences come from the mechanisms, and results do not
// depend on the thread count.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "samspel/engine/statistics.hpp"
#include "samspel/io/validation_file.hpp"
#include "samspel/io/validation_report.hpp"

namespace samspel::study {

struct ValidateOptions {
  int replicates = 200;  // per configuration at the file's parameters
  int robust_points = 20;
  int robust_replicates = 50;  // per configuration at each robustness point
  std::uint64_t seed = 1;
  unsigned threads = 0;
  double robust_spread = 0.25;   // each continuous parameter times U(1 - s, 1 + s)
  double robust_required = 0.8;  // share of points at which the pattern must hold
  // (runs done, runs in the pattern), from the calling thread.
  std::function<void(std::size_t, std::size_t)> progress;
};

// The stream of stream_seed(seed, point, kRobustStream) that draws robustness point `point`:
// "robust" in ASCII, far above any per-replicate stream index.
inline constexpr std::uint64_t kRobustStream = 0x72'6f'62'75'73'74ULL;

// Robustness point `point`: every real parameter with a value multiplied by an independent
// U(1 - spread, 1 + spread) and clamped to its dictionary range. Integer, boolean and choice
// parameters keep their values.
io::Scenario perturb(const io::Scenario& base, std::uint64_t seed, int point, double spread);
// `point` with the parameters named in `keys` (ValidationSpec::held) set back to their values in
// `base`.
io::Scenario hold(io::Scenario point, const io::Scenario& base,
                  const std::vector<std::string>& keys);

// The decision rule for one measure. `values[k][i]` is the measure in replicate i of
// configuration k (ValidationComparison::configurations order); NaN where undefined.
struct Verdict {
  engine::PairedDifference effect;
  bool holds = false;
  // No variance across replicates: in every configuration at least two values are defined and
  // all of them are equal (no_variance()). The measure then shows how the model was written,
  // not that the pattern comes out.
  bool no_variance = false;
  // By construction: no variance, or declared so in the file (ValidationMeasure).
  bool by_construction = false;
};
// Whether every configuration has at least two defined values, all equal up to a relative
// 1e-12 (the rounding of one value computed along different paths, far below any variation
// the simulation makes). With fewer than two defined values in a configuration nothing can be
// told, and the measure cannot hold there anyway.
bool no_variance(const std::vector<std::vector<double>>& values);
Verdict judge(const io::ValidationMeasure& m, bool difference_in_differences,
              const std::vector<std::vector<double>>& values);

io::PatternOutcome validate_pattern(const io::ValidationSpec& spec, const std::string& file,
                                    const ValidateOptions& options);

}  // namespace samspel::study
