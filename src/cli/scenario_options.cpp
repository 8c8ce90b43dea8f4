#include "scenario_options.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <limits>

#include "samspel/engine/memory.hpp"
#include "samspel/io/excerpt.hpp"
#include "samspel/io/names.hpp"

namespace samspel::cli {

void add_scenario_options(CLI::App& sub, ScenarioOptions& o) {
  sub.add_option("scenario", o.scenario, "Scenario file (TOML), e.g. scenarios/default.toml")
      ->required();
  sub.add_option("--replicates,-n", o.replicates, "Replicates (overrides [run] replicates)")
      ->check(CLI::Range(io::integer_low(io::run_key("replicates")),
                         io::integer_high(io::run_key("replicates"))));
  sub.add_option("--seed", o.seed, "Seed (overrides [run] seed)")->check(seed_check());
  sub.add_option("--threads,-t", o.threads, "Threads; 0 = all cores (results do not depend on it)")
      ->capture_default_str();
  sub.add_option("--out,-o", o.out, "Output directory (default: results/<scenario file name>)");
  sub.add_option("--set", o.assignments, "Set a parameter: section.name=value (repeatable)");
}

CLI::Validator seed_check() {
  static const auto kLargest = static_cast<std::uint64_t>(io::integer_high(io::run_key("seed")));
  return {[](const std::string& text) -> std::string {
            std::uint64_t value = 0;
            const char* const end = text.data() + text.size();
            const auto [stop, error] = std::from_chars(text.data(), end, value);
            if (error == std::errc() && stop == end && value <= kLargest) return {};
            return fmt::format("{} is not a whole number in 0 to {}", io::quoted_excerpt(text),
                               kLargest);
          },
          fmt::format("INT in 0 to {}", kLargest), "seed"};
}

io::Scenario load_with_options(const ScenarioOptions& o) {
  io::Scenario scenario = io::load_scenario(o.scenario);
  for (const auto& a : o.assignments)
    io::apply_assignment(scenario, a);
  if (o.replicates) scenario.run.replicates = *o.replicates;
  if (o.seed) scenario.run.seed = static_cast<std::uint64_t>(*o.seed);
  io::validate(scenario);
  return scenario;
}

std::filesystem::path output_directory(const ScenarioOptions& o, const std::string& suffix) {
  const std::filesystem::path out =
      o.out.empty() ? std::filesystem::path("results") /
                          (std::filesystem::path(o.scenario).stem().string() + suffix)
                    : std::filesystem::path(o.out);
  if (std::filesystem::exists(out) && !std::filesystem::is_directory(out)) {
    throw io::ScenarioError(fmt::format("--out {}: exists and is not a directory", out.string()));
  }
  return out;
}

void require_memory(std::size_t needed, int replicates) {
  const std::optional<std::size_t> available = engine::available_memory();
  if (!available || needed <= *available) return;
  // The memory is almost all per replicate, so what fits scales with it.
  const auto fits =
      static_cast<long long>(static_cast<double>(replicates) * static_cast<double>(*available) /
                             static_cast<double>(needed));
  throw io::ScenarioError(fmt::format(
      "replicates {}: the runs would hold about {} in memory at once (every replicate's monthly "
      "series, until the bands across them are computed), more than the {} available; "
      "allowed here: at most about {} replicates",
      replicates, engine::format_bytes(needed), engine::format_bytes(*available),
      std::max(fits, 1LL)));
}

std::function<void(std::size_t)> progress_bar(std::size_t total, const char* unit) {
  if (::isatty(STDERR_FILENO) == 0) return {};
  return [total, unit](std::size_t done) {
    constexpr int kWidth = 30;
    const int filled = total > 0 ? static_cast<int>(kWidth * done / total) : kWidth;
    std::fprintf(stderr, "\r[%s%s] %zu/%zu %s", std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, ' ').c_str(), done, total, unit);
    if (done == total) std::fputc('\n', stderr);
    std::fflush(stderr);
  };
}

}  // namespace samspel::cli
