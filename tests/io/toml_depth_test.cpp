// The nesting bound on TOML text: deep dotted keys, headers, arrays and inline tables are
// refused with the line, shallow ones and brackets inside strings and comments pass.
#include "samspel/io/toml_depth.hpp"

#include <gtest/gtest.h>

#include <string>

#include "samspel/io/scenario.hpp"

namespace samspel::io {
namespace {

std::string dotted(int levels) {
  std::string key = "a";
  for (int i = 1; i < levels; ++i)
    key += ".a";
  return key;
}

std::string refusal(const std::string& text) {
  try {
    check_toml_depth(text, "deep.toml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return {};
}

TEST(TomlDepth, DeepTableHeaderIsRefusedWithItsLine) {
  const std::string message = refusal("# deep\n\n[" + dotted(40000) + "]\n");
  EXPECT_EQ(message.rfind("deep.toml:3: nested more than 64 levels deep", 0), 0U) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos);
}

TEST(TomlDepth, DeepDottedKeyIsRefused) {
  EXPECT_FALSE(refusal(dotted(40000) + " = 1\n").empty());
  EXPECT_FALSE(refusal("[run]\n" + dotted(64) + " = 1\n").empty());
  EXPECT_TRUE(refusal("[run]\n" + dotted(63) + " = 1\n").empty());
}

TEST(TomlDepth, DeepArraysAndInlineTablesAreRefused) {
  EXPECT_FALSE(refusal("a = " + std::string(40000, '[') + std::string(40000, ']')).empty());
  std::string inline_tables = "a = ";
  for (int i = 0; i < 40000; ++i)
    inline_tables += "{b = ";
  EXPECT_FALSE(refusal(inline_tables + "1" + std::string(40000, '}')).empty());
  std::string mixed = "a = [";
  for (int i = 0; i < 100; ++i)
    mixed += "{x.y = [1, \n # comment\n";
  EXPECT_FALSE(refusal(mixed).empty());
}

TEST(TomlDepth, ShallowTextAndBracketsInStringsPass) {
  EXPECT_TRUE(refusal("[strategy]\nfoundation = \"roles\"\n[[mix]]\nkey = \"a.b\"\n"
                      "values = [[1, 2], [3, {x = 1}]]\n")
                  .empty());
  const std::string brackets(10000, '[');
  EXPECT_TRUE(refusal("name = \"" + brackets + "\"\n").empty());
  EXPECT_TRUE(refusal("name = '" + brackets + "'\n").empty());
  EXPECT_TRUE(refusal("name = \"\"\"\n" + brackets + "\n\"\"\"\n").empty());
  EXPECT_TRUE(refusal("# " + brackets + "\n").empty());
  EXPECT_TRUE(refusal("\"" + dotted(1000) + "\" = 1\n").empty());
}

TEST(TomlDepth, MalformedTextIsLeftToTheParser) {
  for (const std::string text : {"[", "a = \"", "a = [1,", "= = =", "a = {", "a.\n", "\"\\",
                                 "a = \"\"\"\\", "]]]]", "a = }}}"}) {
    EXPECT_TRUE(refusal(text).empty()) << text;
  }
}

TEST(TomlDepth, ScenarioParserRefusesDeepTextBeforeParsing) {
  try {
    parse_scenario(dotted(40000) + " = 1\n", "deep.toml");
    FAIL() << "accepted";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("deep.toml:1: nested more than"), std::string::npos);
  }
}

}  // namespace
}  // namespace samspel::io
