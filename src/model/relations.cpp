// Process 7: trust, closeness and roles growing together. Closeness approaches a level set by
// working together and private socialising; person trust relaxes toward a baseline that
// closeness lifts (chemistry); role trust relaxes toward its resting level; lock-ins fade; an
// agreement loses the clarity a dialogue gave it and, once talked through, hardens until it is
// talked through again (openness falls, report p. 27); and while incumbents are close to their
// counterparts on the other side their role conceptions grow together (report p. 14), at a rate
// that rises with the square of closeness so that working contact alone merges roles slowly.
// An actor with several counterparts (a KSO governing sectors as the board) merges at the mean
// of its pairs' rates, once a month.
#include <algorithm>
#include <array>
#include <cmath>

#include "samspel/model/processes.hpp"

namespace samspel::model {

void update_relations(State& s, const Context& ctx) {
  const auto& k = ctx.k();
  const double closeness_level =
      k.closeness_work + (1 - k.closeness_work) * ctx.strategy().private_socializing;
  const Derived& d = ctx.derived;
  std::array<double, kMaxActors> merge_sum{};
  std::array<int, kMaxActors> merge_pairs{};
  for (const int i : working_relations(d)) {
    Relation& r = s.relations[i];
    r.months_together += 1;
    r.closeness += (closeness_level - r.closeness) / k.closeness_time;
    const double baseline = k.trust_rest + (1 - k.trust_rest) * k.closeness_trust * r.closeness;
    r.person_trust += (baseline - r.person_trust) / k.trust_relaxation;
    r.role_trust += (k.role_trust_initial - r.role_trust) / k.role_trust_relaxation;
    r.lockins *= d.lockin_keep;
    Agreement& g = r.agreement;
    if (g.exists && g.last_renewal != s.step) {
      // Paper stays: written descriptions keep their own clarity. What was talked through once
      // hardens into a rigid enactment closed to ideas from outside (report p. 27).
      g.clarity = g.written_clarity + (g.clarity - g.written_clarity) * d.clarity_keep;
      if (g.enacted) r.openness *= d.openness_keep;
    }
    if (r.cross_side) {
      const double merge = k.role_merge_rate * r.closeness * r.closeness;
      for (const int seat : {r.first, r.second}) {
        merge_sum[seat] += merge;
        merge_pairs[seat] += 1;
      }
    }
  }
  for (const int seat : occupied_seats(d)) {
    Actor& a = s.actors[seat];
    a.tenure += 1;
    if (merge_pairs[seat] == 0) continue;
    a.role_conception += merge_sum[seat] / merge_pairs[seat] * (1 - a.role_conception);
  }
}

}  // namespace samspel::model
