#include "samspel/march/parameters.hpp"

#include <fmt/format.h>

#include "samspel/ideas/code_learning.hpp"

namespace samspel::march {

namespace {

std::string check_probability(const char* name, double v) {
  if (v >= 0 && v <= 1) return {};
  return fmt::format("{} = {} is not a probability: allowed 0 to 1", name, v);
}

}  // namespace

std::string validate(const Parameters& p) {
  // Beliefs are 64-bit masks and the superior group is counted in 8-bit slices.
  if (p.dimensions < 1 || p.dimensions > 64) {
    return fmt::format("dimensions (m) = {}: allowed 1 to 64", p.dimensions);
  }
  if (p.individuals < 1 || p.individuals > ideas::MajorityVotes::kMaxVoters) {
    return fmt::format("individuals (n) = {}: allowed 1 to {}", p.individuals,
                       ideas::MajorityVotes::kMaxVoters);
  }
  for (const auto& [name, v] :
       {std::pair{"socialisation (p1)", p.socialisation},
        std::pair{"code_learning (p2)", p.code_learning}, std::pair{"turnover (p3)", p.turnover},
        std::pair{"turbulence (p4)", p.turbulence}}) {
    if (auto error = check_probability(name, v); !error.empty()) return error;
  }
  return {};
}

}  // namespace samspel::march
