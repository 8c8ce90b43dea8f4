// Code learning after March (1991): the superior group are the participants whose fit on the
// dimensions in question beats the code's; on each dimension where their majority differs from
// the code, the code adopts it with probability 1 - (1 - p2)^k, k the majority's margin.
#include <bit>
#include <cmath>

#include "samspel/model/processes.hpp"

namespace samspel::model {

void learn_code(State& s, std::span<const int> participants, Mask dims, double p2,
                engine::Rng& rng) {
  if (p2 <= 0 || dims == 0) return;
  const int code_hits = std::popcount(matching(s.code, s.environment, dims));
  int superior[kMaxActors];
  int n = 0;
  for (const int seat : participants) {
    if (std::popcount(matching(s.actors[seat].beliefs, s.environment, dims)) > code_hits) {
      superior[n++] = seat;
    }
  }
  if (n == 0) return;
  const double keep = 1 - std::min(p2, 1.0);
  for (Mask rest = dims; rest != 0; rest &= rest - 1) {
    const Mask bit = rest & (~rest + 1);
    int margin = 0;
    for (int i = 0; i < n; ++i) {
      const Beliefs& b = s.actors[superior[i]].beliefs;
      if ((b.known & bit) != 0) margin += (b.value & bit) != 0 ? 1 : -1;
    }
    if (margin == 0) continue;
    const bool plus = margin > 0;
    const bool code_agrees = (s.code.known & bit) != 0 && ((s.code.value & bit) != 0) == plus;
    if (code_agrees) continue;
    const int k = plus ? margin : -margin;
    // 1 - (1 - p2)^k by repeated multiplication: k is a small head count.
    double unmoved = keep;
    for (int i = 1; i < k; ++i)
      unmoved *= keep;
    if (rng.uniform() < 1 - unmoved) {
      s.code.known |= bit;
      s.code.value = plus ? (s.code.value | bit) : (s.code.value & ~bit);
    }
  }
}

}  // namespace samspel::model
