// What every process sees besides the state: parameters, derived constants, the calendar and
// the replicate's named random streams.
#pragma once

#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "samspel/engine/calendar.hpp"
#include "samspel/engine/random.hpp"
#include "samspel/model/events.hpp"
#include "samspel/model/parameters.hpp"
#include "samspel/model/state.hpp"

namespace samspel::model {

// One stream per process, so a change in how one process draws leaves the others' numbers as
// they were. A new stream goes last, before count, so that the others keep their seeds.
enum class Stream {
  initialisation,
  events,
  turnover,
  environment,
  transgressions,
  dialogue,
  ideas,
  performance,
  elections,
  succession,
  workload,
  count
};

// The model description (after FLAME GPU 2): what is simulated, fixed for every replicate of
// a scenario, kept apart from the state of any one simulation.
struct Description {
  Parameters params;
  Derived derived;
  std::vector<ScriptedEvent> events;
};

// A breach of the parameters' joint constraints, which no single value's range can state: the
// key it names and what is wrong, as a scenario error gives it ("7 is not allowed; allowed: at
// most municipality.departments (6)"). The scenario check (io::validate) and describe() both
// report it from here.
struct JointProblem {
  std::string_view key;
  std::string problem;
};
std::optional<JointProblem> joint_problem(const Parameters& params);

// Checks the parameters' joint constraints (std::invalid_argument, "key: problem") and derives
// the rest.
Description describe(const Parameters& params, std::vector<ScriptedEvent> events = {});

struct Context {
  const Parameters& params;
  const Derived& derived;
  const engine::Calendar& calendar;
  engine::Streams<Stream>& streams;
  std::span<const ScriptedEvent> events;

  engine::Rng& rng(Stream s) const { return streams[s]; }
  const Constants& k() const { return params.model; }
  const Strategy& strategy() const { return params.strategy; }
};

// The month index counted from the first observed month (negative during the spin-up).
inline int observed_step(const State& s, const Derived& d) {
  return s.step - d.spin_up_months;
}

// Per-month probability of an event with the given yearly rate: one twelfth of it (a rate per
// month, capped at 1).
inline double monthly_probability(double yearly_rate) {
  return yearly_rate >= 12.0 ? 1.0 : yearly_rate / 12.0;
}

// exp(-months / tau_comm): what is left of the benefit of the pair's last conversation.
inline double communication_factor(const Derived& d, int months, double horizon) {
  return months < static_cast<int>(d.communication.size()) ? d.communication[months]
                                                           : std::exp(-months / horizon);
}

// How far ideas move through a pair this month: its openness to outside ideas, times what is
// left of its last conversation. Talk carries ideas; a pair that knows each other so well it
// skips talking lets them stop (report p. 18: "förödande för det kommunikativa
// idéutvecklingsklimatet"; p. 25-26).
inline double receptiveness(const Relation& r, int step, const Context& ctx) {
  return r.openness *
         communication_factor(ctx.derived, step - r.last_talk, ctx.k().communication_horizon);
}

inline double clamp01(double x) {
  return x < 0 ? 0 : (x > 1 ? 1 : x);
}

// The politician a department head answers to: its committee chair, or the KSO (the board)
// when the sector has no committee.
inline int politician_of_sector(int sector, const Derived& d) {
  return sector < d.committees ? chair_seat(sector) : kKso;
}

// The working relations and the politician-civil servant pairs among them, in slot order.
inline std::span<const int> working_relations(const Derived& d) {
  return {d.relations.data(), static_cast<std::size_t>(d.relation_count)};
}
inline std::span<const int> cross_side_relations(const Derived& d) {
  return {d.cross_relations.data(), static_cast<std::size_t>(d.cross_relation_count)};
}
inline std::span<const int> occupied_seats(const Derived& d) {
  return {d.seats.data(), static_cast<std::size_t>(d.seat_count)};
}

// Effective trust T = v * role trust + (1 - v) * person trust, v = w * (1/2 + clarity/2): a pair
// rests on its roles as far as it has chosen to and as far as the roles are clear; what the
// roles leave unclear is settled person to person (report p. 13-14, 26). Inline: several
// processes evaluate it for every pair every month.
inline double effective_trust(const Relation& r, const Context& ctx) {
  const double v = ctx.derived.role_weight * (0.5 + 0.5 * r.agreement.clarity);
  return v * r.role_trust + (1 - v) * r.person_trust;
}

// Cooperation quality Q = T * exp(-lock-ins / L0). A pair that has never locked up has
// lock-ins exactly 0, where the factor is exactly 1, so it skips the exponential.
inline double cooperation(const Relation& r, const Context& ctx) {
  const double trust = effective_trust(r, ctx);
  return r.lockins == 0 ? trust : trust * std::exp(-r.lockins / ctx.k().lockin_scale);
}

// Mean effective trust over the politician-civil servant pairs: how far the politicians trust
// the administration (cases, process 3) and what trust adds to performance (process 8).
inline double mean_cross_side_trust(const State& s, const Context& ctx) {
  double sum = 0;
  for (const int i : cross_side_relations(ctx.derived))
    sum += effective_trust(s.relations[i], ctx);
  return sum / ctx.derived.cross_relation_count;
}

}  // namespace samspel::model
