// Model: one simulated municipality over the months of a calendar (Mesa's vocabulary).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "samspel/model/context.hpp"

namespace samspel::model {

class Model {
 public:
  // `description` must outlive the model; it is shared by all replicates.
  Model(const Description& description, const engine::Calendar& calendar, std::uint64_t seed,
        std::uint64_t replicate);
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  // Runs the ten monthly processes and writes this month's metrics into `row`
  // (kMetricCount values).
  void step(std::span<double> row);
  // Runs the spin-up (model.spin_up_years, unobserved), then every month of the calendar;
  // `series` receives months x kMetricCount values for the observed months.
  RunSummary run(std::span<double> series);

  const State& state() const { return state_; }
  State& state() { return state_; }
  const Context& context() const { return context_; }

 private:
  // Processes 1-9 of a month; observation (process 10) is left to the caller.
  void simulate_month();

  engine::Calendar calendar_;
  engine::Streams<Stream> streams_;
  Context context_;
  State state_;
};

}  // namespace samspel::model
