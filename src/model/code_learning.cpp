// Code learning after March (1991) in the samspel model: the shared rule
// (samspel/ideas/code_learning.hpp) with the seats taking part as believers, the governing
// ideas as the code and the environment as reality.
#include "samspel/ideas/code_learning.hpp"

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

}  // namespace samspel::model
