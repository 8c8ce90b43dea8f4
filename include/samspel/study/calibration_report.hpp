// The files of a calibration: every prior draw (draws.csv) and the targets, priors, posterior,
// fitted values, check runs and provenance (calibration.json); docs/VALIDATION.md.
#pragma once

#include <string>

#include "samspel/io/scenario.hpp"
#include "samspel/study/calibration.hpp"
#include "samspel/study/plan.hpp"

namespace samspel::study {

struct CalibrationRecord {
  const io::Scenario& scenario;
  const CalibrationSettings& settings;
  const CalibrationResult& result;
  Provenance provenance;
};

// One row per draw: draw, each parameter, C1-C3 and their standard errors, distance, accepted,
// weight, and each adjusted parameter (empty unless accepted).
// The files of a calibration's output folder.
inline constexpr std::string_view kCalibrationFiles[] = {"draws.csv", "calibration.json"};

std::string draws_csv(const CalibrationResult& result);

std::string calibration_json(const CalibrationRecord& record);

// The targets against the statistics of the check runs, as a text table.
std::string calibration_table(const CalibrationResult& result);

}  // namespace samspel::study
