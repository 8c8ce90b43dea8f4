// What researchers cite is what they ran: CITATION.cff names the version that
// `samspel --version` prints (and every output's provenance records, from the same function),
// and the licence the citation states is the licence of the code and of the web packages.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "support/samspel_binary.hpp"

namespace {

const std::filesystem::path source_dir{SAMSPEL_SOURCE_DIR};

std::string field(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : std::string{};
}

TEST(Citation, NamesTheVersionTheBinaryPrints) {
  const std::string cited =
      field(samspel_test::slurp(source_dir / "CITATION.cff"), R"((?:^|\n)version: *(\S+))");
  ASSERT_FALSE(cited.empty()) << "CITATION.cff has no version line";
  const auto r = samspel_test::samspel("--version");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(field(r.output, R"(^samspel (\S+) )"), cited) << r.output;
}

TEST(Citation, StatesTheLicenceOfTheCodeAndTheWebPackages) {
  const std::string cff = samspel_test::slurp(source_dir / "CITATION.cff");
  EXPECT_EQ(field(cff, R"((?:^|\n)license: *(\S+))"), "MIT");
  EXPECT_EQ(samspel_test::slurp(source_dir / "LICENSE").rfind("MIT License\n", 0), 0U);
  EXPECT_EQ(field(samspel_test::slurp(source_dir / "web" / "package.json"),
                  R"re("license": *"([^"]*)")re"),
            "MIT");
}

}  // namespace
