// Client input quoted in messages: short, printable, valid UTF-8.
#include "samspel/io/excerpt.hpp"

#include <gtest/gtest.h>

#include <string>

namespace samspel::io {
namespace {

TEST(Excerpt, QuotesShortTextWhole) {
  EXPECT_EQ(quoted_excerpt("role"), "\"role\"");
  EXPECT_EQ(quoted_excerpt("nämnd"), "\"nämnd\"");
  EXPECT_EQ(quoted_excerpt("a\"b\\c"), "\"a\\\"b\\\\c\"");
}

TEST(Excerpt, EscapesControlBytesNulAndBrokenUtf8) {
  EXPECT_EQ(quoted_excerpt(std::string("a\0b\n", 4)), "\"a\\u0000b\\u000a\"");
  EXPECT_EQ(quoted_excerpt("\xFF\xC3("), "\"\\xFF\\xC3(\"");
  EXPECT_EQ(quoted_excerpt("\xED\xA0\x80"), "\"\\xED\\xA0\\x80\"");  // a surrogate
}

TEST(Excerpt, CutsLongTextAndSaysItsSize) {
  EXPECT_EQ(quoted_excerpt(std::string(40'000, '['), 5), "\"[[[[[…\" (40000 bytes)");
  // Never inside a character.
  EXPECT_EQ(quoted_excerpt("ååå", 3), "\"åå…\" (6 bytes)");
}

TEST(Excerpt, ShortensTheMiddleOfLongMessages) {
  EXPECT_EQ(shortened("short"), "short");
  const std::string message = "where: " + std::string(1000, 'x') + "; allowed: this";
  const std::string cut = shortened(message, 40);
  EXPECT_EQ(cut, "where: xxxxxxxxxxxxx … xxxxx; allowed: this");
  EXPECT_EQ(shortened(std::string(10, 'x') + "ö" + std::string(10, 'y'), 10), "xxxxx … yyyyy");
}

TEST(Excerpt, PlainKeysAreShownAsTheyAre) {
  EXPECT_EQ(key_for_message("spin_up_years"), "spin_up_years");
  EXPECT_EQ(key_for_message(std::string("a\0b", 3)), "\"a\\u0000b\"");
  EXPECT_FALSE(is_plain_key(std::string(65, 'k')));
  EXPECT_FALSE(is_plain_key(""));
}

}  // namespace
}  // namespace samspel::io
