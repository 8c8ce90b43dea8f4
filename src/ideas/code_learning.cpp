#include "samspel/ideas/code_learning.hpp"

#include <algorithm>
#include <cstdlib>

namespace samspel::ideas {

namespace {

// 1 - (1 - p2)^k given keep = 1 - min(p2, 1), by repeated multiplication: k is a small head count.
double moved(double keep, int k) {
  double unmoved = keep;
  for (int i = 1; i < k; ++i)
    unmoved *= keep;
  return 1 - unmoved;
}

}  // namespace

void adopt_majority(Beliefs& code, const MajorityVotes& votes, Mask dims, double p2,
                    engine::Rng& rng) {
  if (p2 <= 0) return;
  const Mask plus = dims & votes.plus_majority();
  const Mask minus = dims & votes.minus_majority();
  const Mask holds = code.known & ((plus & code.value) | (minus & ~code.value));
  const double keep = 1 - std::min(p2, 1.0);
  for (Mask rest = (plus | minus) & ~holds; rest != 0; rest &= rest - 1) {
    const int dim = std::countr_zero(rest);
    const Mask bit = Mask{1} << static_cast<unsigned>(dim);
    if (rng.uniform() < moved(keep, std::abs(votes.margin(dim)))) {
      code.known |= bit;
      code.value = (plus & bit) != 0 ? (code.value | bit) : (code.value & ~bit);
    }
  }
}

double adoption_chance(const Beliefs& code, const MajorityVotes& votes, int dim, double p2) {
  const int margin = votes.margin(dim);
  if (margin == 0) return 0;
  const Mask bit = Mask{1} << static_cast<unsigned>(dim);
  if ((code.known & bit) != 0 && ((code.value & bit) != 0) == (margin > 0)) return 0;
  return moved(1 - std::min(p2, 1.0), std::abs(margin));
}

void adopt_majority_on(Beliefs& code, const MajorityVotes& votes, int dim) {
  const Mask bit = Mask{1} << static_cast<unsigned>(dim);
  code.known |= bit;
  code.value = votes.margin(dim) > 0 ? (code.value | bit) : (code.value & ~bit);
}

}  // namespace samspel::ideas
