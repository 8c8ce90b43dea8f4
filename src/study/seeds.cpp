#include "samspel/study/seeds.hpp"

#include "samspel/engine/random.hpp"

namespace samspel::study {

std::uint64_t run_seed(std::string_view kind, std::uint64_t seed, std::size_t configuration) {
  return kind == "population" ? engine::stream_seed(seed, configuration, kMunicipalityStream)
                              : seed;
}

std::uint64_t run_seed(const io::StudyDescription& study, std::size_t configuration) {
  return run_seed(study.kind, study.seed, configuration);
}

}  // namespace samspel::study
