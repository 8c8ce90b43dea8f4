// March (1991): reality is +1 or -1 with equal probability on each dimension, the code
// starts with 0 everywhere and each individual holds 1, 0 or -1 with equal probability.
#include "samspel/march/processes.hpp"

namespace samspel::march {

Beliefs random_beliefs(Mask dims, engine::Rng& rng) {
  Beliefs b;
  for (Mask rest = dims; rest != 0; rest &= rest - 1) {
    const Mask bit = rest & (~rest + 1);
    switch (rng.below(3)) {
      case 0:
        break;
      case 1:
        b.known |= bit;
        b.value |= bit;
        break;
      default:
        b.known |= bit;
        break;
    }
  }
  return b;
}

State initialise(const Parameters& p, engine::Rng& rng) {
  State s;
  s.dims = ideas::low_bits(p.dimensions);
  s.reality = ideas::random_positions(s.dims, rng);
  s.individuals.reserve(static_cast<std::size_t>(p.individuals));
  for (int i = 0; i < p.individuals; ++i)
    s.individuals.push_back(random_beliefs(s.dims, rng));
  return s;
}

double knowledge(const State& s) {
  return static_cast<double>(std::popcount(ideas::matching(s.code, s.reality, s.dims))) /
         std::popcount(s.dims);
}

}  // namespace samspel::march
