// Code learning after March (1991) in the samspel model: the shared rule
// (samspel/ideas/code_learning.hpp) with the seats taking part as believers, the governing
// ideas as the code and the environment as reality.
#include "samspel/ideas/code_learning.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <optional>
#include <stdexcept>

#include "samspel/engine/thinning.hpp"
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

// In each group, each dimension moves independently with probability 1 - (1 - p2_g)^|margin|,
// as learn_code would move it. No margin exceeds the group's participants, so every such
// probability is at most 1 - (1 - p2_g)^participants and the chance of staying unmoved at least
// the smallest (1 - p2_g)^participants of any group. A group's votes are counted at its first
// dimension tried, before anything in it moves; what moves in one group (the code on its own
// dimensions) changes neither the votes nor the chances in another.
void learn_code_in_groups(State& s, std::span<const LearningGroup> groups, engine::Rng& rng) {
  std::array<int, 1 + kMaxDepartments> ends;  // where each group's dimensions end in the row
  if (groups.size() > ends.size()) throw std::length_error("code learning: too many groups");
  double unmoved_by_all = 1;
  int dims = 0;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const LearningGroup& g = groups[i];
    if (g.p2 > 0 && !g.participants.empty()) {
      const double keep = 1 - std::min(g.p2, 1.0);
      double unmoved = 1;
      for (std::size_t j = 0; j < g.participants.size(); ++j)
        unmoved *= keep;
      unmoved_by_all = std::min(unmoved_by_all, unmoved);
      dims += std::popcount(g.dims);
    }
    ends[i] = dims;
  }
  std::size_t counted = groups.size();  // the group whose votes `votes` holds
  std::optional<ideas::MajorityVotes> votes;
  engine::thin_groups(
      rng, std::span(ends.data(), groups.size()),
      engine::Thinning::missed_at_least(unmoved_by_all, engine::Gaps::walk, engine::AtBound::drawn),
      [&](int group, int j, engine::Chance& chance) {
        const LearningGroup& g = groups[static_cast<std::size_t>(group)];
        if (static_cast<std::size_t>(group) != counted) {
          votes.emplace(superior_votes(s, g));
          counted = static_cast<std::size_t>(group);
        }
        const int dim = std::countr_zero(nth_bit(g.dims, j));
        const double p = ideas::adoption_chance(s.code, *votes, dim, g.p2);
        if (p > 0 && chance.happens(p)) {
          ideas::adopt_majority_on(s.code, *votes, dim);
        }
      });
}

}  // namespace samspel::model
