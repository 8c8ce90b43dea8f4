// Process 2: the world moves. Each issue dimension's right answer flips with probability
// turbulence / 12 per month (docs/MODEL.md, process 2).
#include "samspel/model/processes.hpp"

namespace samspel::model {

void drift_environment(State& s, const Context& ctx) {
  const double p = ctx.params.municipality.turbulence / 12.0;
  s.environment.value ^=
      ctx.derived.all_dims & ctx.rng(Stream::environment).bernoulli_mask(ctx.derived.dimensions, p);
}

}  // namespace samspel::model
