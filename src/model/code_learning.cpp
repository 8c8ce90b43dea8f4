// Code learning after March (1991) in the samspel model: the shared rule
// (samspel/ideas/code_learning.hpp) with the seats taking part as believers, the governing
// ideas as the code and the environment as reality.
#include "samspel/ideas/code_learning.hpp"

#include <algorithm>
#include <bit>

#include "samspel/model/processes.hpp"

namespace samspel::model {

static_assert(kMaxActors <= ideas::MajorityVotes::kMaxVoters);

void learn_code(State& s, std::span<const int> participants, Mask dims, double p2,
                engine::Rng& rng) {
  ideas::learn_code(
      s.code, s.environment, static_cast<int>(participants.size()),
      [&](int i) -> const Beliefs& {
        return s.actors[participants[static_cast<std::size_t>(i)]].beliefs;
      },
      dims, p2, rng);
}

namespace {

ideas::MajorityVotes superior_votes(const State& s, const LearningGroup& g) {
  const auto hits = [&](const Beliefs& b) {
    return std::popcount(matching(b, s.environment, g.dims));
  };
  const auto beliefs_of = [&](int i) -> const Beliefs& {
    return s.actors[g.participants[static_cast<std::size_t>(i)]].beliefs;
  };
  return ideas::superior_votes(
      static_cast<int>(g.participants.size()), beliefs_of,
      [&](int i) { return hits(beliefs_of(i)); }, hits(s.code), g.dims);
}

}  // namespace

// Thinning: in group g no margin exceeds its participants, so a dimension moves with
// probability at most p_g = 1 - (1 - p2_g)^participants, and at most p_max, the largest p_g.
// Trials at p_max run over the groups' dimensions in turn, skipping from one success to the
// next with one draw each (Rng::failures_before_success); a success is kept as
// ideas::adopt_thinned says, so every dimension moves independently with probability exactly
// 1 - (1 - p2_g)^|margin|, as learn_code would move it. A group's votes are counted at its
// first success, before anything in it moves; what moves in one group (the code on its own
// dimensions) changes neither the votes nor the chances in another.
void learn_code_in_groups(State& s, std::span<const LearningGroup> groups, engine::Rng& rng) {
  double unmoved_by_all = 1;  // 1 - p_max
  int trials = 0;
  for (const LearningGroup& g : groups) {
    if (g.p2 <= 0 || g.participants.empty()) continue;
    const double keep = 1 - std::min(g.p2, 1.0);
    double unmoved = 1;
    for (std::size_t i = 0; i < g.participants.size(); ++i)
      unmoved *= keep;
    unmoved_by_all = std::min(unmoved_by_all, unmoved);
    trials += std::popcount(g.dims);
  }
  int skip = rng.failures_before_success(unmoved_by_all, trials);
  if (skip == trials) return;  // nothing moves this month
  for (const LearningGroup& g : groups) {
    if (g.p2 <= 0 || g.participants.empty()) continue;
    const int size = std::popcount(g.dims);
    if (skip >= size) {
      skip -= size;
      trials -= size;
      continue;
    }
    const double keep = 1 - std::min(g.p2, 1.0);
    const ideas::MajorityVotes votes = superior_votes(s, g);
    Mask rest = g.dims;
    int left = size;
    while (skip < left) {
      for (int i = 0; i < skip; ++i)
        rest &= rest - 1;
      if (votes.voters() > 0) {
        ideas::adopt_thinned(s.code, votes, std::countr_zero(rest), keep, unmoved_by_all, rng);
      }
      rest &= rest - 1;
      left -= skip + 1;
      trials -= skip + 1;
      skip = rng.failures_before_success(unmoved_by_all, trials);
    }
    skip -= left;
    trials -= left;
  }
}

}  // namespace samspel::model
