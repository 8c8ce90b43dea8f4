// What the model reports: the monthly metrics (one column each in series.csv), the change
// records and the per-run summary. The metric table also generates docs/outputs.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

namespace samspel::model {

// X(name, meaning)
#define SAMSPEL_METRICS(X)                                                                    \
  X(cooperation_kso_ceo,                                                                      \
    "Cooperation quality Q of the KSO-kommunchef pair: T * exp(-lock-ins / L0)")              \
  X(cooperation_mean, "Mean cooperation quality over all politician-civil servant pairs")     \
  X(person_trust_kso_ceo, "Person-bound trust of the KSO-kommunchef pair")                    \
  X(role_trust_kso_ceo, "Role-bound trust of the KSO-kommunchef role pair")                   \
  X(effective_trust_kso_ceo,                                                                  \
    "Effective trust T = v * role trust + (1 - v) * person trust, v = w * (1/2 + clarity/2)") \
  X(closeness_kso_ceo, "Closeness of the KSO and the kommunchef")                             \
  X(role_clarity_kso_ceo, "Clarity of the KSO-kommunchef role agreement (0 = none)")          \
  X(openness_kso_ceo,                                                                         \
    "Receptiveness of the KSO-kommunchef pair: openness to outside ideas times recent talk")  \
  X(role_merging_kso_ceo,                                                                     \
    "Mean role conception of KSO and kommunchef: how far the roles have grown together")      \
  X(role_gap_kso_ceo,                                                                         \
    "Difference between the KSO's and the kommunchef's role conceptions (0 = one order)")     \
  X(transgressions, "Role transgressions this month, all politician-civil servant pairs")     \
  X(transgressions_handled, "Transgressions handled this month (they enrich)")                \
  X(lockins, "Transgressions that became lock-ins this month")                                \
  X(recent_lockins, "Decaying memory of lock-ins, summed over pairs")                         \
  X(forum_held, "1 if a joint forum was held this month")                                     \
  X(consensus_pre_discussion,                                                                 \
    "Share of dimensions on which every leader already holds the governing ideas' position")  \
  X(belief_diversity, "Mean share of dimensions on which two leaders differ")                 \
  X(fit_ideas, "fit(g): share of dimensions where the governing ideas match the environment") \
  X(fit_whole, "Fit of the governing ideas on the whole-municipality dimensions (vision)")    \
  X(fit_sectors, "Fit of the governing ideas on the sector dimensions (sector policy)")       \
  X(vision_time_politicians, "Mean vision time of the majority politicians (KSO, chairs)")    \
  X(case_time_politicians, "Mean individual-case time of the majority politicians")           \
  X(vision_time_ceo, "Vision time of the kommunchef")                                         \
  X(management_time_ceo, "Management time of the kommunchef")                                 \
  X(political_room, "1 - the civil servants' share in shaping the governing ideas")           \
  X(performance, "Service performance")                                                       \
  X(vision_vacuum, "1 - the vision time of KSO and kommunchef together")                      \
  X(administration_vacuum, "1 - the kommunchef's management time")                            \
  X(sector_policy_strength, "Mean strength of sector policy-making over sectors")             \
  X(whole_view_strength, "Strength of work on the whole (helhetssyn)")                        \
  X(holistic_conflicts, "Conflicts between the whole and sector logic this month")            \
  X(satisfaction, "Citizen satisfaction S")                                                   \
  X(ruling_bloc, "Ruling bloc (0 = a, 1 = b)")                                                \
  X(terms_in_power, "Terms the ruling bloc has held power, counting the current one")         \
  X(kso_id, "Ordinal of the person who is KSO (1 = the first)")                               \
  X(ceo_id, "Ordinal of the person who is kommunchef (1 = the first)")                        \
  X(ceo_changes, "Changes of kommunchef this month")

enum class Metric : std::uint8_t {
#define SAMSPEL_METRIC_ENUM(name, meaning) name,
  SAMSPEL_METRICS(SAMSPEL_METRIC_ENUM)
#undef SAMSPEL_METRIC_ENUM
      count
};

inline constexpr std::size_t kMetricCount = static_cast<std::size_t>(Metric::count);

struct MetricInfo {
  std::string_view name;
  std::string_view meaning;
};

inline constexpr MetricInfo kMetrics[] = {
#define SAMSPEL_METRIC_INFO(name, meaning) {#name, meaning},
    SAMSPEL_METRICS(SAMSPEL_METRIC_INFO)
#undef SAMSPEL_METRIC_INFO
};

enum class Seat : std::uint8_t { kso, ceo };
enum class ExitReason : std::uint8_t { cooperation, new_majority, other };
inline constexpr std::string_view kSeatNames[] = {"kso", "ceo"};
inline constexpr std::string_view kExitReasonNames[] = {"cooperation", "new_majority", "other"};

// One change of person in the KSO or CEO seat and the fragility around it. Months are counted
// from the change month as month 0; a change is followed only when cooperation was observed
// before it (not in the first observed month).
struct ChangeRecord {
  int step = 0;
  Seat seat = Seat::ceo;
  ExitReason reason = ExitReason::other;
  double before = 0;  // mean KSO-CEO cooperation over the 6 months before
  double after = 0;   // mean over the 12 months from the change (NaN if the run ended first)
  int recovery = -1;  // months until cooperation is back to 90% of `before`; -1 = never
  // KSO-CEO lock-ins over months 0-23; NaN if the change was not followed that long.
  double lockins = std::numeric_limits<double>::quiet_NaN();
  // Followed through month 24: whether cooperation was back to 90% by then is known, so a
  // change not back counts as unrecovered within 24 months instead of censored.
  bool followed_24 = false;
};

struct RunSummary {
  int majority_shifts = 0;
  int election_shifts = 0;
  int elections = 0;
  int kso_changes = 0;
  int ceo_changes = 0;
  int ceo_exits_cooperation = 0;
  int ceo_exits_new_majority = 0;
  int ceo_exits_other = 0;
  int head_changes = 0;
  long transgressions = 0;
  long lockins = 0;
  int forums_held = 0;
  int forums_skipped = 0;
  std::vector<ChangeRecord> changes;
};

}  // namespace samspel::model
