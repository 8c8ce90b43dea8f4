// Process 9: Swedish general elections, held in September of every year = 2 (mod 4). The new
// council takes office on 15 October, but the new kommunstyrelse and committees — and so a new
// KSO and new chairs — on 1 January after the election (Kommunallagen ch. 5, 6), so the
// verdict drawn in September acts in January. The majority loses with probability
// logistic(a0 + a1 (s_ref - mean S over the last 12 months) + a2 (terms in power - 1)), the
// voters' verdict on a leadership that did not keep up (report p. 15, 26). Sitting politicians
// may also step down when the new board is seated.
#include <cmath>

#include "samspel/model/processes.hpp"

namespace samspel::model {

namespace {

bool is_election_year(int year) {
  return year % 4 == 2;
}

void retire_politicians(State& s, const Context& ctx, bool majority_replaced) {
  engine::Rng& rng = ctx.rng(Stream::elections);
  const double p = ctx.k().politician_retirement;
  if (rng.bernoulli(p)) seat_newcomer(s, ctx, kOpposition);
  if (majority_replaced) return;
  if (rng.bernoulli(p)) replace_kso(s, ctx, ExitReason::other);
  for (int c = 0; c < ctx.derived.committees; ++c) {
    if (rng.bernoulli(p)) seat_newcomer(s, ctx, chair_seat(c));
  }
}

void draw_verdict(State& s, const Context& ctx) {
  const auto& k = ctx.k();
  double mean = 0;
  for (const double v : s.satisfaction_history)
    mean += v;
  mean /= static_cast<double>(s.satisfaction_history.size());
  const double log_odds = k.election_intercept +
                          k.election_satisfaction_slope * (k.satisfaction_reference - mean) +
                          k.election_incumbency_slope * (s.terms_in_power - 1);
  s.election_lost = ctx.rng(Stream::elections).uniform() < 1 / (1 + std::exp(-log_odds));
  s.election_bloc = s.ruling;
  s.election_pending = true;
}

void seat_new_board(State& s, const Context& ctx) {
  s.election_pending = false;
  s.summary.elections += 1;
  // A mid-term or scripted shift since the election supersedes the verdict.
  const bool stands = s.ruling == s.election_bloc;
  const bool shift = stands && s.election_lost;
  if (shift) {
    shift_majority(s, ctx);
    s.summary.election_shifts += 1;
  } else if (stands) {
    s.terms_in_power += 1;
  }
  // Politicians just seated by a new majority do not step down the same month.
  retire_politicians(s, ctx, shift || !stands);
}

}  // namespace

void hold_elections(State& s, const Context& ctx) {
  const engine::YearMonth now = ctx.calendar.at(s.step);
  if (now.month == 9 && is_election_year(now.year)) {
    draw_verdict(s, ctx);
  } else if (now.month == 1 && s.election_pending) {
    seat_new_board(s, ctx);
  }
}

}  // namespace samspel::model
