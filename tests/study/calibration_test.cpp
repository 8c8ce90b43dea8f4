// Calibration to C1-C3: the statistics and their standard errors from run counts, the parsing
// of calibrated parameters, and a whole calibration on a tiny population that is the same on
// one thread and on two.
#include "samspel/study/calibration.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "samspel/io/population.hpp"

namespace samspel::study {
namespace {

using ::testing::HasSubstr;

TEST(CalibrationStatistics, PoolsSharesAndAveragesRates) {
  const std::vector<TurnoverCounts> runs{{2, 1, 1, 2}, {4, 1, 0, 2}, {0, 0, 2, 2}};
  const auto s = calibration_statistics(runs, 2.0);
  EXPECT_DOUBLE_EQ(s.value[0], 1.0);      // (1 + 2 + 0) / 3 CEO changes per year
  EXPECT_DOUBLE_EQ(s.value[1], 0.5);      // 3 shifts in 6 elections
  EXPECT_DOUBLE_EQ(s.value[2], 2.0 / 6);  // 2 of 6 exits over cooperation
  EXPECT_DOUBLE_EQ(s.standard_error[0], 1.0 / std::sqrt(3.0));  // sd 1 over 3 runs
  // Delta method: residuals 1 - 2/3, 1 - 4/3, 0 -> sum of squares 2/9; sqrt(2/9 * 3/2) / 6.
  EXPECT_NEAR(s.standard_error[2], std::sqrt(1.0 / 3) / 6, 1e-12);
  EXPECT_EQ(s.runs, 3U);
}

TEST(CalibrationStatistics, NoExitsLeaveTheShareUndefined) {
  const std::vector<TurnoverCounts> runs{{0, 0, 1, 1}};
  EXPECT_TRUE(std::isnan(calibration_statistics(runs, 1.0).value[2]));
}

TEST(CalibrationParameter, ParsesKeyAndPriorAndRefusesTheRest) {
  const auto p = parse_calibration_parameter("model.ceo_base_hazard=0.05:0.2");
  EXPECT_EQ(p.key, "model.ceo_base_hazard");
  EXPECT_DOUBLE_EQ(p.low, 0.05);
  EXPECT_DOUBLE_EQ(p.high, 0.2);
  const auto error = [](const std::string& spec) {
    try {
      parse_calibration_parameter(spec);
    } catch (const io::ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_THAT(error("model.ceo_base_hazard"), HasSubstr("expected key=lo:hi"));
  EXPECT_THAT(error("model.nothing=0:1"), HasSubstr("unknown key"));
  EXPECT_THAT(error("model.dimensions=4:8"), HasSubstr("unknown key; allowed: a real-valued"));
  EXPECT_THAT(error("model.ceo_base_hazard=0.2:0.1"), HasSubstr("allowed: lo < hi within [0, 1]"));
  EXPECT_THAT(error("model.ceo_base_hazard=0:2"), HasSubstr("allowed: lo < hi within [0, 1]"));
  EXPECT_THAT(error("model.ceo_base_hazard=a:1"), HasSubstr("\"a\" is not a number"));
}

TEST(CalibrationTargets, AreTheIntervalsOfFacts) {
  const auto t = calibration_targets();
  ASSERT_EQ(t.size(), 3U);
  EXPECT_DOUBLE_EQ(t[1].low, 0.37);
  EXPECT_DOUBLE_EQ(t[1].high, 0.44);
  EXPECT_DOUBLE_EQ(t[2].low, 0.33);
  EXPECT_DOUBLE_EQ(t[2].high, 0.37);
}

class TinyPopulation : public ::testing::Test {
 protected:
  TinyPopulation()
      : dir_(std::filesystem::temp_directory_path() /
             ("samspel-calibration-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "p.tsv") << "kommun\tpopulation\nA\t4000\nB\t30000\nC\t250000\n";
    std::ofstream(dir_ / "s.toml")
        << "population = \"p.tsv\"\n[run]\nstart = \"2010-01\"\nyears = 8\nseed = 5\n"
           "[model]\nspin_up_years = 0\n[[mix]]\noptions = [{ weight = 1, "
           "\"strategy.foundation\" = \"chemistry\" }, { weight = 1, \"strategy.foundation\" "
           "= \"roles\" }]\n";
    base_ = io::load_scenario(dir_ / "s.toml");
    population_ = io::load_population(base_.population, base_);
  }
  ~TinyPopulation() override { std::filesystem::remove_all(dir_); }

  CalibrationResult run(unsigned threads) const {
    CalibrationSettings settings;
    settings.draws = 12;
    settings.accept_fraction = 0.5;
    settings.replicates = 2;
    settings.check_replicates = 2;
    settings.threads = threads;
    return calibrate(base_, population_, default_calibration_parameters(), settings);
  }

  std::filesystem::path dir_;
  io::Scenario base_;
  io::Population population_;
};

TEST_F(TinyPopulation, IsTheSameOnOneThreadAndOnTwo) {
  const CalibrationResult one = run(1);
  const CalibrationResult two = run(2);
  ASSERT_EQ(one.draws.size(), 12U);
  for (std::size_t d = 0; d < one.draws.size(); ++d) {
    EXPECT_EQ(one.draws[d].theta, two.draws[d].theta);
    EXPECT_EQ(one.draws[d].statistics.value, two.draws[d].statistics.value);
    EXPECT_EQ(one.draws[d].accepted, two.draws[d].accepted);
  }
  EXPECT_EQ(one.fitted, two.fitted);
  EXPECT_EQ(one.at_fitted.value, two.at_fitted.value);
}

TEST_F(TinyPopulation, AcceptsTheClosestDrawsAndFitsInsideThePriors) {
  const CalibrationResult r = run(0);
  EXPECT_EQ(r.municipalities, 3U);
  double worst_accepted = 0;
  double best_rejected = INFINITY;
  int accepted = 0;
  for (const auto& d : r.draws) {
    (d.accepted ? worst_accepted : best_rejected) =
        d.accepted ? std::max(worst_accepted, d.distance) : std::min(best_rejected, d.distance);
    accepted += d.accepted ? 1 : 0;
  }
  EXPECT_EQ(accepted, 6);
  EXPECT_LE(worst_accepted, best_rejected);
  for (std::size_t k = 0; k < r.parameters.size(); ++k) {
    EXPECT_GE(r.fitted[k], r.parameters[k].low);
    EXPECT_LE(r.fitted[k], r.parameters[k].high);
  }
  // The check at the base values runs the base scenario's parameters.
  EXPECT_EQ(r.base_values[0], base_.parameters.model.ceo_base_hazard);
  EXPECT_EQ(r.at_base.runs, 6U);
}

}  // namespace
}  // namespace samspel::study
