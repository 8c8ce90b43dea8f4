// Scripted events a scenario can place at dates.
#pragma once

#include <string_view>

namespace samspel::model {

enum class EventType { majority_shift, ceo_leaves, kso_leaves, case_surge, environment_shock };

inline constexpr std::string_view kEventTypeNames[] = {"majority_shift", "ceo_leaves", "kso_leaves",
                                                       "case_surge", "environment_shock"};

struct ScriptedEvent {
  EventType type = EventType::ceo_leaves;
  int step = 0;     // month index from the start of the run
  double size = 0;  // case_surge: extra arrivals, relative; environment_shock: share flipped
  int months = 0;   // case_surge: duration
};

}  // namespace samspel::model
