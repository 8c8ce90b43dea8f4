// Error messages echo input: they stay one line, obey no terminal control sequence and stay short
// whatever the input, and keep what is allowed (at their end) in view.
#include <gtest/gtest.h>

#include <string>

#include "samspel/io/scenario.hpp"

namespace samspel::io {
namespace {

TEST(OneLineError, ControlCharactersAreWrittenOut) {
  const std::string message = one_line_error("f.toml:1: \"\x1b]0;pwned\x07roles\"\n").what();
  EXPECT_EQ(message, "f.toml:1: \"\\x1b]0;pwned\\x07roles\"\\n");
}

TEST(OneLineError, LongMessagesKeepTheirStartAndEnd) {
  const std::string value(10'000'000, 'x');
  const std::string message =
      one_line_error("f.toml:1: name: \"" + value + "\"; allowed: a short label").what();
  EXPECT_LE(message.size(), 1040U);
  EXPECT_EQ(message.rfind("f.toml:1: name: \"xxx", 0), 0U);
  EXPECT_EQ(message.substr(message.size() - 25), "\"; allowed: a short label");
}

TEST(OneLineError, LongMessagesAreCutBetweenCharacters) {
  std::string value;
  for (int i = 0; i < 2000; ++i)
    value += "\xc3\xa5";  // å
  const std::string message = one_line_error(value).what();
  ASSERT_LT(message.size(), value.size());
  const auto marker = message.find(" [... ");
  ASSERT_NE(marker, std::string::npos);
  EXPECT_EQ(marker % 2, 0U);
  EXPECT_EQ((message.size() - message.find("...] ") - 5) % 2, 0U);
}

}  // namespace
}  // namespace samspel::io
