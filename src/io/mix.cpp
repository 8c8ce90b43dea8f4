#include "samspel/io/mix.hpp"

#include <fmt/format.h>

#include "samspel/engine/random.hpp"
#include "samspel/io/dictionary.hpp"

namespace samspel::io {

std::vector<std::size_t> mix_choices(const std::vector<Mix>& mix, std::uint64_t seed,
                                     std::size_t index) {
  engine::Rng rng(engine::stream_seed(seed, index, kMixStream));
  std::vector<std::size_t> choices;
  choices.reserve(mix.size());
  for (const auto& m : mix) {
    double total = 0;
    for (const auto& o : m.options)
      total += o.weight;
    const double u = rng.uniform() * total;
    std::size_t chosen = m.options.size() - 1;  // rounding can leave u at the very top
    double cumulative = 0;
    for (std::size_t i = 0; i < m.options.size(); ++i) {
      cumulative += m.options[i].weight;
      if (u < cumulative) {
        chosen = i;
        break;
      }
    }
    choices.push_back(chosen);
  }
  return choices;
}

std::vector<std::string> apply_mix(Scenario& scenario, std::size_t index) {
  std::vector<std::string> assignments;
  const auto choices = mix_choices(scenario.mix, scenario.run.seed, index);
  for (std::size_t m = 0; m < scenario.mix.size(); ++m) {
    for (const auto& [key, value] : scenario.mix[m].options[choices[m]].values) {
      const ParameterSpec* spec = find_parameter(key);
      spec->set(scenario.parameters, value);
      assignments.push_back(fmt::format("{}={}", key, format_value(*spec, value)));
    }
  }
  return assignments;
}

}  // namespace samspel::io
