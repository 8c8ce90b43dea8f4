// Process 1b: people leaving between elections. The CEO's hazard has a base matching Swedish
// tenure and a part that grows with recent lock-ins and low trust in the KSO pair; the reason
// recorded is the part that fired. Heads likewise with their politician; the KSO can lose the
// majority's confidence; rarely the majority itself breaks mid-term.
#include "samspel/model/processes.hpp"

namespace samspel::model {

void apply_turnover(State& s, const Context& ctx) {
  const auto& k = ctx.k();
  engine::Rng& rng = ctx.rng(Stream::turnover);

  if (rng.bernoulli(monthly_probability(k.midterm_shift_rate))) shift_majority(s, ctx);

  const Relation& kso_ceo = s.relations[kKsoCeo];
  const double strain = k.ceo_lockin_hazard * kso_ceo.lockins +
                        k.ceo_distrust_hazard * (1 - effective_trust(kso_ceo, ctx));
  const double ceo_hazard = k.ceo_base_hazard + strain;
  if (ceo_hazard > 0 && rng.bernoulli(monthly_probability(ceo_hazard))) {
    const bool cooperation_part = rng.uniform() * ceo_hazard < strain;
    replace_ceo(s, ctx, cooperation_part ? ExitReason::cooperation : ExitReason::other);
  }

  if (rng.bernoulli(monthly_probability(k.kso_confidence_hazard))) {
    replace_kso(s, ctx, ExitReason::other);
  }

  for (int h = 0; h < ctx.derived.departments; ++h) {
    const double hazard =
        k.head_base_hazard + k.head_lockin_hazard * s.relations[politician_head_pair(h)].lockins;
    if (rng.bernoulli(monthly_probability(hazard))) {
      s.summary.head_changes += 1;
      seat_newcomer(s, ctx, head_seat(h));
    }
  }
}

}  // namespace samspel::model
