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

// Acting on beliefs: a non-zero belief acts on itself, a 0 as a coin flip (one draw per call).
Mask act(const Beliefs& b, Mask dims, engine::Rng& rng);
// An action's score: dimensions where it matches reality minus those where it does not.
int action_score(Mask action, const State& s);
// The code's score: dimensions where it holds reality's position minus those where it holds
// the opposite; a 0 counts as neither (the code does not act).
int code_score(const State& s);

// The actions of the individuals whose action this period scores above the code.
ideas::MajorityVotes superior_votes(const State& s, engine::Rng& rng);

// Gradual socialisation: on each dimension where the code is non-zero and an individual
// differs from it, with probability p1 the belief moves one step toward the code (opposite to
// 0, 0 to the code's position).
void socialise(State& s, double p1, engine::Rng& rng);

// Equilibrium of a closed, stable system (p3 = p4 = 0): the code holds a position on every
// dimension and every individual holds exactly the code's beliefs. Then socialisation has
// nothing to move and every action repeats the code, so nothing can change again. In every
// other state some change has positive probability: an individual who differs from a non-zero
// code is socialised, and where the code is 0 coin-flip actions can beat it and teach it.
bool at_equilibrium(const State& s);

// One period: turnover, turbulence, action (the superior group, from the beliefs at the start
// of learning), socialisation toward the code as it was, then code learning from the superior
// group's actions: socialisation and code learning are simultaneous.
void step(State& s, const Parameters& p, Streams& streams);

}  // namespace samspel::march
