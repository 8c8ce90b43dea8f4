// Gradual socialisation (March 1991): where the code is non-zero and an individual
// differs from it, the belief moves with probability p1 one step toward the code: a belief
// opposite to the code becomes 0, a 0 takes the code's position. The samspel model's
// socialisation adopts the code's position in one step instead (docs/MODEL.md, 7.6). Most
// dimensions of a newcomer differ from the code, so the moves are then drawn as one word of
// independent bits rather than candidate by candidate.
#include "samspel/march/processes.hpp"

namespace samspel::march {

void socialise(State& s, double p1, engine::Rng& rng) {
  for (auto& b : s.individuals) {
    const Mask differs = ideas::differs_from_code(b, s.code, s.dims);
    if (differs == 0) continue;
    // Both draw each candidate independently with probability p1; the word of independent
    // bits is cheaper once more than a couple of moves are expected.
    const Mask moving = std::popcount(differs) * p1 > 2 ? differs & rng.independent_bits(p1)
                                                        : rng.bernoulli_bits(differs, p1);
    const Mask opposite = moving & b.known;
    b.known &= ~opposite;
    ideas::adopt(b, s.code, moving & ~opposite);
  }
}

bool at_equilibrium(const State& s) {
  if ((s.code.known & s.dims) != s.dims) return false;
  for (const auto& b : s.individuals) {
    if (!(b == s.code)) return false;
  }
  return true;
}

}  // namespace samspel::march
