// Gradual socialisation (March 1991): where the code is non-zero and an individual
// differs from it, the belief moves with probability p1 one step toward the code: a belief
// opposite to the code becomes 0, a 0 takes the code's position. The samspel model's
// socialisation adopts the code's position in one step instead (docs/MODEL.md, 7.6).
#include "samspel/march/processes.hpp"

namespace samspel::march {

void socialise(State& s, double p1, engine::Rng& rng) {
  for (auto& b : s.individuals) {
    const Mask moving = rng.bernoulli_bits(ideas::differs_from_code(b, s.code, s.dims), p1);
    const Mask opposite = moving & b.known;
    b.known &= ~opposite;
    ideas::adopt(b, s.code, moving & ~opposite);
  }
}

bool at_equilibrium(const State& s) {
  for (const auto& b : s.individuals) {
    if (!(b == s.code)) return false;
  }
  return true;
}

}  // namespace samspel::march
