// Environmental turbulence (March 1991): each period each dimension of reality changes
// sign with probability p4.
#include "samspel/march/processes.hpp"

namespace samspel::march {

void change_reality(State& s, double p4, engine::Rng& rng) {
  s.reality.value ^= rng.bernoulli_bits(s.dims, p4);
}

}  // namespace samspel::march
