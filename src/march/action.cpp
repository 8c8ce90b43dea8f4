// Action and the superior group (March 1991): individuals act on their beliefs; where a
// belief is 0 the action is a coin flip. The superior group are the individuals whose actions
// match reality on more dimensions than the code's actions do.
#include "samspel/march/processes.hpp"

namespace samspel::march {

int performance(const Beliefs& b, const State& s, engine::Rng& rng) {
  const Mask action = (b.known & b.value) | (~b.known & rng.next());
  return std::popcount(s.dims & ~(action ^ s.reality.value));
}

ideas::MajorityVotes superior_votes(const State& s, engine::Rng& rng) {
  const int code_score = performance(s.code, s, rng);
  return ideas::superior_votes(
      static_cast<int>(s.individuals.size()),
      [&](int i) -> const Beliefs& { return s.individuals[static_cast<std::size_t>(i)]; },
      [&](int i) { return performance(s.individuals[static_cast<std::size_t>(i)], s, rng); },
      code_score, s.dims);
}

}  // namespace samspel::march
