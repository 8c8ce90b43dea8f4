// The state at the start of a run: the leadership has worked together long enough for
// closeness and person trust to sit at their resting levels, beliefs are partly socialised to
// the governing ideas, and every pair meets (a role dialogue under at_start or recurring) in
// the first month.
#include <cmath>

#include "samspel/model/processes.hpp"

namespace samspel::model {

namespace {

void activate_relations(State& s, const Context& ctx) {
  const Derived& d = ctx.derived;
  auto set = [&](int index, int first, int second, bool cross_side) {
    Relation& r = s.relations[index];
    r.active = true;
    r.first = first;
    r.second = second;
    r.cross_side = cross_side;
  };
  set(kKsoCeo, kKso, kCeo, true);
  set(kKsoOpposition, kKso, kOpposition, false);
  for (int k = 0; k < d.departments; ++k) {
    set(politician_head_pair(k), politician_of_sector(k, d), head_seat(k), true);
    set(ceo_head_pair(k), kCeo, head_seat(k), false);
  }
  const auto& k = ctx.k();
  const double closeness =
      k.closeness_work + (1 - k.closeness_work) * ctx.strategy().private_socializing;
  for (const int i : working_relations(d)) {
    Relation& r = s.relations[i];
    r.closeness = closeness;
    // Time budgets are not yet set, so the pair starts from the trust its role trust holds,
    // lifted by chemistry; the spin-up moves both to what conduct earns.
    r.person_trust =
        k.role_trust_initial + (1 - k.role_trust_initial) * k.closeness_trust * closeness;
    r.role_trust = k.role_trust_initial;
    r.openness = 1;
    r.last_talk = 0;
    r.forming = true;
    if (r.cross_side && ctx.strategy().foundation == Foundation::roles) {
      r.agreement = Agreement{true, false, k.written_clarity, k.written_clarity, k.rho_standard, 0};
    }
  }
}

}  // namespace

void initialise(State& s, const Context& ctx) {
  const Derived& d = ctx.derived;
  const auto& k = ctx.k();
  engine::Rng& rng = ctx.rng(Stream::initialisation);
  s.environment = random_positions(d.all_dims, rng);
  s.code = {d.all_dims, s.environment.value ^ rng.bernoulli_mask(d.dimensions, 1 - k.initial_fit)};
  s.ruling = ctx.params.municipality.ruling_bloc;
  s.terms_in_power = ctx.params.municipality.terms_in_power;
  const int ruling = static_cast<int>(s.ruling);
  s.programmes[ruling] = s.code;
  s.programmes[1 - ruling] = {
      d.all_dims, s.environment.value ^ rng.bernoulli_mask(d.dimensions, 1 - k.initial_fit)};
  s.satisfaction = ctx.params.municipality.satisfaction;
  s.satisfaction_history.fill(s.satisfaction);

  auto seat = [&](int index) {
    Actor& a = s.actors[index];
    a.person = 1;
    // The incumbents have held their seats long enough to know the job (past induction, process 3).
    a.tenure = static_cast<int>(std::ceil(k.induction_months));
    a.role_conception = k.rho_standard;
    a.beliefs = newcomer_beliefs(s, ctx, index, rng);
    adopt(a.beliefs, s.code,
          d.all_dims & rng.bernoulli_mask(d.dimensions, k.initial_socialisation));
  };
  seat(kKso);
  seat(kOpposition);
  seat(kCeo);
  for (int c = 0; c < d.committees; ++c)
    seat(chair_seat(c));
  for (int h = 0; h < d.departments; ++h)
    seat(head_seat(h));
  activate_relations(s, ctx);
}

}  // namespace samspel::model
