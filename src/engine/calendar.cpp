#include "samspel/engine/calendar.hpp"

#include <fmt/format.h>

#include <cctype>

namespace samspel::engine {

std::optional<YearMonth> parse_year_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != 4 && std::isdigit(static_cast<unsigned char>(text[i])) == 0) return std::nullopt;
  }
  const int year =
      (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  const int month = (text[5] - '0') * 10 + (text[6] - '0');
  if (year < kFirstYear || year > kLastYear || month < 1 || month > 12) return std::nullopt;
  return YearMonth{year, month};
}

std::string format_year_month(YearMonth ym) {
  return fmt::format("{:04}-{:02}", ym.year, ym.month);
}

}  // namespace samspel::engine
