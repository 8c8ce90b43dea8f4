// Process 3: workload and time allocation. Individual cases from residents and employees
// arrive every month, a Poisson count in proportion to the population. The administration
// settles what its capacity allows: capacity grows with administrative capacity A and falls
// while a new kommunchef or department head learns the job. What it cannot settle reaches the
// leadership unless delegation keeps it in the administration, and politicians with case pull
// also take up cases the administration settled, the more the less they trust it. So the
// large municipality's robust administration keeps cases from its leadership while small ones
// drift into case handling ("lappa och laga", report p. 17). Vision time is what is left after
// cases, residents and fixed duties; the CEO's management time is what is left after steering
// politics, cases and vision work. From the time budgets follow political room and the
// strength of work on the whole and on the sectors.
#include <algorithm>

#include "samspel/model/processes.hpp"

namespace samspel::model {

namespace {

// Cases (in usual months' arrivals) as a share of a leader's time, after delegation.
double case_share(const Context& ctx, double cases) {
  return std::clamp(ctx.k().case_load * (1 - ctx.strategy().delegation) * cases, 0.0, 0.9);
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

// The kommunchef and each head carry an equal part of the administration's capacity; a
// newcomer's part grows linearly from nothing over induction_months (tenure is 0 in the month
// it takes the seat).
double administration_readiness(const State& s, const Context& ctx) {
  const double induction = ctx.k().induction_months;
  if (induction <= 0) return 1.0;
  auto ready = [&](int seat) { return std::min(1.0, s.actors[seat].tenure / induction); };
  double sum = ready(kCeo);
  for (int h = 0; h < ctx.derived.departments; ++h)
    sum += ready(head_seat(h));
  return sum / (1 + ctx.derived.departments);
}

// Arrivals ~ Poisson(usual * (1 + surge)); the administration settles at most A * readiness *
// usual of them. What it cannot settle and delegation keeps below waits there, and costs the
// leadership no time; it is not carried into the next month as a stock, since with A < 1 the
// usual month brings more than the administration settles and a stock would grow without end.
MonthCases arriving_cases(const State& s, const Context& ctx) {
  const double usual = ctx.k().case_rate * ctx.params.municipality.population / 1000.0;
  const double surge = s.step < s.surge_until ? s.surge_size : 0.0;
  const int arrivals = ctx.rng(Stream::workload).poisson(usual * (1 + surge));
  const double capacity = ctx.derived.capacity * administration_readiness(s, ctx) * usual;
  const double settled = std::min(static_cast<double>(arrivals), capacity);
  return {arrivals, settled / usual, (arrivals - settled) / usual};
}

void allocate_time(State& s, const Context& ctx) {
  const auto& k = ctx.k();
  const Derived& d = ctx.derived;
  // Politicians with pull q take more than their half of what reaches the leadership and also
  // take up settled cases, those they do not trust the administration to have handled. Report
  // p. 17 ties the politicians' case handling to lacking internal trust, in the direction pull
  // -> distrust; the model has that direction through transgressions (process 4: case time
  // breeds transgressions, lock-ins cost trust) and here the other, so the two feed each other
  // as the report describes them together.
  const MonthCases cases = arriving_cases(s, ctx);
  const double q = k.case_pull;
  const double distrust = 1 - mean_cross_side_trust(s, ctx);
  const double politician_cases =
      case_share(ctx, (0.5 + q) * cases.unsettled + q * distrust * cases.settled);
  allocate_politician(s.actors[kKso], ctx, politician_cases);
  for (int c = 0; c < d.committees; ++c)
    allocate_politician(s.actors[chair_seat(c)], ctx, politician_cases);
  // The opposition handles no cases for the municipality.
  allocate_politician(s.actors[kOpposition], ctx, 0);

  Actor& ceo = s.actors[kCeo];
  ceo.influence_time = k.influence_time_max * k.ceo_influence_seeking;
  // A weak administration pulls its chief into cases: half of what reaches the leadership.
  ceo.case_time = std::min(case_share(ctx, 0.5 * cases.unsettled), 1 - ceo.influence_time);
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
