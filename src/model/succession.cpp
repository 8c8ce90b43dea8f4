// How people change seats. A newcomer brings fresh beliefs (politicians from their party's
// programme, civil servants with professional knowledge of their own domain), the standard role
// conception and new person-bound relations; role trust and role agreements stay with the role
// pair (docs/MODEL.md, process 7). Recent lock-ins stay too: the issues locked between the two
// sides do not leave with a person ("störningar som hade blivit en del i vardagen", report p. 24);
// see docs/MODEL.md.
#include <cmath>
#include <limits>

#include "samspel/model/processes.hpp"

namespace samspel::model {

namespace {

Bloc bloc_of(const State& s, int seat) {
  if (seat == kOpposition) return s.ruling == Bloc::a ? Bloc::b : Bloc::a;
  return s.ruling;
}

// The dimensions a civil servant knows professionally.
Mask professional_domain(int seat, const Derived& d) {
  if (seat == kCeo) return d.whole_dims;
  return d.sector_dims[seat - head_seat(0)];
}

void reset_person_bond(Relation& r, const State& s, const Context& ctx) {
  r.person_trust = ctx.k().trust_new;
  r.closeness = 0;
  r.months_together = 0;
  // Recent lock-ins stay: the issues locked between the two sides do not leave with a person.
  r.last_talk = s.step;
  r.forming = true;
}

// The trackers are a fixed few (State::trackers). When all are busy, the new change takes the
// slot of the oldest change past month 24, which then stops waiting for a late recovery (it reads
// as never); failing that, of the oldest change, whose 24-month measures are then missing
// (followed_24 stays false: censored, not counted as unrecovered).
void open_tracker(State& s) {
  auto& changes = s.summary.changes;
  ChangeTracker* slot = nullptr;
  ChangeTracker* oldest = nullptr;
  ChangeTracker* oldest_done = nullptr;
  for (auto& t : s.trackers) {
    if (!t.open) {
      slot = &t;
      break;
    }
    if (oldest == nullptr || t.record < oldest->record) oldest = &t;
    const bool done = changes[static_cast<std::size_t>(t.record)].followed_24;
    if (done && (oldest_done == nullptr || t.record < oldest_done->record)) oldest_done = &t;
  }
  if (slot == nullptr) slot = oldest_done != nullptr ? oldest_done : oldest;
  *slot = ChangeTracker{true, static_cast<int>(changes.size()) - 1, 0.0, 0, 0};
}

void record_change(State& s, const Context& ctx, Seat seat, ExitReason reason) {
  ChangeRecord record;
  record.step = observed_step(s, ctx.derived);
  record.seat = seat;
  record.reason = reason;
  record.before = std::numeric_limits<double>::quiet_NaN();
  record.after = std::numeric_limits<double>::quiet_NaN();
  if (s.cooperation_history_size > 0) {
    double sum = 0;
    for (int i = 0; i < s.cooperation_history_size; ++i)
      sum += s.cooperation_history[i];
    record.before = sum / s.cooperation_history_size;
  }
  s.summary.changes.push_back(record);
  // With no cooperation observed before (a change in the first month) there is nothing to
  // recover to.
  if (s.cooperation_history_size > 0) open_tracker(s);
}

}  // namespace

Beliefs newcomer_beliefs(const State& s, const Context& ctx, int seat, engine::Rng& rng) {
  const Derived& d = ctx.derived;
  if (is_politician(seat)) {
    const Beliefs& programme = s.programmes[static_cast<int>(bloc_of(s, seat))];
    const Mask taken = d.all_dims & rng.bernoulli_mask(d.dimensions, ctx.k().programme_fidelity);
    Beliefs b;
    adopt(b, programme, taken);
    return b;
  }
  const Mask domain = professional_domain(seat, d);
  const Mask wrong = domain & rng.bernoulli_mask(d.dimensions, 1 - ctx.k().professional_knowledge);
  Beliefs b{domain, (s.environment.value ^ wrong) & domain};
  // Outside its domain a civil servant holds a view on about half the issues.
  const Mask outside = d.all_dims & ~domain & rng.next();
  adopt(b, random_positions(outside, rng), outside);
  return b;
}

void seat_newcomer(State& s, const Context& ctx, int seat) {
  Actor& a = s.actors[seat];
  a.person += 1;
  a.tenure = 0;
  a.beliefs = newcomer_beliefs(s, ctx, seat, ctx.rng(Stream::succession));
  a.role_conception = ctx.k().rho_standard;
  for (const int i : working_relations(ctx.derived)) {
    Relation& r = s.relations[i];
    if (r.first == seat || r.second == seat) reset_person_bond(r, s, ctx);
  }
}

void replace_ceo(State& s, const Context& ctx, ExitReason reason) {
  auto& sum = s.summary;
  sum.ceo_changes += 1;
  if (reason == ExitReason::cooperation) sum.ceo_exits_cooperation += 1;
  if (reason == ExitReason::new_majority) sum.ceo_exits_new_majority += 1;
  if (reason == ExitReason::other) sum.ceo_exits_other += 1;
  record_change(s, ctx, Seat::ceo, reason);
  seat_newcomer(s, ctx, kCeo);
}

void replace_kso(State& s, const Context& ctx, ExitReason reason) {
  s.summary.kso_changes += 1;
  record_change(s, ctx, Seat::kso, reason);
  seat_newcomer(s, ctx, kKso);
}

void shift_majority(State& s, const Context& ctx) {
  s.ruling = s.ruling == Bloc::a ? Bloc::b : Bloc::a;
  s.terms_in_power = 1;
  s.summary.majority_shifts += 1;
  // The old KSO becomes oppositionsråd, keeping its beliefs.
  const Beliefs old_kso_beliefs = s.actors[kKso].beliefs;
  seat_newcomer(s, ctx, kOpposition);
  s.actors[kOpposition].beliefs = old_kso_beliefs;
  replace_kso(s, ctx, ExitReason::new_majority);
  for (int k = 0; k < ctx.derived.committees; ++k)
    seat_newcomer(s, ctx, chair_seat(k));
  // A new majority sometimes brings its own kommunchef (report p. 14, 22).
  if (ctx.rng(Stream::succession).bernoulli(ctx.k().dismissal_base)) {
    replace_ceo(s, ctx, ExitReason::new_majority);
  }
}

}  // namespace samspel::model
