// A model built from parameters a test can change first, with direct access to the state so
// that one process at a time can be checked by hand.
#pragma once

#include <memory>
#include <vector>

#include "samspel/model/model.hpp"
#include "samspel/model/processes.hpp"

namespace samspel::model::testing {

class TestModel {
 public:
  // Without a spin-up, so that step 0 is the first observed month.
  explicit TestModel(Parameters params = {}, std::vector<ScriptedEvent> events = {},
                     engine::YearMonth start = {2010, 1}, int years = 16,
                     std::uint64_t replicate = 0)
      : description_(describe(without_spin_up(params), std::move(events))),
        model_(std::make_unique<Model>(description_, engine::Calendar(start, years * 12), 1,
                                       replicate)) {}

  static Parameters without_spin_up(Parameters p) {
    p.model.spin_up_years = 0;
    return p;
  }

  State& s() { return model_->state(); }
  const Context& ctx() const { return model_->context(); }
  Model& model() { return *model_; }
  const Parameters& params() const { return description_.params; }
  // Steps the whole model n months, discarding observations.
  void run_months(int n) {
    std::vector<double> row(kMetricCount);
    for (int i = 0; i < n; ++i)
      model_->step(row);
  }

 private:
  Description description_;
  std::unique_ptr<Model> model_;
};

// Parameters with every source of idea change switched off, so one mechanism can be isolated.
inline Parameters quiet_ideas(Parameters p = {}) {
  p.model.socialisation_rate = 0;
  p.model.code_learning_rate = 0;
  p.model.outside_input_rate = 0;
  p.model.citizen_input_rate = 0;
  p.model.professional_learning = 0;
  p.model.programme_renewal = 0;
  p.model.exchange_probability = 0;
  p.municipality.turbulence = 0;
  return p;
}

}  // namespace samspel::model::testing
