#include "samspel/march/run.hpp"

#include "samspel/march/processes.hpp"

namespace samspel::march {

void step(State& s, const Parameters& p, Streams& streams) {
  turn_over(s, p.turnover, streams[Stream::turnover]);
  change_reality(s, p.turbulence, streams[Stream::turbulence]);
  const ideas::MajorityVotes votes = superior_votes(s, streams[Stream::action]);
  socialise(s, p.socialisation, streams[Stream::socialisation]);
  ideas::adopt_majority(s.code, votes, s.dims, p.code_learning, streams[Stream::code_learning]);
}

RunResult run(const Parameters& p, const RunSettings& settings, std::uint64_t seed,
              std::uint64_t run_index) {
  Streams streams(seed, run_index);
  State s = initialise(p, streams[Stream::initial]);
  RunResult result;
  result.knowledge.reserve(static_cast<std::size_t>(settings.horizon) + 1);
  result.knowledge.push_back(knowledge(s));
  while (result.periods < settings.horizon) {
    step(s, p, streams);
    ++result.periods;
    result.knowledge.push_back(knowledge(s));
    if (settings.stop_at_equilibrium && at_equilibrium(s)) {
      result.equilibrium = true;
      break;
    }
  }
  return result;
}

}  // namespace samspel::march
