// Turnover (March 1991): each period each individual leaves with probability p3 and is
// replaced by a newcomer whose beliefs are drawn as at the start.
#include "samspel/march/processes.hpp"

namespace samspel::march {

void turn_over(State& s, double p3, engine::Rng& rng) {
  if (p3 <= 0) return;
  for (auto& b : s.individuals) {
    if (rng.bernoulli(p3)) b = random_beliefs(s.dims, rng);
  }
}

}  // namespace samspel::march
