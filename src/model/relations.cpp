// Process 7: trust, closeness and roles. Closeness approaches a level set by working together
// and private socialising. Trust is earned by conduct (report p. 20): role trust, trust in the
// holders as holders of their roles, follows how the two perform their roles; person trust
// follows the same conduct, lifted by closeness (chemistry, p. 19). Lock-ins fade. An agreement
// loses the clarity a dialogue gave it and, once talked through, hardens until it is talked
// through again (p. 27). Roles grow together only where the report saw it, between a KSO and a
// kommunchef who are long and too close (p. 14). A newcomer meets the order its longer-serving
// counterpart carries and adapts to it (p. 20-21, 24); a role dialogue states that order at
// once, without one it is picked up month by month.
#include <algorithm>
#include <array>
#include <cmath>

#include "samspel/model/conduct.hpp"
#include "samspel/model/processes.hpp"

namespace samspel::model {

namespace {

void update_trust_and_closeness(State& s, Relation& r, double closeness_level, const Context& ctx) {
  const auto& k = ctx.k();
  r.months_together += 1;
  r.closeness += (closeness_level - r.closeness) / k.closeness_time;
  const double earned = pair_conduct(s, r);
  const double chemistry = earned + (1 - earned) * k.closeness_trust * r.closeness;
  r.person_trust += (chemistry - r.person_trust) / k.trust_relaxation;
  r.role_trust += (earned - r.role_trust) / k.role_trust_relaxation;
  r.lockins *= ctx.derived.lockin_keep;
  Agreement& g = r.agreement;
  if (g.exists && g.last_renewal != s.step) {
    // Paper stays: written descriptions keep their own clarity. What was talked through once
    // hardens into a rigid enactment closed to ideas from outside (report p. 27).
    g.clarity = g.written_clarity + (g.clarity - g.written_clarity) * ctx.derived.clarity_keep;
    if (g.enacted) r.openness *= ctx.derived.openness_keep;
  }
}

// Both role conceptions reach further into the other's sphere the closer the two are; the
// square makes working contact alone merge roles slowly and private closeness much faster, and
// what merges accumulates with the months the two have together.
void grow_roles_together(State& s, const Context& ctx) {
  const Relation& r = s.relations[kKsoCeo];
  const double merge = ctx.k().role_merge_rate * r.closeness * r.closeness;
  for (const int seat : {r.first, r.second}) {
    Actor& a = s.actors[seat];
    a.role_conception += merge * (1 - a.role_conception);
  }
}

// In each politician-civil servant pair the member with the shorter tenure moves toward the
// other's role conception; a seat in several pairs moves toward the mean of what it meets.
void adapt_to_established_order(State& s, const Context& ctx) {
  std::array<double, kMaxActors> target{};
  std::array<int, kMaxActors> pairs{};
  for (const int i : cross_side_relations(ctx.derived)) {
    const Relation& r = s.relations[i];
    const Actor& a = s.actors[r.first];
    const Actor& b = s.actors[r.second];
    if (a.tenure == b.tenure) continue;
    const bool first_newer = a.tenure < b.tenure;
    const int newcomer = first_newer ? r.first : r.second;
    target[newcomer] += (first_newer ? b : a).role_conception;
    pairs[newcomer] += 1;
  }
  const double rate = ctx.k().order_adaptation;
  for (const int seat : occupied_seats(ctx.derived)) {
    if (pairs[seat] == 0) continue;
    Actor& a = s.actors[seat];
    a.role_conception += rate * (target[seat] / pairs[seat] - a.role_conception);
  }
}

}  // namespace

void update_relations(State& s, const Context& ctx) {
  const auto& k = ctx.k();
  const double closeness_level =
      k.closeness_work + (1 - k.closeness_work) * ctx.strategy().private_socializing;
  for (const int i : working_relations(ctx.derived))
    update_trust_and_closeness(s, s.relations[i], closeness_level, ctx);
  adapt_to_established_order(s, ctx);
  grow_roles_together(s, ctx);
  for (const int seat : occupied_seats(ctx.derived))
    s.actors[seat].tenure += 1;
}

}  // namespace samspel::model
