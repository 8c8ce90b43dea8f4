// `samspel compare SCENARIO --vary key=v1,v2 ...`: every combination of the varied values, with
// common random numbers, and the paired difference of each to the first.
#include <fmt/format.h>

#include <memory>

#include "commands.hpp"
#include "samspel/io/comparison.hpp"
#include "samspel/io/staged_folder.hpp"
#include "samspel/io/store.hpp"
#include "samspel/study/plan.hpp"
#include "samspel/version.hpp"
#include "scenario_options.hpp"

namespace samspel::cli {

namespace {

struct CompareOptions {
  ScenarioOptions scenario;
  std::vector<std::string> vary;
  std::string store;
  bool all = false;
  bool keep_series = false;
};

}  // namespace

Command add_compare_command(CLI::App& app, const std::string& command_line,
                            const engine::Cluster& cluster) {
  auto o = std::make_shared<CompareOptions>();
  auto* sub = app.add_subcommand(
      "compare",
      "Compare variants of a scenario with common random numbers and paired differences");
  add_scenario_options(*sub, o->scenario);
  sub->add_option("--vary", o->vary, "Vary a parameter: section.name=v1,v2[,...] (repeatable)")
      ->required();
  sub->add_flag("--all", o->all, "Print every measure, not only the headline ones");
  sub->add_flag("--keep-series", o->keep_series,
                "Also store every run's monthly series (samspel report then shows the paired "
                "difference month by month)");
  sub->add_option("--store", o->store, "Results store (default results/<scenario>-compare.sqlite)");
  return [o, command_line, &cluster] {
    const std::vector<io::Variant> variants =
        io::expand_variants(load_with_options(o->scenario), o->vary);
    if (variants.size() < 2) {
      throw io::ScenarioError(
          "--vary: only one variant; allowed: at least two values in all --vary options");
    }
    const auto out = std::make_unique<io::StagedFolder>(output_directory(o->scenario, "-compare"),
                                                        "--out", io::kComparisonFiles);
    const study::Provenance p{std::string(version()), std::string(git_revision()), command_line};
    const std::filesystem::path store = store_path(o->scenario, o->store, "compare");
    const int code = run_study_into_store(study::plan_comparison(variants, o->keep_series, p),
                                          store, o->scenario.threads, cluster);
    if (code != 0 || !cluster.coordinator()) return code;
    const io::Comparison c = read_back([&] { return io::read_comparison(store); });
    const io::Provenance provenance{command_line, std::string(version()),
                                    std::string(git_revision())};
    io::write_comparison_directory(out->path(), c, variants, provenance);
    out->commit();
    fmt::print("\n{}\n", io::comparison_table(
                             c, o->all ? std::vector<std::string>{} : io::headline_measures()));
    fmt::print("results written to {}/ (compare.csv, provenance.json)\n", out->target().string());
    return 0;
  };
}

}  // namespace samspel::cli
