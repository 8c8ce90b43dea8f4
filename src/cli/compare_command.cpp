// `samspel compare SCENARIO --vary key=v1,v2 ...`: every combination of the varied values, with
// common random numbers, and the paired difference of each to the first.
#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "commands.hpp"
#include "samspel/io/comparison.hpp"
#include "samspel/study/compare.hpp"
#include "samspel/version.hpp"
#include "scenario_options.hpp"

namespace samspel::cli {

namespace {

struct CompareOptions {
  ScenarioOptions scenario;
  std::vector<std::string> vary;
  bool all = false;
};

}  // namespace

Command add_compare_command(CLI::App& app, const std::string& command_line) {
  auto o = std::make_shared<CompareOptions>();
  auto* sub = app.add_subcommand(
      "compare",
      "Compare variants of a scenario with common random numbers and paired differences");
  add_scenario_options(*sub, o->scenario);
  sub->add_option("--vary", o->vary, "Vary a parameter: section.name=v1,v2[,...] (repeatable)")
      ->required();
  sub->add_flag("--all", o->all, "Print every measure, not only the headline ones");
  return [o, command_line] {
    std::vector<io::Variant> variants;
    std::filesystem::path out;
    try {
      variants = io::expand_variants(load_with_options(o->scenario), o->vary);
      if (variants.size() < 2) {
        throw io::ScenarioError(
            "--vary: only one variant; allowed: at least two values in all --vary options");
      }
      out = output_directory(o->scenario, "-compare");
    } catch (const io::ScenarioError& e) {
      std::fprintf(stderr, "samspel: %s\n", e.what());
      return kExitBadInput;
    }
    const auto total =
        variants.size() * static_cast<std::size_t>(variants[0].scenario.run.replicates);
    const io::Comparison c =
        study::run_comparison(variants, o->scenario.threads, progress_bar(total, "runs"));
    const io::Provenance provenance{command_line, std::string(version()),
                                    std::string(git_revision())};
    io::write_comparison_directory(out, c, variants, provenance);
    fmt::print("{}\n", io::comparison_table(
                           c, o->all ? std::vector<std::string>{} : io::headline_measures()));
    fmt::print("results written to {}/ (compare.csv, provenance.json)\n", out.string());
    return 0;
  };
}

}  // namespace samspel::cli
