// Action and the superior group, as March's own program ran them (Christensen 2015; Rodan
// 2005; docs/march.md): individuals act on their beliefs, a 0 acting as a coin flip, and score
// the dimensions their action gets right minus those it gets wrong. The code does not act: it
// is scored on what it knows, right minus wrong, a 0 counting as neither. The superior group
// are the individuals who score above the code, and what the code hears from them is what they
// did, a coin flip included.
#include "samspel/march/processes.hpp"

namespace samspel::march {

Mask act(const Beliefs& b, Mask dims, engine::Rng& rng) {
  return ((b.known & b.value) | (~b.known & rng.next())) & dims;
}

int action_score(Mask action, const State& s) {
  const int right = std::popcount(s.dims & ~(action ^ s.reality.value));
  return 2 * right - std::popcount(s.dims);
}

int code_score(const State& s) {
  const Mask held = s.code.known & s.dims;
  const int right = std::popcount(held & ~(s.code.value ^ s.reality.value));
  return 2 * right - std::popcount(held);
}

ideas::MajorityVotes superior_votes(const State& s, engine::Rng& rng) {
  const int bar = code_score(s);
  ideas::MajorityVotes votes;
  for (const Beliefs& b : s.individuals) {
    const Mask action = act(b, s.dims, rng);
    if (action_score(action, s) > bar) votes.add(Beliefs{s.dims, action}, s.dims);
  }
  return votes;
}

}  // namespace samspel::march
