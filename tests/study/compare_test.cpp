// Comparisons with common random numbers.
#include "samspel/study/compare.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "samspel/analysis/run_measures.hpp"
#include "samspel/engine/statistics.hpp"
#include "samspel/study/run_scenario.hpp"

namespace samspel::study {
namespace {

std::filesystem::path temp_store(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("samspel-compare-" + name + "-" + std::to_string(::getpid()) + ".sqlite");
  std::filesystem::remove(path);
  return path;
}

io::Comparison compare(const std::vector<io::Variant>& variants, unsigned threads,
                       const std::string& name) {
  const auto path = temp_store(name);
  StudyOptions options;
  options.threads = threads;
  io::Comparison c = run_comparison(variants, path, options);
  std::filesystem::remove(path);
  return c;
}

io::Scenario small() {
  io::Scenario s = io::parse_scenario("[run]\nyears = 5\nreplicates = 30\nseed = 4\n", "<test>");
  io::validate(s);
  return s;
}

std::size_t measure(const std::string& name) {
  const auto& info = analysis::run_measure_info();
  for (std::size_t m = 0; m < info.size(); ++m) {
    if (info[m].name == name) return m;
  }
  return info.size();
}

// Two variants that differ only in a parameter no process reads before it matters: with common
// random numbers their runs are identical, so every paired difference is exactly zero.
TEST(Compare, IdenticalVariantsDifferByExactlyZero) {
  const auto variants = io::expand_variants(small(), {"strategy.foundation=roles,roles"});
  const io::Comparison c = compare(variants, 2, "zero");
  for (std::size_t m = 0; m < c.measures; ++m) {
    const auto d = engine::paired_difference(c.column(0, m), c.column(1, m));
    if (d.n > 0) {
      EXPECT_DOUBLE_EQ(d.mean, 0) << analysis::run_measure_info()[m].name;
    }
  }
}

TEST(Compare, ReferenceVariantEqualsAPlainRun) {
  const io::Scenario s = small();
  const auto variants = io::expand_variants(s, {"strategy.private_socializing=0.3,0.9"});
  const io::Comparison c = compare(variants, 3, "plain");
  const io::RunResults plain = run_scenario(s, 1);
  std::vector<double> row(c.measures);
  for (int i = 0; i < s.run.replicates; ++i) {
    analysis::run_measures(plain.summaries[static_cast<std::size_t>(i)], plain.run_series(i),
                           plain.calendar.months(), row);
    for (std::size_t m = 0; m < c.measures; ++m) {
      const double v = c.values[static_cast<std::size_t>(i) * c.measures + m];
      if (std::isnan(row[m])) {
        EXPECT_TRUE(std::isnan(v));
      } else {
        EXPECT_EQ(v, row[m]);
      }
    }
  }
}

TEST(Compare, IndependentOfThreadCount) {
  const auto variants = io::expand_variants(small(), {"strategy.role_dialogue=none,recurring"});
  const io::Comparison one = compare(variants, 1, "one");
  const io::Comparison four = compare(variants, 4, "four");
  EXPECT_EQ(io::comparison_csv(one), io::comparison_csv(four));
}

// Close private relations raise closeness: a mechanism, so the paired interval excludes zero.
TEST(Compare, PrivateSocialisingRaisesCloseness) {
  const auto variants = io::expand_variants(small(), {"strategy.private_socializing=0,1"});
  const io::Comparison c = compare(variants, 2, "closeness");
  const std::size_t m = measure("mean_closeness_kso_ceo");
  const auto d = engine::paired_difference(c.column(0, m), c.column(1, m));
  EXPECT_GT(d.low, 0);
}

}  // namespace
}  // namespace samspel::study
