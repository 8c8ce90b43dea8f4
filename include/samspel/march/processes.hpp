// The processes of one period of March's model, in the order step() runs them
// (docs/march.md). Each lives in its own file under src/march/.
#pragma once

#include "samspel/ideas/code_learning.hpp"
#include "samspel/march/state.hpp"

namespace samspel::march {

// Beliefs of a newcomer: -1, 0 or +1 with equal probability on every dimension.
Beliefs random_beliefs(Mask dims, engine::Rng& rng);

// Reality +-1 with equal probability, the code all 0, the individuals random.
State initialise(const Parameters& p, engine::Rng& rng);

// Each individual, with probability p3, leaves and is replaced by a newcomer.
void turn_over(State& s, double p3, engine::Rng& rng);

// Each dimension of reality flips with probability p4.
void change_reality(State& s, double p4, engine::Rng& rng);

// Performance of acting on beliefs: the number of dimensions on which the action matches
// reality, a non-zero belief acting on itself and a 0 acting as a coin flip.
int performance(const Beliefs& b, const State& s, engine::Rng& rng);

// The positions of the individuals whose performance this period beats the code's.
ideas::MajorityVotes superior_votes(const State& s, engine::Rng& rng);

// Gradual socialisation: on each dimension where the code is non-zero and an individual
// differs from it, with probability p1 the belief moves one step toward the code (opposite to
// 0, 0 to the code's position).
void socialise(State& s, double p1, engine::Rng& rng);

// Equilibrium of a closed, stable system (p3 = p4 = 0): every individual holds exactly the
// code's beliefs. Then socialisation has nothing to move and every superior group votes the
// code's own positions, so nothing can change again; in every other state some change has
// positive probability.
bool at_equilibrium(const State& s);

// One period: turnover, turbulence, action (the superior group, from the beliefs at the start
// of learning), socialisation toward the code as it was, then code learning from the superior
// group's beliefs as they were: socialisation and code learning are simultaneous.
void step(State& s, const Parameters& p, Streams& streams);

}  // namespace samspel::march
