// The results of March's experiments as terminal tables, CSV files and provenance
// (docs/march.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "samspel/io/results.hpp"
#include "samspel/study/march_experiments.hpp"

namespace samspel::study {

struct MarchResults {
  int runs = 0;
  std::uint64_t seed = 0;
  std::optional<Figure1> figure1;
  std::optional<TurnoverExperiment> turnover;
  std::optional<TurbulenceExperiment> turbulence;
};

std::string figure1_table(const Figure1& f);
std::string turnover_table(const TurnoverExperiment& t);
// Every `every`-th period of the series.
std::string turbulence_table(const TurbulenceExperiment& t, int every);

std::string figure1_csv(const Figure1& f);
std::string turnover_csv(const TurnoverExperiment& t);
std::string turbulence_csv(const TurbulenceExperiment& t);
std::string march_provenance_json(const MarchResults& r, const io::Provenance& p);

// Writes figure1.csv, turnover.csv and turbulence.csv (those run) and provenance.json into
// `dir`, each through a temporary file renamed into place; provenance last.
// The files write_march_directory may write (those of the experiments run, and provenance).
inline constexpr std::string_view kMarchFiles[] = {"figure1.csv", "turnover.csv", "turbulence.csv",
                                                   "provenance.json"};

void write_march_directory(const std::filesystem::path& dir, const MarchResults& r,
                           const io::Provenance& p);

}  // namespace samspel::study
