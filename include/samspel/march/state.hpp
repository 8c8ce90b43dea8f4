// The state of one run of March's model: reality, the organisational code and the
// individuals' beliefs, all in the idea space shared with the samspel model.
#pragma once

#include <vector>

#include "samspel/engine/random.hpp"
#include "samspel/ideas/beliefs.hpp"
#include "samspel/march/parameters.hpp"

namespace samspel::march {

using ideas::Beliefs;
using ideas::Mask;

struct State {
  Mask dims = 0;    // the m dimensions in use
  Beliefs reality;  // known on every dimension
  Beliefs code;     // starts all 0
  std::vector<Beliefs> individuals;
};

// One random stream per process, so an extra draw in one process never shifts another.
enum class Stream { initial, turnover, turbulence, action, socialisation, code_learning, count };
using Streams = engine::Streams<Stream>;

// Knowledge of the code: the share of the dimensions on which it matches reality.
double knowledge(const State& s);

}  // namespace samspel::march
