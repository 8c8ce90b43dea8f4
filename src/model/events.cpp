// Process 1a: the events a scenario scripts at dates.
#include "samspel/model/processes.hpp"

namespace samspel::model {

void apply_scripted_events(State& s, const Context& ctx) {
  for (const ScriptedEvent& e : ctx.events) {
    if (e.step != observed_step(s, ctx.derived)) continue;
    switch (e.type) {
      case EventType::majority_shift:
        shift_majority(s, ctx);
        break;
      case EventType::ceo_leaves:
        replace_ceo(s, ctx, ExitReason::other);
        break;
      case EventType::kso_leaves:
        replace_kso(s, ctx, ExitReason::other);
        break;
      case EventType::case_surge:
        s.surge_until = s.step + e.months;
        s.surge_size = e.size;
        break;
      case EventType::environment_shock:
        s.environment.value ^=
            ctx.derived.all_dims &
            ctx.rng(Stream::events).bernoulli_mask(ctx.derived.dimensions, e.size);
        break;
    }
  }
}

}  // namespace samspel::model
