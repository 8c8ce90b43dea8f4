// Process 8: service performance, the whole against its parts, and citizen satisfaction.
// Performance follows administrative capacity, the CEO's management time and the trust between
// politicians and civil servants, and suffers when politicians handle cases themselves (report
// p. 17). Where regulation is strong and heads lean toward their professions, pushes for the
// whole meet sector logic: holistic conflicts that cost the heads' relations trust (report
// p. 12, 14). Satisfaction follows fit, performance and accessibility (docs/MODEL.md).
#include <algorithm>
#include <array>

#include "samspel/engine/thinning.hpp"
#include "samspel/model/processes.hpp"

namespace samspel::model {

namespace {

double majority_mean(const State& s, const Context& ctx, double Actor::*field) {
  double sum = s.actors[kKso].*field;
  for (int c = 0; c < ctx.derived.committees; ++c)
    sum += s.actors[chair_seat(c)].*field;
  return sum / (1 + ctx.derived.committees);
}

// Each head meets Poisson(rate) conflicts a month, independently.
void holistic_conflicts(State& s, const Context& ctx) {
  const auto& k = ctx.k();
  const double rate = k.holistic_conflict_rate * ctx.params.municipality.regulation *
                      k.professional_orientation * s.whole_view;
  const int departments = ctx.derived.departments;
  std::array<int, kMaxDepartments> conflicts{};
  s.holistic_conflicts = engine::independent_poisson(
      ctx.rng(Stream::performance), rate, departments, [&](int h) { conflicts[h] += 1; });
  for (int h = 0; h < departments && s.holistic_conflicts > 0; ++h) {
    if (conflicts[h] == 0) continue;
    for (const int pair : {politician_head_pair(h), ceo_head_pair(h)}) {
      Relation& r = s.relations[pair];
      r.person_trust = std::max(0.0, r.person_trust - conflicts[h] * k.holistic_trust_loss);
    }
  }
}

}  // namespace

void update_performance(State& s, const Context& ctx) {
  const auto& k = ctx.k();
  const double target =
      clamp01(k.performance_capacity * ctx.derived.capacity +
              k.performance_management * s.actors[kCeo].management_time +
              k.performance_trust * mean_cross_side_trust(s, ctx) -
              k.performance_case_intrusion * majority_mean(s, ctx, &Actor::case_time));
  // The run starts with performance at rest.
  s.performance =
      s.step == 0 ? target : s.performance + (target - s.performance) / k.performance_relaxation;

  holistic_conflicts(s, ctx);

  const double accessibility =
      k.citizen_time_max > 0 ? majority_mean(s, ctx, &Actor::citizen_time) / k.citizen_time_max : 0;
  const double delivered =
      k.satisfaction_fit_weight * fit(s.code, s.environment, ctx.derived.all_dims) +
      k.satisfaction_performance_weight * s.performance +
      k.satisfaction_access_weight * accessibility;
  s.satisfaction = clamp01(s.satisfaction + k.satisfaction_rate * (delivered - s.satisfaction));
  s.satisfaction_history[static_cast<std::size_t>(s.step) % s.satisfaction_history.size()] =
      s.satisfaction;
}

}  // namespace samspel::model
