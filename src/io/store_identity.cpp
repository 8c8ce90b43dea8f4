#include "samspel/io/store.hpp"
#include "store_schema.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace samspel::io {

std::string StudyDescription::identity() const {
  nlohmann::ordered_json j =
      identity_head(kind, replicates, seed, calendar, keep_series, base_parameters_json);
  j["design"] = nlohmann::ordered_json::parse(design_json);
  // The configurations enter as a count and an FNV-1a hash of their contents, not a list.
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  const auto mix = [&hash](std::string_view text) {
    for (const char c : text)
      hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    hash = (hash ^ 0xffU) * 0x100000001b3ULL;  // separator
  };
  for (std::size_t i = 0; i < configuration_count; ++i) {
    const StudyConfiguration c = configuration(i);
    mix(c.label);
    mix(c.municipality);
    for (const auto& a : c.assignments)
      mix(a);
  }
  j["configurations"] = {{"count", configuration_count}, {"fnv1a", fmt::format("{:016x}", hash)}};
  j["git_revision"] = git_revision;
  return j.dump();
}

}  // namespace samspel::io
