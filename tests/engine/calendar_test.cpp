#include "samspel/engine/calendar.hpp"

#include <gtest/gtest.h>

namespace samspel::engine {
namespace {

TEST(Calendar, ParsesAndFormatsMonths) {
  EXPECT_EQ(parse_year_month("2014-09"), (YearMonth{2014, 9}));
  EXPECT_EQ(format_year_month({2014, 9}), "2014-09");
  for (const char* bad : {"2014-9", "2014-13", "2014-00", "14-09", "2014/09", "abcd-ef", "1899-01",
                          "2014-09-01", ""}) {
    EXPECT_FALSE(parse_year_month(bad).has_value()) << bad;
  }
}

TEST(Calendar, StepsMapToMonthsAcrossYears) {
  const Calendar c({2010, 11}, 24);
  EXPECT_EQ(c.at(0), (YearMonth{2010, 11}));
  EXPECT_EQ(c.at(2), (YearMonth{2011, 1}));
  EXPECT_EQ(c.at(23), (YearMonth{2012, 10}));
  EXPECT_EQ(c.step_of({2011, 1}), 2);
  EXPECT_EQ(c.step_of({2010, 1}), -10);
  EXPECT_EQ(c.at(-10), (YearMonth{2010, 1}));
  EXPECT_EQ(c.at(-11), (YearMonth{2009, 12}));
  EXPECT_EQ(c.at(-34), (YearMonth{2008, 1}));
  EXPECT_EQ(c.at(-35), (YearMonth{2007, 12}));
}

}  // namespace
}  // namespace samspel::engine
