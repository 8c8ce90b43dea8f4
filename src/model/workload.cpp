// Process 3: workload and time allocation. Cases reaching the leadership grow as
// administrative capacity falls, so small municipalities drift into case handling ("lappa och
// laga", report p. 17). Vision time is what is left after cases, residents and fixed duties;
// the CEO's management time is what is left after steering politics, cases and vision work.
// From the time budgets follow political room and the strength of work on the whole and on
// the sectors.
#include <algorithm>

#include "samspel/model/processes.hpp"

namespace samspel::model {

namespace {

double case_share(const Context& ctx, const State& s, double pull) {
  const double surge = s.step < s.surge_until ? s.surge_size : 0.0;
  const double share = ctx.k().case_load * (1 - ctx.derived.capacity) * (0.5 + pull) *
                           (1 - ctx.strategy().delegation) +
                       surge;
  return std::clamp(share, 0.0, 0.9);
}

void allocate_politician(Actor& a, const Context& ctx, double case_time) {
  const auto& k = ctx.k();
  a.case_time = case_time;
  a.citizen_time = std::min(k.citizen_time_max * ctx.strategy().citizen_dialogue, 1 - case_time);
  const double fixed = std::min(k.fixed_duties_politician, 1 - case_time - a.citizen_time);
  a.vision_time = 1 - case_time - a.citizen_time - fixed;
  a.influence_time = 0;
  a.management_time = 0;
}

}  // namespace

void allocate_time(State& s, const Context& ctx) {
  const auto& k = ctx.k();
  const Derived& d = ctx.derived;
  const double politician_cases = case_share(ctx, s, k.case_pull);
  allocate_politician(s.actors[kKso], ctx, politician_cases);
  for (int c = 0; c < d.committees; ++c)
    allocate_politician(s.actors[chair_seat(c)], ctx, politician_cases);
  // The opposition handles no cases for the municipality.
  allocate_politician(s.actors[kOpposition], ctx, 0);

  Actor& ceo = s.actors[kCeo];
  ceo.influence_time = k.influence_time_max * k.ceo_influence_seeking;
  ceo.case_time = std::min(case_share(ctx, s, 0.0), 1 - ceo.influence_time);
  const double remaining = 1 - ceo.influence_time - ceo.case_time;
  ceo.vision_time = k.ceo_vision_share * remaining;
  ceo.management_time = remaining - ceo.vision_time;
  for (int h = 0; h < d.departments; ++h) {
    Actor& head = s.actors[head_seat(h)];
    head.influence_time = k.influence_time_max * k.head_influence_seeking;
    head.management_time = 1 - head.influence_time;
  }

  // Political room: the civil servants' share of the time spent shaping the governing ideas.
  double politician_vision = s.actors[kKso].vision_time;
  for (int c = 0; c < d.committees; ++c)
    politician_vision += s.actors[chair_seat(c)].vision_time;
  politician_vision /= 1 + d.committees;
  double head_influence = 0;
  for (int h = 0; h < d.departments; ++h)
    head_influence += s.actors[head_seat(h)].influence_time;
  const double civil_servants = ceo.influence_time + head_influence / d.departments;
  const double shaping = politician_vision + civil_servants;
  s.political_room = shaping > 0 ? politician_vision / shaping : 1.0;

  // With a head of heads the CEO carries the whole; without, committees own their sectors.
  const bool head_of_heads = ctx.strategy().ceo_heads_departments;
  const double ceo_weight = head_of_heads ? 1.0 : k.whole_view_without_head_of_heads;
  s.whole_view = 0.5 * (s.actors[kKso].vision_time + ceo_weight * ceo.vision_time);
  // A sector without a committee gets what the board can spare: the KSO's vision time shared
  // with the whole and the other board sectors. The whole keeps all of it: without committees
  // the sectors are governed as parts of the whole, and it is sector policy that suffers
  // (report p. 14).
  const double board_share = s.actors[kKso].vision_time / (1 + d.departments - d.committees);
  const double ownership = head_of_heads ? 1.0 : k.sector_ownership_gain;
  for (int h = 0; h < d.departments; ++h) {
    s.sector_strength[h] = h < d.committees
                               ? std::min(1.0, ownership * s.actors[chair_seat(h)].vision_time)
                               : board_share;
  }
}

}  // namespace samspel::model
