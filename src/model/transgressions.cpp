// Process 4: role transgressions (mandatöverskridanden, report p. 13). Each side acts in the
// other's sphere at a rate that grows with its drivers (a politician's case time, a civil
// servant's influence seeking) and with the gap between how far it thinks its role reaches and
// what the other accepts. An event is handled with probability T * (1/2 + understanding/2):
// handled, it enriches (trust, and perhaps an exchanged belief); not handled, it becomes a
// lock-in.
#include <algorithm>
#include <cmath>

#include "samspel/model/processes.hpp"

namespace samspel::model {

namespace {

// What `other` accepts of an actor's reach: its own role conception, widened, as far as the
// agreement is clear, to the agreed boundary. An agreement tells a newcomer what the other side
// may do; it never makes an incumbent object to what it has itself grown used to.
double accepted_reach(const Relation& r, const Actor& other) {
  const Agreement& a = r.agreement;
  const double own = other.role_conception;
  return std::max(own, a.clarity * a.boundary + (1 - a.clarity) * own);
}

void exchange_belief(Actor& a, Actor& b, const Context& ctx, engine::Rng& rng) {
  const Mask differ = disagreement(a.beliefs, b.beliefs, ctx.derived.all_dims);
  if (differ == 0) return;
  const Mask dim = Mask{1} << static_cast<unsigned>(random_bit(differ, rng));
  // One who has no position takes the other's; between two positions either may give way.
  const bool a_has = (a.beliefs.known & dim) != 0;
  const bool b_has = (b.beliefs.known & dim) != 0;
  const bool a_takes = a_has && b_has ? rng.bernoulli(0.5) : b_has;
  if (a_takes) {
    adopt(a.beliefs, b.beliefs, dim);
  } else {
    adopt(b.beliefs, a.beliefs, dim);
  }
}

// Trust gained in handling a transgression belongs to the roles as far as the pair has talked
// them through (report p. 13, 20: trust between people as holders of roles the two have
// discussed survives a change of person); the rest is trust between these two people.
void earn_trust(Relation& r, double gain) {
  const double to_roles = r.agreement.enacted ? r.agreement.clarity : 0.0;
  r.role_trust = std::min(1.0, r.role_trust + gain * to_roles);
  r.person_trust = std::min(1.0, r.person_trust + gain * (1 - to_roles));
}

void resolve(State& s, Relation& r, int events, const Context& ctx, engine::Rng& rng) {
  if (events == 0) return;
  const auto& k = ctx.k();
  for (int e = 0; e < events; ++e) {
    const double comm =
        communication_factor(ctx.derived, s.step - r.last_talk, k.communication_horizon);
    // A pair that skips talk because it knows where it has the other ("vet var vi har
    // varandra", report p. 26) handles a transgression between the two on that knowledge:
    // closeness stands in for talk as far as it replaces it.
    const double sigma = substitution(r.closeness, ctx);
    const double understanding = comm + (1 - comm) * sigma;
    const double handled_p = effective_trust(r, ctx) * (0.5 + 0.5 * understanding);
    r.transgressions += 1;
    if (rng.bernoulli(handled_p)) {
      r.handled += 1;
      earn_trust(r, k.handled_trust_gain);
      r.last_talk = s.step;
      if (rng.bernoulli(k.exchange_probability)) {
        exchange_belief(s.actors[r.first], s.actors[r.second], ctx, rng);
      }
    } else {
      r.locked += 1;
      r.lockins += 1;
      r.person_trust = std::max(0.0, r.person_trust - k.lockin_trust_loss);
      r.role_trust = std::max(0.0, r.role_trust - ctx.derived.role_weight * k.lockin_trust_loss);
    }
  }
}

}  // namespace

void handle_transgressions(State& s, const Context& ctx) {
  const auto& k = ctx.k();
  engine::Rng& rng = ctx.rng(Stream::transgressions);
  // Only politician-civil servant pairs transgress; the other slots' counts stay zero.
  for (const int i : cross_side_relations(ctx.derived)) {
    Relation& r = s.relations[i];
    r.transgressions = r.handled = r.locked = 0;
    const Actor& politician = s.actors[r.first];
    const Actor& civil_servant = s.actors[r.second];
    const double seeking = civil_servant.influence_time / std::max(k.influence_time_max, 1e-9);
    const double politician_gap =
        std::max(0.0, politician.role_conception - accepted_reach(r, civil_servant));
    const double civil_servant_gap =
        std::max(0.0, civil_servant.role_conception - accepted_reach(r, politician));
    const double rate =
        (k.transgression_base_rate + k.transgression_rate_politician * politician.case_time) *
            (1 + k.gap_sensitivity * politician_gap) +
        (k.transgression_base_rate + k.transgression_rate_civil_servant * seeking) *
            (1 + k.gap_sensitivity * civil_servant_gap);
    resolve(s, r, rng.poisson(rate), ctx, rng);
  }
}

}  // namespace samspel::model
