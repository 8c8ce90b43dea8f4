#include "samspel/ideas/code_learning.hpp"

#include <algorithm>
#include <cstdlib>

namespace samspel::ideas {

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
    const int k = std::abs(votes.margin(dim));
    // 1 - (1 - p2)^k by repeated multiplication: k is a small head count.
    double unmoved = keep;
    for (int i = 1; i < k; ++i)
      unmoved *= keep;
    if (rng.uniform() < 1 - unmoved) {
      code.known |= bit;
      code.value = (plus & bit) != 0 ? (code.value | bit) : (code.value & ~bit);
    }
  }
}

void adopt_thinned(Beliefs& code, const MajorityVotes& votes, int dim, double keep,
                   double unmoved_by_all, engine::Rng& rng) {
  const int margin = votes.margin(dim);
  if (margin == 0) return;
  const Mask bit = Mask{1} << static_cast<unsigned>(dim);
  const bool plus = margin > 0;
  if ((code.known & bit) != 0 && ((code.value & bit) != 0) == plus) return;
  double unmoved = keep;
  for (int i = 1; i < std::abs(margin); ++i)
    unmoved *= keep;
  if (rng.uniform() * (1 - unmoved_by_all) < 1 - unmoved) {
    code.known |= bit;
    code.value = plus ? (code.value | bit) : (code.value & ~bit);
  }
}

}  // namespace samspel::ideas
