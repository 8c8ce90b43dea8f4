// Validation files (validation/*.toml): a scenario plus a [validation] section that states one
// pattern of docs/patterns.md as comparisons of configurations with expected signs. Parsing is as
// strict as for scenarios: one-line errors naming file:line:column, the key and what is
// allowed. The format is documented in docs/VALIDATION.md.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "samspel/io/scenario.hpp"

namespace samspel::io {

// What a measure's paired effect (treatment - reference) is expected to do.
enum class Expectation {
  increase,  // 95% CI above zero, mean at least min_effect
  decrease,  // 95% CI below zero, mean at most -min_effect
  equal,     // 95% CI inside [-margin, margin]
  positive,  // the level in every configuration has its 95% CI above zero
  no_less,   // non-inferiority: 95% CI lower bound >= -margin (not lower by more than margin)
  no_more,   // 95% CI upper bound <= +margin (not higher by more than margin)
};
inline constexpr std::string_view kExpectationNames[] = {"increase", "decrease", "equal",
                                                         "positive", "no_less",  "no_more"};

// Expectations that need a margin (and take no min_effect).
constexpr bool takes_margin(Expectation e) {
  return e == Expectation::equal || e == Expectation::no_less || e == Expectation::no_more;
}

struct ValidationMeasure {
  std::string name;       // a run measure (analysis/run_measures.hpp)
  std::size_t index = 0;  // in run_measure_info(); for a window, the metric's index
  Expectation expect = Expectation::increase;
  double min_effect = 0;  // increase, decrease
  double margin = 0;      // equal, no_less, no_more
  // Declared in the file: the measure follows from the lever with no process in between (e.g.
  // a formula of the lever and a random case flow), so it is reported as by construction even
  // though it varies. A measure without variance is found to be by construction regardless.
  bool by_construction = false;
  // Observed years, 1-based and inclusive; 0 = no window (the measure over the whole run).
  // Only "mean_<metric>" measures take a window.
  int from_year = 0;
  int to_year = 0;

  bool windowed() const { return from_year > 0; }
  // "mean_fit_ideas", "mean_fit_ideas (years 9-16)".
  std::string label() const;
};

// Configurations compared with common random numbers. Each side is a list of assignments
// (key=value, as for --set) applied to the file's scenario. With `from`/`to` the comparison
// is a difference in differences: the effect is (treatment - reference) under `to` minus
// (treatment - reference) under `from`, replicate by replicate.
struct ValidationComparison {
  std::string label;
  std::vector<std::string> reference;
  std::vector<std::string> treatment;
  std::vector<std::string> from;
  std::vector<std::string> to;
  std::vector<ValidationMeasure> measures;

  bool difference_in_differences() const { return !from.empty() || !to.empty(); }
  // The configurations in run order: reference, treatment (under `from`), then reference,
  // treatment under `to` for a difference in differences.
  std::vector<std::vector<std::string>> configurations() const;
};

struct ValidationSpec {
  std::string pattern;  // "F1"
  std::string claim;    // the pattern in words
  Scenario scenario;
  std::vector<ValidationComparison> comparisons;
  // Real parameters the robustness points keep at the file's value: the conditions that define
  // the situation the claim is about (F4b's ideas that fit at the start), not constants of the
  // model. Each is named and justified in the file.
  std::vector<std::string> held;
};

ValidationSpec parse_validation(std::string_view text, std::string_view source_name);
ValidationSpec load_validation(const std::filesystem::path& path);
// Whether the file at `path` states a pattern: its TOML has a top-level [validation] table. A
// file that cannot be read or parsed as TOML is not one: the scenario parser then names its
// fault, which is the same for both.
bool is_validation_file(const std::filesystem::path& path);

// The scenario of one configuration: `base` with `assignments` applied and validated.
Scenario configure(const Scenario& base, const std::vector<std::string>& assignments);

}  // namespace samspel::io
