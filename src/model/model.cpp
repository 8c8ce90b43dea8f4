#include "samspel/model/model.hpp"

#include "samspel/model/processes.hpp"

namespace samspel::model {

Model::Model(const Description& description, const engine::Calendar& calendar, std::uint64_t seed,
             std::uint64_t replicate)
    : calendar_(calendar.at(-description.derived.spin_up_months),
                calendar.months() + description.derived.spin_up_months),
      streams_(seed, replicate),
      context_{description.params, description.derived, calendar_, streams_, description.events} {
  initialise(state_, context_);
}

void Model::simulate_month() {
  State& s = state_;
  const Context& ctx = context_;
  apply_scripted_events(s, ctx);
  apply_turnover(s, ctx);
  drift_environment(s, ctx);
  allocate_time(s, ctx);
  handle_transgressions(s, ctx);
  hold_dialogues(s, ctx);
  develop_ideas(s, ctx);
  update_relations(s, ctx);
  update_performance(s, ctx);
  hold_elections(s, ctx);
}

void Model::step(std::span<double> row) {
  simulate_month();
  observe(state_, context_, row);
  state_.step += 1;
}

RunSummary Model::run(std::span<double> series) {
  const int spin_up = context_.derived.spin_up_months;
  // Nothing of the spin-up is observed (begin_observation clears what observation keeps), so
  // its months skip the observation process.
  for (int m = 0; m < spin_up; ++m) {
    simulate_month();
    state_.step += 1;
  }
  begin_observation(state_, context_.derived);
  const int months = context_.calendar.months() - spin_up;
  for (int m = 0; m < months; ++m) {
    step(series.subspan(static_cast<std::size_t>(m) * kMetricCount, kMetricCount));
  }
  close_trackers(state_);
  return std::move(state_.summary);
}

}  // namespace samspel::model
