// Bodies nested too deeply are refused before they are parsed.
#include "samspel/web/json_body.hpp"

#include <gtest/gtest.h>

#include <string>

#include "samspel/web/run_request.hpp"

namespace samspel::web {
namespace {

TEST(JsonBody, MeasuresNestingOutsideStrings) {
  EXPECT_EQ(json_nesting_depth("1", 10), 0u);
  EXPECT_EQ(json_nesting_depth(R"({"a": [1, {"b": []}]})", 10), 4u);
  EXPECT_EQ(json_nesting_depth(R"({"a": "[[[[{{{{\"[["})", 10), 1u);
  EXPECT_EQ(json_nesting_depth(R"(["\\", [[]]])", 10), 3u);
  // The scan stops just past the limit.
  EXPECT_EQ(json_nesting_depth(std::string(1'000'000, '['), 16), 17u);
}

TEST(JsonBody, RefusesDeepBodiesBeforeParsing) {
  EXPECT_EQ(parse_body(R"({"a": [[1]]})", 3)["a"][0][0], 1);
  try {
    parse_body(std::string(40'000, '[') + std::string(40'000, ']'), 16);
    FAIL() << "no error";
  } catch (const BadRequest& e) {
    EXPECT_STREQ(e.what(),
                 "body: objects and arrays nested more than 16 levels deep; allowed: at most 16 "
                 "levels");
  }
  EXPECT_THROW(parse_body("{\"a\": \"\xFF\"}", 16), BadRequest);
}

}  // namespace
}  // namespace samspel::web
