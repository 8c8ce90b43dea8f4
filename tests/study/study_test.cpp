// A study's store is the same file whatever the threads and the memory budget: configurations
// handed out whole and reduced by the thread that ran them, or run by run and reduced in parts,
// in one window or several, with and without every run's series.
#include "samspel/study/study.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "io/temp_directory.hpp"
#include "samspel/analysis/run_measures.hpp"
#include "samspel/engine/statistics.hpp"
#include "samspel/io/store.hpp"
#include "samspel/io/variants.hpp"
#include "samspel/study/plan.hpp"

namespace samspel::study {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// 12 configurations x 5 replicates of one year.
StudyPlan twelve_configurations(bool keep_series) {
  io::Scenario base =
      io::parse_scenario("[run]\nstart = \"2013-01\"\nyears = 1\nreplicates = 5\n", "<text>");
  io::validate(base);
  const auto variants =
      io::expand_variants(base, {"strategy.private_socializing=0,0.3,0.6,0.9",
                                 "strategy.role_dialogue=none,at_start,recurring"});
  return plan_comparison(variants, keep_series, {});
}

fs::path run_into(const StudyPlan& plan, const fs::path& dir, const std::string& name,
                  const StudyOptions& options) {
  const fs::path path = dir / (name + ".sqlite");
  {
    io::Store store(path, plan.description);
    const StudyOutcome outcome = run_study(plan, store, options);
    EXPECT_EQ(outcome.stored, 60U) << name;
  }
  io::export_store(path, dir / name, "csv");
  return dir / name;
}

TEST(Study, StoreIsTheSameWhateverTheThreadsAndWindows) {
  for (const bool keep_series : {false, true}) {
    SCOPED_TRACE(keep_series ? "series kept" : "series not kept");
    const io_test::TempDirectory dir;
    const StudyPlan plan = twelve_configurations(keep_series);
    StudyOptions one;
    one.threads = 1;  // one window; 11 configurations whole, the last run by run
    const fs::path reference = run_into(plan, dir.path(), "one", one);
    // 2 threads, a budget of 6 configurations: 2 windows of 6, 4 whole and 2 run by run each
    // (the budget holds 6 configurations' measures and bands and the series of 6 whether kept
    // or not: 2 run by run a thread and 1 being run whole by each thread).
    const std::size_t cells =
        static_cast<std::size_t>(plan.description.calendar.months()) * model::kMetricCount;
    const std::size_t series = 5 * cells * sizeof(float);
    const std::size_t configuration = 5 * analysis::run_measure_info().size() * sizeof(double) +
                                      engine::kBandSize * cells * sizeof(float);
    StudyOptions windows;
    windows.threads = 2;
    windows.memory_budget = 6 * (configuration + series);
    StudyOptions seven;  // 12 < 2 x 7 workers: every configuration run by run
    seven.threads = 7;
    for (const auto& [name, options] : {std::pair{"windows", windows}, std::pair{"seven", seven}}) {
      const fs::path other = run_into(plan, dir.path(), name, options);
      for (const char* table : {"runs.csv", "series.csv", "run_series.csv"}) {
        const std::string expected = read(reference / table);
        EXPECT_GT(expected.size(), 100U) << table;
        EXPECT_EQ(read(other / table), expected) << name << " " << table;
      }
      EXPECT_TRUE(read(dir.path() / "one.sqlite") ==
                  read(dir.path() / (std::string(name) + ".sqlite")))
          << name;
    }
  }
}

// Below any budget a study still runs, one configuration at a time: what that holds is the
// floor the command line checks against the machine's memory.
TEST(Study, MemoryFloorIsOneConfigurationAtATime) {
  const io_test::TempDirectory dir;
  const StudyPlan plan = twelve_configurations(false);
  const std::size_t cells =
      static_cast<std::size_t>(plan.description.calendar.months()) * model::kMetricCount;
  EXPECT_EQ(study_memory_floor(plan.description),
            5 * analysis::run_measure_info().size() * sizeof(double) +
                engine::kBandSize * cells * sizeof(float) + 5 * cells * sizeof(float));
  StudyOptions roomy;
  roomy.threads = 2;
  const fs::path reference = run_into(plan, dir.path(), "roomy", roomy);
  StudyOptions starved = roomy;
  starved.memory_budget = 1;
  const fs::path path = dir.path() / "starved.sqlite";
  {
    io::Store store(path, plan.description);
    EXPECT_EQ(run_study(plan, store, starved).windows, 12U);
  }
  io::export_store(path, dir.path() / "starved", "csv");
  for (const char* table : {"runs.csv", "series.csv"})
    EXPECT_EQ(read(dir.path() / "starved" / table), read(reference / table)) << table;
  EXPECT_TRUE(read(path) == read(dir.path() / "roomy.sqlite"));
}

}  // namespace
}  // namespace samspel::study
