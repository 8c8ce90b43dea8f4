// The monthly processes, in the order Model::step runs them (docs/MODEL.md, "Process overview
// and scheduling"). Each lives in its own file under src/model/.
#pragma once

#include <span>

#include "samspel/model/context.hpp"

namespace samspel::model {

void initialise(State& s, const Context& ctx);

// 1. Scripted events, then stochastic turnover.
void apply_scripted_events(State& s, const Context& ctx);
void apply_turnover(State& s, const Context& ctx);
// 2.
void drift_environment(State& s, const Context& ctx);
// 3. One month's individual cases, counted in a usual month's arrivals (so that shares compare
// across municipalities of every size): those the administration settled and those it could
// not. Draws the month's arrivals from the workload stream.
struct MonthCases {
  int arrivals = 0;
  double settled = 0;
  double unsettled = 0;
};
MonthCases arriving_cases(const State& s, const Context& ctx);
// The share of its case capacity the administration's leaders bring while newcomers learn.
double administration_readiness(const State& s, const Context& ctx);
void allocate_time(State& s, const Context& ctx);
// 4.
void handle_transgressions(State& s, const Context& ctx);
// 5.
void hold_dialogues(State& s, const Context& ctx);
// Communication substitution: the chance that a pair this close does not bother to talk
// ("we know each other", report p. 18, 26), for the scenario's weight on roles.
double substitution(double closeness, const Context& ctx);
bool takes_part_in_forum(int seat, const Strategy& strategy);
// 6.
void develop_ideas(State& s, const Context& ctx);
// 7.
void update_relations(State& s, const Context& ctx);
// 8.
void update_performance(State& s, const Context& ctx);
// 9.
void hold_elections(State& s, const Context& ctx);
// 10. Writes one value per Metric into `row` and advances the fragility trackers.
void observe(State& s, const Context& ctx, std::span<double> row);
// Closes the fragility trackers still open when the run ends.
void close_trackers(State& s);
// After the spin-up: forget what happened before the first observed month and count persons
// from 1.
void begin_observation(State& s, const Derived& d);

// Succession: how people change seats (used by events, turnover and elections).
Beliefs newcomer_beliefs(const State& s, const Context& ctx, int seat, engine::Rng& rng);
void seat_newcomer(State& s, const Context& ctx, int seat);
void replace_ceo(State& s, const Context& ctx, ExitReason reason);
void replace_kso(State& s, const Context& ctx, ExitReason reason);
void shift_majority(State& s, const Context& ctx);

// Code learning (March 1991): the governing ideas move toward the majority view of the
// participants whose fit on `dims` beats the code's.
void learn_code(State& s, std::span<const int> participants, Mask dims, double p2,
                engine::Rng& rng);

// Code learning in several groups at once (at most 1 + kMaxDepartments), each with its own
// participants and p2, on disjoint sets of dimensions (everyday learning: the KSO and CEO on the
// whole, each head and its politician on the sector). The same rule as learn_code in each group,
// drawn by thinning (samspel/engine/thinning.hpp) across all groups: most months nothing moves,
// and one draw says so.
struct LearningGroup {
  std::span<const int> participants;
  Mask dims = 0;
  double p2 = 0;
};
void learn_code_in_groups(State& s, std::span<const LearningGroup> groups, engine::Rng& rng);

}  // namespace samspel::model
