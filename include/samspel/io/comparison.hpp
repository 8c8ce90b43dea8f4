// The results of a comparison of variants and the files they are written to (docs/outputs.md):
// compare.csv and provenance.json.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "samspel/io/results.hpp"
#include "samspel/io/variants.hpp"

namespace samspel::io {

struct Comparison {
  std::vector<std::string> labels;
  int replicates = 0;
  std::size_t measures = 0;  // run_measure_info().size()
  // values[(variant * replicates + replicate) * measures + measure]
  std::vector<double> values;

  // Measure m of every replicate of one variant.
  std::vector<double> column(std::size_t variant, std::size_t m) const;
};

// One row per variant and measure: n, mean, and the paired difference to variant 0 with its
// 95% confidence interval.
std::string comparison_csv(const Comparison& c);

// The table printed to the terminal: the measures named in `shown` (all when empty).
std::string comparison_table(const Comparison& c, const std::vector<std::string>& shown);

// The measures printed unless --all is given.
const std::vector<std::string>& headline_measures();

// The files of a comparison's directory.
inline constexpr std::string_view kComparisonFiles[] = {"compare.csv", "provenance.json"};
void write_comparison_directory(const std::filesystem::path& dir, const Comparison& c,
                                const std::vector<Variant>& variants, const Provenance& p);

}  // namespace samspel::io
