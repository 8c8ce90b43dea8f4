// The results of `samspel validate` and the files they are written to: validation.csv and
// validation.json (docs/VALIDATION.md). One row per measure of each pattern's comparisons; a
// pattern passes only when every one of its measures holds and at least one of them is
// emergent (not by construction).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "samspel/engine/statistics.hpp"
#include "samspel/io/results.hpp"
#include "samspel/io/validation_file.hpp"

namespace samspel::io {

struct MeasureOutcome {
  std::string comparison;  // the comparison's label
  ValidationMeasure measure;
  std::vector<double> means;  // per configuration, in ValidationComparison::configurations order
  // The paired effect with its 95% CI; for expect = positive, the level of the configuration
  // with the lowest mean and its CI.
  engine::PairedDifference effect;
  bool holds = false;    // at the file's parameters
  int robust_holds = 0;  // robustness points where the measure holds
  // At the file's parameters: no variance across replicates in any configuration
  // (study::no_variance), and by construction (that, or declared in the file).
  bool no_variance = false;
  bool by_construction = false;
};

struct PatternOutcome {
  std::string pattern;
  std::string claim;
  std::string file;
  std::uint64_t seed = 0;
  int replicates = 0;
  int robust_points = 0;
  int robust_replicates = 0;
  std::vector<std::string> held;  // parameters the robustness points keep at the file's value
  std::vector<MeasureOutcome> measures;
  bool holds = false;    // every measure holds at the file's parameters
  int robust_holds = 0;  // points where every measure holds
  double robust_share() const;
  bool emergent = false;  // at least one measure is not by construction
  bool pass = false;      // holds, robust_share() >= the required share, and emergent
};

struct ValidationReport {
  std::vector<PatternOutcome> patterns;
  std::optional<std::uint64_t> seed;  // --seed; none = each file's own
  double robust_spread = 0;
  double robust_required = 0;
  bool quick = false;

  bool all_pass() const;
  // Why `p` fails, in the order of the rule: "does not hold at the file's parameters",
  // "robust at 3 of 20 points (< 80%)", "no emergent measure"; empty when it passes.
  std::vector<std::string> fail_reasons(const PatternOutcome& p) const;
};

std::string validation_csv(const ValidationReport& r);
std::string validation_json(const ValidationReport& r, const Provenance& p);
// The table printed to the terminal: a line per pattern, then one per measure.
std::string validation_table(const ValidationReport& r);
// The same as a Markdown table, a row per measure: docs/VALIDATION.md's full table is this
// file, pasted, so the document's figures come from a run rather than from hand copying.
std::string validation_markdown(const ValidationReport& r);

// Writes validation.csv, validation.json and validation.md into `dir`, each atomically.
// The files write_validation_directory writes.
inline constexpr std::string_view kValidationFiles[] = {"validation.csv", "validation.json",
                                                        "validation.md"};

void write_validation_directory(const std::filesystem::path& dir, const ValidationReport& r,
                                const Provenance& p);

}  // namespace samspel::io
