#include "samspel/report/html_report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "io/study_fixture.hpp"
#include "io/temp_directory.hpp"
#include "samspel/io/results_json.hpp"
#include "samspel/io/variants.hpp"

namespace samspel::report {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

io::Scenario small_scenario() {
  io::Scenario s = io::parse_scenario(
      "name = \"Small <town> & co\"\n[run]\nstart = \"2013-01\"\nyears = 2\nreplicates = 5\n"
      "[[events]]\ntype = \"kso_leaves\"\ndate = \"2013-06\"\n",
      "<text>");
  io::validate(s);
  return s;
}

Json small_run_document() {
  const io::Scenario s = small_scenario();
  return io::run_document(io_test::run_replicates(s), s, io::Provenance{"samspel run", "0", "r"});
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

TEST(HtmlReport, InlinesEveryScriptAndTheDocument) {
  const Json doc = small_run_document();
  const std::string html = html_report(doc, "en");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
  EXPECT_THAT(html, HasSubstr("<html lang=\"en\">"));
  // Seven inlined scripts, the document and the call that draws: each closed exactly once.
  EXPECT_EQ(count(html, "<script"), 9U);
  EXPECT_EQ(count(html, "</script>"), 9U);
  for (const char* asset :
       {"vega/vega.min.js", "vega/vega-lite.min.js", "vega/vega-embed.min.js", "app/i18n.js",
        "app/charts.js", "app/sensitivity_charts.js", "app/report.js"}) {
    EXPECT_THAT(html, HasSubstr(std::string("data-asset=\"") + asset + "\""));
  }
  // The title is escaped in HTML, and '<' in the JSON is written as \u003c.
  EXPECT_THAT(html, HasSubstr("<h1 id=\"title\">Small &lt;town&gt; &amp; co</h1>"));
  const std::string open = "<script type=\"application/json\" id=\"samspel-results\">";
  const auto begin = html.find(open) + open.size();
  const std::string json = html.substr(begin, html.find("</script>", begin) - begin);
  EXPECT_EQ(json.find('<'), std::string::npos);
  EXPECT_EQ(Json::parse(json), doc);
}

TEST(HtmlReport, MakesNoExternalRequest) {
  const std::string html = html_report(small_run_document(), "sv");
  // No element attribute loads from elsewhere...
  const std::regex external(R"((src|href|action)\s*=\s*["']?\s*(https?:|//|ftp:))",
                            std::regex::icase);
  EXPECT_FALSE(std::regex_search(html, external));
  // ...and the page's policy forbids every request, should a script try one.
  EXPECT_THAT(html, HasSubstr("content=\"default-src 'none';"));
  EXPECT_THAT(html, ::testing::Not(HasSubstr("connect-src")));
}

TEST(HtmlReport, SameResultsGiveTheSameBytes) {
  // No clock, no path of the build: a report is as reproducible as the results it shows.
  EXPECT_EQ(html_report(small_run_document(), "sv"), html_report(small_run_document(), "sv"));
}

TEST(HtmlReport, LanguageMustBeSwedishOrEnglish) {
  EXPECT_TRUE(is_language("sv"));
  EXPECT_TRUE(is_language("en"));
  EXPECT_FALSE(is_language("de"));
  EXPECT_FALSE(is_language(""));
}

TEST(WriteHtmlReport, FromARunDirectory) {
  const io_test::TempDirectory dir;
  const io::Scenario s = small_scenario();
  io::write_run_directory(dir.path() / "run", io_test::run_replicates(s), s, io::Provenance{});
  write_html_report(dir.path() / "run", dir.path() / "report.html", "sv");
  const std::string html = slurp(dir.path() / "report.html");
  EXPECT_THAT(html, HasSubstr("\"kind\":\"run\""));
  EXPECT_THAT(html, HasSubstr("<html lang=\"sv\">"));
}

TEST(WriteHtmlReport, FromAComparisonStore) {
  const io_test::TempDirectory dir;
  const auto variants =
      io::expand_variants(small_scenario(), {"strategy.role_dialogue=none,recurring"});
  io_test::write_comparison(variants, dir.path() / "c.sqlite");
  write_html_report(dir.path() / "c.sqlite", dir.path() / "report.html", "en");
  const std::string html = slurp(dir.path() / "report.html");
  EXPECT_THAT(html, HasSubstr("\"kind\":\"compare\""));
  EXPECT_THAT(html, HasSubstr("\"differences\":[{\"variant\":1"));
}

TEST(WriteHtmlReport, BadInputWritesNothing) {
  const io_test::TempDirectory dir;
  const fs::path out = dir.path() / "report.html";
  const auto refused = [&](const fs::path& results, const fs::path& to, const char* lang,
                           const char* message) {
    EXPECT_THAT([&] { write_html_report(results, to, lang); },
                ::testing::ThrowsMessage<io::ScenarioError>(HasSubstr(message)));
    EXPECT_FALSE(fs::exists(to));
  };
  refused(dir.path() / "missing", out, "sv", "no such run directory or results store");
  refused(dir.path(), out, "sv", "not a samspel run directory");
  std::ofstream(dir.path() / "plain.txt") << "not sqlite\n";
  refused(dir.path() / "plain.txt", out, "sv", "not a samspel results store");
  refused(dir.path() / "missing", out, "fi", "--lang: 'fi'");
  refused(dir.path(), dir.path() / "no" / "report.html", "sv", "no directory");
  // Nothing else appeared either (no temporary left behind).
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path()))
    ++files;
  EXPECT_EQ(files, 1U);
}

}  // namespace
}  // namespace samspel::report
