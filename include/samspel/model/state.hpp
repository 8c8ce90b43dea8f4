// The state of one simulated municipality: actors, working relations, ideas and the
// municipality's own variables. Seats live at fixed indices so no step allocates memory.
#pragma once

#include <array>
#include <cstdint>

#include "samspel/model/ideas.hpp"
#include "samspel/model/observation.hpp"
#include "samspel/model/parameters.hpp"

namespace samspel::model {

inline constexpr int kMaxDepartments = 12;
inline constexpr int kKso = 0;
inline constexpr int kOpposition = 1;
inline constexpr int kCeo = 2;
inline constexpr int chair_seat(int sector) {
  return 3 + sector;
}
inline constexpr int head_seat(int sector) {
  return 3 + kMaxDepartments + sector;
}
inline constexpr int kMaxActors = 3 + 2 * kMaxDepartments;
// Politicians are elected (KSO, oppositionsråd, chairs); the others are employed civil servants.
inline constexpr bool is_politician(int seat) {
  return seat == kKso || seat == kOpposition || (seat >= chair_seat(0) && seat < head_seat(0));
}

inline constexpr int kKsoCeo = 0;
inline constexpr int kKsoOpposition = 1;
// The head of department k and the politician it answers to (its chair, or the KSO when the
// sector has no committee).
inline constexpr int politician_head_pair(int sector) {
  return 2 + sector;
}
inline constexpr int ceo_head_pair(int sector) {
  return 2 + kMaxDepartments + sector;
}
inline constexpr int kMaxRelations = 2 + 2 * kMaxDepartments;

struct Actor {
  std::uint32_t person = 0;  // ordinal of the person in this seat: 1 = the first
  Beliefs beliefs;
  int tenure = 0;              // months in the seat (a newcomer's induction, process 3)
  double role_conception = 0;  // rho: how far its role reaches into the other side's spheres
  // This month's time budget (shares of 1).
  double case_time = 0;
  double citizen_time = 0;
  double vision_time = 0;
  double influence_time = 0;
  double management_time = 0;
};

// The role agreement of a role pair; it survives a change of person.
struct Agreement {
  bool exists = false;
  bool enacted = false;  // talked through in a role dialogue, not only written down
  double clarity = 0;
  double written_clarity = 0;  // what written role descriptions keep when nobody renews them
  double boundary = 0;         // agreed reach into the other side's spheres
  int last_renewal = 0;
};

struct Relation {
  bool active = false;
  bool cross_side = false;  // politician-civil servant: transgressions and role dialogue
  int first = 0;            // actor seat; the politician in a cross-side pair
  int second = 0;
  // Bound to the two persons: reset when either is replaced.
  double person_trust = 0;
  double closeness = 0;
  int months_together = 0;
  double lockins = 0;   // decaying count of recent lock-ins
  int last_talk = 0;    // step of the last conversation (dialogue, forum, handled transgression)
  bool forming = true;  // the pair formed this month and has not met for a role dialogue yet
  // Bound to the role pair.
  double role_trust = 0;
  Agreement agreement;
  double openness = 1;  // in [0, 1]; develop_ideas draws outside input with 1 as the bound
  // This month.
  int transgressions = 0;
  int handled = 0;
  int locked = 0;
};

// Tracks the fragility around one change of person (see ChangeRecord).
struct ChangeTracker {
  bool open = false;
  int record = 0;  // index into RunSummary::changes
  double sum_after = 0;
  int months_after = 0;  // months observed from the change month on
  int lockins = 0;       // KSO-CEO lock-ins over the first 24 of them
};

// Fixed quantities derived once from the parameters.
struct Derived {
  int dimensions = 0;
  int departments = 0;
  int committees = 0;
  double capacity = 0;
  double role_weight = 0;  // w
  Mask all_dims = 0;
  Mask whole_dims = 0;
  std::array<Mask, kMaxDepartments> sector_dims{};
  std::array<Mask, kMaxDepartments> regulated_dims{};
  Mask all_sector_dims = 0;
  // The occupied seats: KSO, oppositionsråd, CEO, chairs, heads.
  std::array<int, kMaxActors> seats{};
  int seat_count = 0;
  // The working relations (indices into State::relations, ascending) and, among them, the
  // politician-civil servant pairs. Which pairs exist follows from the departments alone, so
  // the monthly processes visit these lists rather than test every slot.
  std::array<int, kMaxRelations> relations{};
  int relation_count = 0;
  std::array<int, kMaxRelations> cross_relations{};
  int cross_relation_count = 0;
  // Months simulated before the first observed month (model.spin_up_years).
  int spin_up_months = 0;
  // Per-month factors of the time constants, computed once per scenario.
  double lockin_keep = 1;
  double clarity_keep = 1;
  double openness_keep = 1;
  // communication[d] = exp(-d / tau_comm) for d months since the pair last talked.
  std::array<double, 256> communication{};
};

struct State {
  int step = 0;
  Beliefs environment;
  Beliefs code;                       // g: the governing ideas
  std::array<Beliefs, 2> programmes;  // party programmes of blocs a and b
  std::array<Actor, kMaxActors> actors{};
  std::array<Relation, kMaxRelations> relations{};

  Bloc ruling = Bloc::a;
  int terms_in_power = 1;
  bool election_pending = false;  // decided in September, takes office in October
  bool election_lost = false;
  Bloc election_bloc = Bloc::a;  // the bloc in power at the September election

  double satisfaction = 0;
  std::array<double, 12> satisfaction_history{};
  double performance = 0;

  int surge_until = -1;   // case surge active while step < surge_until
  double surge_size = 0;  // extra case arrivals during the surge, relative to the usual month

  // Computed by this month's processes for later ones and for observation.
  bool forum_held = false;
  double political_room = 1;
  double whole_view = 0;
  std::array<double, kMaxDepartments> sector_strength{};
  int holistic_conflicts = 0;

  // Fragility measurement around changes of person.
  std::array<double, 6> cooperation_history{};
  int cooperation_history_size = 0;
  // A change holds a tracker for its first 25 months, and on while not recovered. 32 suffice:
  // 100-year runs with every turnover hazard at its upper bound never had to take the tracker
  // of a change within its first 25 months (at the defaults at most 9 are open at once); should
  // it happen, open_tracker's rule says which change gives way (succession.cpp).
  std::array<ChangeTracker, 32> trackers{};

  int ceo_changes_seen = 0;  // summary.ceo_changes at the last observed month

  // Belief diversity's counts from one observed month to the next (observation only).
  DisagreementTally<kMaxActors> belief_pairs;

  RunSummary summary;
};

}  // namespace samspel::model
