// How a role holder performs its role, as the other side sees it. Trust is earned by doing
// one's job right: "annars kan aldrig ett förtroende uppstå" (report p. 20). What doing it
// wrong looks like is listed on report p. 13: civil servants who try to steer political
// decisions, politicians who take up individual cases instead of working on the long-term
// ideas and visions. So conduct is the share of the time an actor can choose how to spend that
// it spends inside its own role, read off this month's time budget.
#pragma once

#include "samspel/model/state.hpp"

namespace samspel::model {

inline double conduct(const Actor& a, int seat) {
  if (is_politician(seat)) {
    // Vision work against individual cases (fixed duties and residents are neither).
    const double chosen = a.vision_time + a.case_time;
    return chosen > 0 ? a.vision_time / chosen : 1.0;
  }
  // Everything but steering politics: management, vision work for the whole, the cases that
  // reach the chief of a weak administration.
  return 1.0 - a.influence_time;
}

// The conduct a working pair's trust follows: both members', equally.
inline double pair_conduct(const State& s, const Relation& r) {
  return 0.5 * (conduct(s.actors[r.first], r.first) + conduct(s.actors[r.second], r.second));
}

}  // namespace samspel::model
