// The results store of a sensitivity analysis: blocks written and read back, the indices at the
// end, one writer at a time, and the checks every reader runs.
#include "samspel/io/sensitivity_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "io/temp_directory.hpp"
#include "samspel/io/scenario.hpp"
#include "samspel/io/store.hpp"
#include "support/sql.hpp"

namespace samspel::io {
namespace {

using samspel_test::sql;

using ::testing::HasSubstr;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

SensitivityStudy two_points() {
  SensitivityStudy s;
  s.method = Method::morris;
  s.points = 2;
  s.levels = 4;
  s.replicates = 3;
  s.resamples = 10;
  s.seed = 7;
  s.base_parameters_json = R"({"parameters":{},"events":[],"configurations":[[]]})";
  s.factors = {{"model.case_pull", 0.1, 0.4, false}};
  s.outputs = {"lockins"};
  s.outputs_json = R"([{"name":"lockins"}])";
  s.design_points = 2;
  s.block_points = 2;
  s.scenario = "s.toml";
  s.git_revision = "abc";
  return s;
}

SensitivityBlock block(std::size_t index, std::size_t first, std::size_t count) {
  SensitivityBlock b;
  b.index = index;
  b.first = first;
  b.count = count;
  for (std::size_t i = 0; i < count; ++i) {
    b.unit.push_back(first + i == 0 ? kNaN : 0.5);
    b.design.push_back(0.25);
    b.values.push_back({1.0 + static_cast<double>(first + i), 0.5, 3});
  }
  return b;
}

SensitivityResult finished(const SensitivityStudy& study) {
  SensitivityResult r;
  r.method = study.method;
  r.factors = study.factors;
  SensitivityOutput o;
  o.name = "lockins";
  o.base_value = 1;
  o.noise_share = 0.1;
  o.morris = {{0.5, 0.5, 0.1, 0.4, 0.6}};
  r.outputs = {o};
  return r;
}

TEST(SensitivityStore, BlocksAreReadBackInPointOrderAndIndicesAtTheEnd) {
  const io_test::TempDirectory dir;
  const auto path = dir.path() / "s.sqlite";
  const SensitivityStudy study = two_points();
  {
    SensitivityStore store(path, study);
    EXPECT_EQ(store.completed_blocks(), (std::vector<bool>{false, false}));
    store.write_block(block(1, 2, 1));
    store.write_block(block(0, 0, 2));
    EXPECT_EQ(store.completed_blocks(), (std::vector<bool>{true, true}));
    const auto values = store.read_output(0);
    ASSERT_EQ(values.size(), 3U);
    EXPECT_EQ(values[0].mean, 1.0);
    EXPECT_EQ(values[2].mean, 3.0);
    EXPECT_DOUBLE_EQ(values[2].noise(), 0.5 / 3);
    // Not finished: a report has nothing to show yet, and says so.
    EXPECT_THAT([&] { (void)read_sensitivity(path); },
                ::testing::ThrowsMessage<ScenarioError>(HasSubstr("not finished")));
    store.write_indices(finished(study));
  }
  const SensitivityResult r = read_sensitivity(path);
  ASSERT_EQ(r.outputs.size(), 1U);
  EXPECT_EQ(r.outputs[0].morris[0].mu_star, 0.5);
  EXPECT_EQ(r.outputs[0].morris[0].mu_star_high, 0.6);
  EXPECT_EQ(r.design_points, 2U);
  EXPECT_EQ(r.runs, 3U * 3U);
  EXPECT_TRUE(r.outputs[0].sobol.empty());
}

TEST(SensitivityStore, OneWriterAtATime) {
  const io_test::TempDirectory dir;
  const auto path = dir.path() / "s.sqlite";
  const SensitivityStore first(path, two_points());
  EXPECT_THAT([&] { const SensitivityStore second(path, two_points()); },
              ::testing::ThrowsMessage<ScenarioError>(HasSubstr("another samspel process")));
}

// A store edited to hold a point or factor outside its analysis is refused by every reader, in
// one line naming it, before anything is read into arrays.
TEST(SensitivityStore, ADamagedStoreIsRefused) {
  const io_test::TempDirectory dir;
  for (const std::string& edit :
       {std::string("UPDATE point_outputs SET point = 99 WHERE point = 1"),
        std::string("UPDATE design SET factor = 5"), std::string("DELETE FROM factors"),
        std::string("UPDATE point_outputs SET replicates = 4"),
        std::string("DROP TABLE indices")}) {
    SCOPED_TRACE(edit);
    const auto path = dir.path() / "s.sqlite";
    std::filesystem::remove(path);
    {
      SensitivityStore store(path, two_points());
      store.write_block(block(0, 0, 2));
      store.write_block(block(1, 2, 1));
      store.write_indices(finished(two_points()));
    }
    sql(path, edit);
    try {
      export_store(path, dir.path() / "out", "csv");
      ADD_FAILURE() << "accepted";
    } catch (const ScenarioError& e) {
      EXPECT_THAT(e.what(), HasSubstr("not a samspel results store"));
      EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
    }
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "out"));
  }
}

}  // namespace
}  // namespace samspel::io
