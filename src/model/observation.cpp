// Process 10: observation. Writes the monthly metrics and follows cooperation after each
// change of person (ChangeRecord): the mean over the 12 months from the change against the 6
// before, the lock-ins of the KSO-CEO relation over the 24 months from the change, and the
// months until cooperation is back to 90% of what it was. Observation comes after every other
// process of the month, so the change month (month 0) counts that whole month's lock-ins: after
// the change when it happened in turnover or a scripted event (process 1), before it when the
// elections process made it (process 9).
#include <bit>
#include <cmath>

#include "samspel/model/processes.hpp"

namespace samspel::model {

namespace {

// A change is followed through month 24 (the 24-month risk measures), then on until it has
// recovered (recovery has no horizon).
void follow_changes(State& s, const Derived& d, double q, int locked) {
  for (auto& t : s.trackers) {
    if (!t.open) continue;
    ChangeRecord& c = s.summary.changes[static_cast<std::size_t>(t.record)];
    if (t.months_after < 12) t.sum_after += q;
    if (t.months_after < 24) t.lockins += locked;
    t.months_after += 1;
    if (t.months_after == 12) c.after = t.sum_after / 12;
    if (t.months_after == 24) c.lockins = t.lockins;
    if (t.months_after == 25) c.followed_24 = true;
    if (c.recovery < 0 && q >= 0.9 * c.before) c.recovery = observed_step(s, d) - c.step;
    if (c.followed_24 && c.recovery >= 0) t.open = false;
  }
  s.cooperation_history[static_cast<std::size_t>(s.step) % s.cooperation_history.size()] = q;
  if (s.cooperation_history_size < static_cast<int>(s.cooperation_history.size())) {
    s.cooperation_history_size += 1;
  }
}

double consensus(const State& s, const Derived& d) {
  Mask agree = s.code.known & d.all_dims;
  for (int i = 0; i < d.seat_count; ++i) {
    const Beliefs& b = s.actors[d.seats[i]].beliefs;
    agree &= b.known & ~(b.value ^ s.code.value);
  }
  return static_cast<double>(std::popcount(agree)) / d.dimensions;
}

double diversity(State& s, const Derived& d) {
  const int n = d.seat_count;
  const long pairs = static_cast<long>(n) * (n - 1) / 2;
  const long differing = s.belief_pairs.pairs(
      n, [&](int i) -> const Beliefs& { return s.actors[d.seats[i]].beliefs; }, d.all_dims);
  return pairs > 0 ? static_cast<double>(differing) / static_cast<double>(pairs) / d.dimensions : 0;
}

}  // namespace

void observe(State& s, const Context& ctx, std::span<double> row) {
  const Derived& d = ctx.derived;
  const Relation& kc = s.relations[kKsoCeo];
  const Actor& kso = s.actors[kKso];
  const Actor& ceo = s.actors[kCeo];
  auto set = [&row](Metric m, double v) { row[static_cast<std::size_t>(m)] = v; };

  double cooperation_sum = 0;
  double kso_ceo = 0;
  double recent = 0;
  int cross = 0;
  int transgressions = 0;
  int handled = 0;
  int locked = 0;
  for (const int i : working_relations(d)) {
    const Relation& r = s.relations[i];
    recent += r.lockins;
    if (!r.cross_side) continue;
    const double q = cooperation(r, ctx);
    if (&r == &kc) kso_ceo = q;
    cooperation_sum += q;
    ++cross;
    transgressions += r.transgressions;
    handled += r.handled;
    locked += r.locked;
  }
  s.summary.transgressions += transgressions;
  s.summary.lockins += locked;

  double vision = kso.vision_time;
  double cases = kso.case_time;
  double sector = 0;
  for (int c = 0; c < d.committees; ++c) {
    vision += s.actors[chair_seat(c)].vision_time;
    cases += s.actors[chair_seat(c)].case_time;
  }
  for (int h = 0; h < d.departments; ++h)
    sector += s.sector_strength[h];
  const double q = kso_ceo;

  set(Metric::cooperation_kso_ceo, q);
  set(Metric::cooperation_mean, cross > 0 ? cooperation_sum / cross : 0);
  set(Metric::person_trust_kso_ceo, kc.person_trust);
  set(Metric::role_trust_kso_ceo, kc.role_trust);
  set(Metric::effective_trust_kso_ceo, effective_trust(kc, ctx));
  set(Metric::closeness_kso_ceo, kc.closeness);
  set(Metric::role_clarity_kso_ceo, kc.agreement.clarity);
  set(Metric::openness_kso_ceo, receptiveness(kc, s.step, ctx));
  set(Metric::role_merging_kso_ceo, 0.5 * (kso.role_conception + ceo.role_conception));
  set(Metric::role_gap_kso_ceo, std::abs(kso.role_conception - ceo.role_conception));
  set(Metric::transgressions, transgressions);
  set(Metric::transgressions_handled, handled);
  set(Metric::lockins, locked);
  set(Metric::recent_lockins, recent);
  set(Metric::forum_held, s.forum_held ? 1 : 0);
  set(Metric::consensus_pre_discussion, consensus(s, d));
  set(Metric::belief_diversity, diversity(s, d));
  set(Metric::fit_ideas, fit(s.code, s.environment, d.all_dims));
  set(Metric::fit_whole, fit(s.code, s.environment, d.whole_dims));
  set(Metric::fit_sectors, fit(s.code, s.environment, d.all_sector_dims));
  set(Metric::vision_time_politicians, vision / (1 + d.committees));
  set(Metric::case_time_politicians, cases / (1 + d.committees));
  set(Metric::vision_time_ceo, ceo.vision_time);
  set(Metric::management_time_ceo, ceo.management_time);
  set(Metric::political_room, s.political_room);
  set(Metric::performance, s.performance);
  set(Metric::vision_vacuum, clamp01(1 - kso.vision_time - ceo.vision_time));
  set(Metric::administration_vacuum, 1 - ceo.management_time);
  set(Metric::sector_policy_strength, sector / d.departments);
  set(Metric::whole_view_strength, s.whole_view);
  set(Metric::holistic_conflicts, s.holistic_conflicts);
  set(Metric::satisfaction, s.satisfaction);
  set(Metric::ruling_bloc, static_cast<double>(s.ruling));
  set(Metric::terms_in_power, s.terms_in_power);
  set(Metric::kso_id, kso.person);
  set(Metric::ceo_id, ceo.person);
  set(Metric::ceo_changes, s.summary.ceo_changes - s.ceo_changes_seen);
  s.ceo_changes_seen = s.summary.ceo_changes;

  follow_changes(s, d, q, kc.locked);
}

void close_trackers(State& s) {
  for (auto& t : s.trackers)
    t.open = false;
}

void begin_observation(State& s, const Derived& d) {
  s.summary = RunSummary{};
  s.ceo_changes_seen = 0;
  close_trackers(s);
  s.cooperation_history_size = 0;
  for (int i = 0; i < d.seat_count; ++i)
    s.actors[d.seats[i]].person = 1;
}

}  // namespace samspel::model
