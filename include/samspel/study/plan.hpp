// Study plans: the configurations of a comparison, a sweep or a population, each as a full
// scenario, and the description that identifies the study in its results store.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "samspel/io/population.hpp"
#include "samspel/io/store.hpp"
#include "samspel/io/sweep.hpp"
#include "samspel/io/variants.hpp"

namespace samspel::study {

struct StudyPlan {
  io::StudyDescription description;
  // Configuration i's scenario, made when asked for.
  std::function<io::Scenario(std::size_t)> scenario;

  std::size_t size() const { return description.configuration_count; }
};

struct Provenance {
  std::string samspel_version;
  std::string git_revision;
  std::string command_line;
};

// Every dictionary key of `s`, resolved, and its events, as JSON: what the identity of a study
// (or a sensitivity analysis) holds of its base scenario.
std::string parameters_json(const io::Scenario& s);

StudyPlan plan_comparison(const std::vector<io::Variant>& variants, bool keep_series,
                          const Provenance& p);

enum class Design { grid, lhs };

// Grid: `points` levels per axis; Latin hypercube: `points` points drawn with the study seed.
StudyPlan plan_sweep(const io::Scenario& base, const std::vector<io::SweepAxis>& axes,
                     Design design, int points, bool keep_series, const Provenance& p);

StudyPlan plan_population(const io::Scenario& base, const io::Population& population,
                          bool keep_series, const Provenance& p);

}  // namespace samspel::study
