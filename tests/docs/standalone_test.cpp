// The repository's documents stand on their own: they state what they rest on in their own
// words and point at nothing outside the repository, at no issue, branch or working session,
// and at no file of the repository that does not exist.
//
// Scanned (under SAMSPEL_SOURCE_DIR, skipping node_modules, build*, results and .git):
// * every Markdown file: README.md and the other top-level *.md, and *.md under docs/, bench/,
//   web/, scenarios/, validation/, data/, scripts/, cmake/, include/, src/ and tests/;
// * the comments of the scenario and validation files (*.toml under scenarios/, validation/
//   and tests/);
// * the web pages' text (web/app/*.js, *.html; web/src/*.js), which users read as documents.
//
// A line is refused when it holds (case-insensitive):
// * a path outside the repository: `/work/`, `/home/`, `../shared`, `shared/docs`,
//   `shared/report`, `shared/data` (URLs are not paths and are skipped);
// * `FACTS.md` or "reference design": the outside list of patterns and the outside design the
//   model was first built from. docs/patterns.md states the patterns in the project's words;
// * an issue: "issue 3", "issues 2 and 3", "issue #3", "issue item"; and in Markdown and TOML
//   comments, outside code, a bare `#12` (GitHub's issue syntax; HTML entities such as `&#38;`
//   and code spans such as a colour `#222` are not references). "issue" alone is an ordinary
//   word here (issue dimensions, current issues), so only a number or "item" after it counts;
// * a branch: "branch" followed by a name in backticks or a name with a digit ("branch perf4",
//   "branch `docs`"), the project's numbered branch names (perf3, perf4, bands4, mpi4,
//   study3: any of perf/bands/mpi/study followed by digits) anywhere, and "merged from",
//   "merge branch", "merged into main". "branch" alone is an ordinary word (a branch in the code,
//   "no branch that depends on the data"), and un-numbered branch names (march, risk, docs)
//   are ordinary words too, so they count only as "branch `name`";
// * a working session: the word "session(s)" ("this session", "Session 4", "the sessions of
//   runs"). Documents have no legitimate use of it today: samspel has no logins or user
//   sessions (the web app's runs are jobs). The technical compounds a future
//   document might need are allowed: "browser session", "HTTP session", "session cookie",
//   "session id" (and identifiers such as sessionStorage, which are not the word). In the web
//   pages' code the word is not checked, since there it would be an identifier, not a pointer.
// * in Markdown, a link `[text](target)` or `[label]: target` to a path that does not exist in
//   the repository (relative to the document, or to the repository root for `/...`), or that
//   leaves the repository. URLs (`scheme:`) and anchors (`#...`) are not paths. Links in code
//   (spans and fenced blocks) are examples, not links, and are not checked.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

enum class Kind { markdown, toml, web_code };

struct Finding {
  int line;
  std::string what;
};

constexpr auto kIcase = std::regex::ECMAScript | std::regex::icase;

// Rules that apply to any text a reader sees, code spans and blocks included.
struct Rule {
  const char* what;
  std::regex pattern;
};

const std::vector<Rule>& pointer_rules() {
  static const std::vector<Rule> rules = {
      {"a path outside the repository",
       std::regex(R"((/work/|/home/|\.\./shared\b|\bshared/(docs|report|data)\b))", kIcase)},
      {"the outside list of patterns (FACTS.md); state the pattern, see docs/patterns.md",
       std::regex(R"(\bfacts\.md\b)", kIcase)},
      {"the outside reference design; say what the model does, see docs/MODEL.md",
       std::regex(R"(\breference\s+design\b)", kIcase)},
      {"an issue", std::regex(R"(\bissues?\s+(#?\d|item\b))", kIcase)},
      {"a branch",
       std::regex(R"(\bbranch(es)?\s+(`[^`]+`|[a-z][\w-]*\d)|\b(perf|bands|mpi|study)\d+\b)"
                  R"(|\bmerg(e|ed|es|ing)\s+(from\b|branch\b|into\s+`?main\b))",
                  kIcase)},
  };
  return rules;
}

const std::regex& session_word() {
  static const std::regex r(R"(\bsessions?\b)", kIcase);
  return r;
}

// "browser session", "HTTP session", "session cookie", "session id": technical terms, not a
// pointer at a working session.
bool technical_session(const std::string& text, std::size_t pos, std::size_t len) {
  static const std::regex before(R"((browser|http|https)\s+$)", kIcase);
  static const std::regex after(R"(^\s+(cookies?|ids?)\b)", kIcase);
  return std::regex_search(text.substr(0, pos), before) ||
         std::regex_search(text.substr(pos + len), after);
}

std::string without_urls(const std::string& text) {
  static const std::regex url(R"(\b[a-z][a-z0-9+.-]*://[^\s)>\]]*)", kIcase);
  return std::regex_replace(text, url, "<url>");
}

// Removes `code spans` (for the rules that only hold outside code).
std::string without_code_spans(const std::string& text) {
  static const std::regex span("`[^`]*`");
  return std::regex_replace(text, span, "``");
}

void check_text(const std::string& text, int line, bool check_session, bool check_hash_number,
                std::vector<Finding>& out) {
  const std::string plain = without_urls(text);
  for (const Rule& rule : pointer_rules())
    if (std::regex_search(plain, rule.pattern)) out.push_back({line, rule.what});
  if (check_session) {
    for (auto it = std::sregex_iterator(plain.begin(), plain.end(), session_word());
         it != std::sregex_iterator(); ++it) {
      if (!technical_session(plain, static_cast<std::size_t>(it->position()),
                             static_cast<std::size_t>(it->length()))) {
        out.push_back({line, "a working session"});
        break;
      }
    }
  }
  if (check_hash_number) {
    // Link targets are not text: `](#1-purpose)` is an anchor.
    static const std::regex link_target(R"(\]\([^)]*\))");
    static const std::regex hash_number(R"((^|[^\w&#/])#\d+\b)");
    if (std::regex_search(std::regex_replace(without_code_spans(plain), link_target, "]()"),
                          hash_number))
      out.push_back({line, "an issue (#N)"});
  }
}

// Text wraps: "issue" may end one line and "3" begin the next. A match of a pointer rule that
// spans the break between two lines of prose is reported at the first of them. Leading
// indentation and comment or quote markers of the second line are not part of the sentence.
void check_across(const std::string& previous, const std::string& current, int line,
                  std::vector<Finding>& out) {
  static const std::regex leading(R"(^\s*((//|#+|\*|>)\s*)?)");
  static const std::regex trailing(R"(\s+$)");
  const std::string a = std::regex_replace(without_urls(previous), trailing, "");
  const std::string b = std::regex_replace(without_urls(current), leading, "");
  if (a.empty() || b.empty()) return;
  const std::string joined = a + " " + b;
  for (const Rule& rule : pointer_rules()) {
    for (auto it = std::sregex_iterator(joined.begin(), joined.end(), rule.pattern);
         it != std::sregex_iterator(); ++it) {
      const auto begin = static_cast<std::size_t>(it->position());
      if (begin < a.size() && begin + static_cast<std::size_t>(it->length()) > a.size() + 1) {
        out.push_back({line, std::string(rule.what) + " (across two lines)"});
        break;
      }
    }
  }
}

// The path a Markdown link points at, or "" for a URL, an anchor or nothing.
std::string link_path(std::string target) {
  if (target.size() >= 2 && target.front() == '<' && target.back() == '>')
    target = target.substr(1, target.size() - 2);
  static const std::regex scheme(R"(^[a-z][a-z0-9+.-]*:)", kIcase);
  if (target.empty() || target.front() == '#' || std::regex_search(target, scheme)) return "";
  target = target.substr(0, target.find_first_of("#?"));
  static const std::regex space("%20");
  return std::regex_replace(target, space, " ");
}

void check_links(const std::string& text, int line, const fs::path& root, const fs::path& doc,
                 std::vector<Finding>& out) {
  static const std::regex inline_link(R"(\]\(\s*(<[^>]*>|[^)\s]+)(\s+"[^"]*")?\s*\))");
  static const std::regex reference_link(R"(^\s{0,3}\[[^\]]+\]:\s*(\S+))");
  std::vector<std::string> targets;
  const std::string code_free = without_code_spans(text);
  for (auto it = std::sregex_iterator(code_free.begin(), code_free.end(), inline_link);
       it != std::sregex_iterator(); ++it)
    targets.push_back((*it)[1]);
  std::smatch m;
  if (std::regex_search(code_free, m, reference_link)) targets.push_back(m[1]);
  const fs::path base_root = fs::weakly_canonical(root);
  for (const std::string& target : targets) {
    const std::string path = link_path(target);
    if (path.empty()) continue;
    const fs::path resolved = fs::weakly_canonical(
        path.front() == '/' ? root / path.substr(1) : (root / doc).parent_path() / path);
    const auto [end, _] =
        std::mismatch(base_root.begin(), base_root.end(), resolved.begin(), resolved.end());
    if (end != base_root.end())
      out.push_back({line, "a link that leaves the repository: " + target});
    else if (!fs::exists(resolved))
      out.push_back({line, "a link to a file that does not exist: " + target});
  }
}

// The comment of a TOML line (after a '#' outside strings), or "".
std::string toml_comment(const std::string& line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote != 0) {
      if (c == '\\' && quote == '"')
        ++i;
      else if (c == quote)
        quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#') {
      return line.substr(i + 1);
    }
  }
  return "";
}

// Findings for one document's text; `doc` is its path relative to `root`.
std::vector<Finding> check_document(const std::string& content, Kind kind, const fs::path& root,
                                    const fs::path& doc) {
  std::vector<Finding> out;
  std::istringstream in(content);
  std::string line;
  int number = 0;
  std::string fence;     // the open fence of a Markdown code block, or ""
  std::string previous;  // the previous line of prose, for references that wrap
  static const std::regex fence_line(R"(^\s{0,3}(```+|~~~+))");
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string prose;  // this line's text as part of a sentence, or "" to break the chain
    switch (kind) {
      case Kind::markdown: {
        std::smatch m;
        if (std::regex_search(line, m, fence_line)) {
          const std::string marker = m[1];
          if (fence.empty())
            fence = marker;
          else if (marker[0] == fence[0] && marker.size() >= fence.size())
            fence.clear();
          check_text(line, number, true, false, out);
          break;
        }
        const bool in_code = !fence.empty();
        check_text(line, number, true, !in_code, out);
        if (!in_code) check_links(line, number, root, doc, out);
        static const std::regex new_block(R"(^\s*(\d+[.)]\s|[-*+]\s|#))");
        if (std::regex_search(line, new_block)) previous.clear();
        prose = line;
        break;
      }
      case Kind::toml: {
        prose = toml_comment(line);
        if (!prose.empty()) check_text(prose, number, true, true, out);
        break;
      }
      case Kind::web_code:
        check_text(line, number, false, false, out);
        prose = line;
        break;
    }
    check_across(previous, prose, number - 1, out);
    previous = prose;
  }
  // An unclosed block would hide the rest of the document from the link check, and shows as
  // code where text was meant.
  if (!fence.empty()) out.push_back({number, "a code block that is never closed"});
  return out;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool skipped_directory(const fs::path& dir) {
  const std::string name = dir.filename().string();
  return name == "node_modules" || name == ".git" || name == "results" || name.starts_with("build");
}

// Every document under the source tree, relative to it, with its kind.
std::vector<std::pair<fs::path, Kind>> documents(const fs::path& root) {
  std::vector<std::pair<fs::path, Kind>> docs;
  for (const auto& entry : fs::directory_iterator(root))
    if (entry.is_regular_file() && entry.path().extension() == ".md")
      docs.emplace_back(entry.path().filename(), Kind::markdown);
  const std::array<const char*, 11> trees = {"docs",       "bench", "web",     "scenarios",
                                             "validation", "data",  "scripts", "cmake",
                                             "include",    "src",   "tests"};
  for (const char* tree : trees) {
    const fs::path top = root / tree;
    if (!fs::is_directory(top)) continue;
    for (auto it = fs::recursive_directory_iterator(top); it != fs::recursive_directory_iterator();
         ++it) {
      if (it->is_directory() && skipped_directory(it->path())) {
        it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file()) continue;
      const fs::path relative = fs::relative(it->path(), root);
      const std::string ext = it->path().extension().string();
      const std::string first = relative.begin()->string();
      const bool web_page =
          relative.string().starts_with("web/app/") || relative.string().starts_with("web/src/");
      if (ext == ".md")
        docs.emplace_back(relative, Kind::markdown);
      else if (ext == ".toml" &&
               (first == "scenarios" || first == "validation" || first == "tests"))
        docs.emplace_back(relative, Kind::toml);
      else if (web_page && (ext == ".js" || ext == ".html"))
        docs.emplace_back(relative, Kind::web_code);
    }
  }
  std::sort(docs.begin(), docs.end());
  return docs;
}

std::string report(const std::string& name, const std::vector<Finding>& findings) {
  std::string text;
  for (const Finding& f : findings)
    text += name + ":" + std::to_string(f.line) + ": " + f.what + "\n";
  return text;
}

const fs::path kRoot = SAMSPEL_SOURCE_DIR;

TEST(DocumentsStandAlone, DocumentsStandOnTheirOwn) {
  const auto docs = documents(kRoot);
  ASSERT_GT(docs.size(), 20U) << "too few documents found under " << kRoot;
  std::string problems;
  for (const auto& [doc, kind] : docs) {
    problems +=
        report(doc.generic_string(), check_document(read_file(kRoot / doc), kind, kRoot, doc));
  }
  EXPECT_TRUE(problems.empty()) << "documents that do not stand on their own:\n" << problems;
}

TEST(DocumentsStandAlone, TheScanFindsTheDocuments) {
  const auto docs = documents(kRoot);
  const auto has = [&](const char* name) {
    return std::any_of(docs.begin(), docs.end(),
                       [&](const auto& d) { return d.first.generic_string() == name; });
  };
  for (const char* name : {"README.md", "bench/README.md", "docs/patterns.md", "docs/parameters.md",
                           "scenarios/default.toml", "validation/F1.toml", "web/app/texts.js"})
    EXPECT_TRUE(has(name)) << name;
  for (const auto& [doc, kind] : docs)
    EXPECT_EQ(doc.generic_string().find("node_modules"), std::string::npos) << doc;
}

std::vector<Finding> check_markdown(const std::string& text) {
  return check_document(text, Kind::markdown, kRoot, "docs/sample.md");
}

// Each kind of pointer is found, naming the line; ordinary uses of the same words are not.
TEST(DocumentsStandAlone, EachKindOfPointerIsRefused) {
  const std::vector<std::string> refused = {
      "The patterns are in `/work/shared/docs/FACTS.md`.",
      "as the report in ../shared/report/ says",
      "page numbers as in shared/report",
      "see /home/someone/notes.txt",
      "F1 (FACTS.md): chemistry is fragile",
      "where it departs from the reference design",
      "the target of issue 3",
      "Issue 3's target",
      "as issue item 3 asks",
      "issues 2 and 3",
      "fixed in #12.",
      "measured on branch perf4",
      "since branch `bands4`",
      "on `main` after merging `mpi4`",
      "Merge branch 'docs'",
      "merged from study3",
      "merged into `main`",
      "the figures of this session",
      "Session 4: the bands",
      "between the two sessions of runs",
  };
  // Wrapped over two lines, reported at the first.
  for (const char* text :
       {"the target of issue\n3 is", "as the reference\ndesign says", "since branch\n`docs` was"}) {
    const auto findings = check_markdown("fine line\n" + std::string(text) + "\n");
    ASSERT_EQ(findings.size(), 1U) << text;
    EXPECT_EQ(findings.front().line, 2) << text;
  }
  EXPECT_EQ(check_document("x = 1 # as issue\n# 3 says\n", Kind::toml, kRoot, "a.toml").size(), 1U);
  // A paragraph, a list item or a heading starts a new sentence.
  EXPECT_TRUE(check_markdown("each issue\n\n3. A list item").empty());
  EXPECT_TRUE(check_markdown("each issue\n3. A list item\n- issue\n# 4").empty());
  for (const std::string& text : refused) {
    const auto findings = check_markdown("fine line\n" + text + "\n");
    ASSERT_FALSE(findings.empty()) << text;
    EXPECT_EQ(findings.front().line, 2) << text;
  }
  const std::vector<std::string> allowed = {
      "Each issue dimension of the environment flips.",
      "a pair talks current issues through",
      "a pass takes no branch that depends on the data",
      "branches mispredict often",
      "the changes merged in (JSON merge patch)",
      "the incumbent's merged `rho` meets the newcomer's",
      "a colour `#222` in a code span; an entity &#38;",
      "## 2. Entities",
      "the report (Rapport 22, p. 27) and docs/patterns.md",
      "a browser session keeps nothing; a session cookie is not set",
      "sessionStorage is not used",
      "[parameters](parameters.md), [api](api.md#runs), [top](#top), "
      "[site](https://example.org/work/x)",
      "`[not a link](nowhere.md)`",
      "population = \"../data/municipalities.tsv\"",
      "/tmp/t.sqlite",
  };
  for (const std::string& text : allowed)
    EXPECT_TRUE(check_markdown(text).empty()) << text << "\n"
                                              << report("sample", check_markdown(text));
}

TEST(DocumentsStandAlone, LinksMustPointAtFilesOfTheRepository) {
  EXPECT_TRUE(
      check_markdown("[p](parameters.md) [r](../README.md) [s](/scenarios/default.toml)").empty());
  const auto missing = check_markdown("ok\n[gone](no-such-file.md)\n");
  ASSERT_EQ(missing.size(), 1U);
  EXPECT_EQ(missing.front().line, 2);
  EXPECT_NE(missing.front().what.find("does not exist"), std::string::npos);
  const auto outside = check_markdown("[out](../../elsewhere/MODEL.md)");
  ASSERT_EQ(outside.size(), 1U);
  EXPECT_NE(outside.front().what.find("leaves the repository"), std::string::npos);
  EXPECT_EQ(check_markdown("[ref]: missing.md").size(), 1U);
  // Inside a fenced block a link is an example; a block must be closed.
  EXPECT_TRUE(check_markdown("```\n[x](missing.md)\n```\n").empty());
  EXPECT_TRUE(check_markdown("[anchor](#1-purpose) and [in](parameters.md#2-x)").empty());
  const auto unclosed = check_markdown("text\n```sh\nrun\n### Heading\n");
  ASSERT_EQ(unclosed.size(), 1U);
  EXPECT_EQ(unclosed.front().line, 4);
}

TEST(DocumentsStandAlone, TomlCommentsAreCheckedAndValuesAreNot) {
  const auto findings = check_document(
      "# F1 (FACTS.md): fragile\nclaim = \"issue 3 in a value is not a comment\"\n"
      "x = 1  # see /work/shared/data\n",
      Kind::toml, kRoot, "validation/sample.toml");
  ASSERT_EQ(findings.size(), 2U);
  EXPECT_EQ(findings[0].line, 1);
  EXPECT_EQ(findings[1].line, 3);
}

TEST(DocumentsStandAlone, WebPagesAreCheckedForPointers) {
  const auto findings =
      check_document("// The metrics in order (issue 5)\nconst session = 1; const c = '#222';\n",
                     Kind::web_code, kRoot, "web/src/sample.js");
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].line, 1);
}

}  // namespace
