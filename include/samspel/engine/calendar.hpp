// Monthly time: a start month and a number of steps.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace samspel::engine {

struct YearMonth {
  int year = 2010;
  int month = 1;  // 1..12

  friend bool operator==(const YearMonth&, const YearMonth&) = default;
};

// The years a month may name: wide enough for any history or future a study asks about, narrow
// enough that four digits always write them.
inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 2200;

// Parses "YYYY-MM" (years kFirstYear to kLastYear); nullopt when malformed.
std::optional<YearMonth> parse_year_month(std::string_view text);
std::string format_year_month(YearMonth ym);

class Calendar {
 public:
  Calendar(YearMonth start, int months) : start_(start), months_(months) {}

  int months() const { return months_; }
  YearMonth start() const { return start_; }
  // The month of `step`; negative steps are months before the start.
  YearMonth at(int step) const {
    const int index = start_.month - 1 + step;
    const int years = index >= 0 ? index / 12 : -((11 - index) / 12);
    return {start_.year + years, index - 12 * years + 1};
  }
  // Step at which `ym` falls; may be negative or >= months() when outside the horizon.
  int step_of(YearMonth ym) const {
    return (ym.year - start_.year) * 12 + (ym.month - start_.month);
  }

 private:
  YearMonth start_;
  int months_;
};

}  // namespace samspel::engine
