#include "samspel/io/validation_report.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace samspel::io {
namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

MeasureOutcome outcome(std::string name, Expectation expect, double mean, bool holds) {
  MeasureOutcome m;
  m.comparison = "a vs b";
  m.measure.name = std::move(name);
  m.measure.expect = expect;
  m.means = {0.5, 0.5 + mean};
  m.effect = engine::PairedDifference{200, mean, 0.01, mean - 0.02, mean + 0.02};
  m.holds = holds;
  m.robust_holds = holds ? 20 : 3;
  return m;
}

TEST(ValidationMarkdown, OneRowPerMeasureWithThePatternsVerdictOnItsFirstRow) {
  PatternOutcome p;
  p.pattern = "F3";
  p.robust_points = 20;
  p.robust_holds = 3;
  p.measures.push_back(outcome("mean_fit_ideas", Expectation::decrease, -0.0168, true));
  p.measures.push_back(outcome("mean_cooperation_kso_ceo", Expectation::equal, 0.07, false));
  p.measures.back().measure.margin = 0.05;
  p.measures.back().measure.from_year = 1;
  p.measures.back().measure.to_year = 2;
  ValidationReport r;
  r.patterns.push_back(p);

  const auto rows = lines(validation_markdown(r));
  ASSERT_EQ(rows.size(), 4U);  // header, separator, two measures
  EXPECT_EQ(rows[2],
            "| F3 | a vs b | `mean_fit_ideas` | decrease | 0.5; 0.483 | -0.0168 [-0.0368, "
            "+0.0032] | yes | 20/20 | 3/20 | **FAIL** |");
  EXPECT_EQ(rows[3],
            "|  | a vs b | `mean_cooperation_kso_ceo` (years 1–2) | equal within 0.05 | 0.5; 0.57 "
            "| +0.07 [+0.05, +0.09] | **no** | 3/20 |  |  |");
}

}  // namespace
}  // namespace samspel::io
