#include "samspel/report/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "samspel/assets.hpp"
#include "samspel/io/atomic_file.hpp"
#include "samspel/io/results_json.hpp"
#include "samspel/io/scenario.hpp"

namespace samspel::report {

namespace {

// Scripts inlined in order: the charting library, then the labels, the chart modules and the
// page itself (web/src/report.js).
constexpr std::string_view kScripts[] = {
    "vega/vega.min.js", "vega/vega-lite.min.js",     "vega/vega-embed.min.js", "app/i18n.js",
    "app/charts.js",    "app/sensitivity_charts.js", "app/report.js"};

// Vega compiles its expressions with `new Function`, hence 'unsafe-eval'; everything else that
// could reach outside the file (fetches, images, fonts, frames, forms) is refused.
constexpr std::string_view kPolicy =
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data:; form-action 'none'; base-uri 'none'";

constexpr std::string_view kStyle = R"(
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem;
       color: #222; }
header { display: flex; justify-content: space-between; align-items: baseline; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
.note { color: #555; font-size: 0.9rem; max-width: 50rem; }
.lang button { font: inherit; padding: 0.2rem 0.6rem; border: 1px solid #888; background: #fff; }
.lang button[aria-pressed="true"] { background: #1f5f8b; color: #fff; }
table.samspel-summary { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
table.samspel-summary th, table.samspel-summary td { padding: 0.2rem 0.7rem;
       border-bottom: 1px solid #e3e3e3; text-align: left; }
table.samspel-summary td.number { text-align: right; font-variant-numeric: tabular-nums;
       white-space: nowrap; }
table.samspel-summary td.better { color: #1d6b2a; font-weight: 600; }
table.samspel-summary td.worse { color: #a12a1a; font-weight: 600; }
table.samspel-summary small.about { color: #666; }
.samspel-chart { margin: 0.8rem 0 1.4rem; }
table.provenance { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
table.provenance th { text-align: left; white-space: nowrap; vertical-align: top;
       padding: 0.2rem 1rem 0.2rem 0; font-weight: 600; }
table.provenance td { padding: 0.2rem 0; overflow-wrap: anywhere; }
pre { background: #f6f6f6; padding: 0.8rem; overflow-x: auto; font-size: 0.8rem; }
)";

// Inlined text must not close its <script> element early: "</script" (any case) becomes
// "<\\/script", which JavaScript strings and regular expressions read the same; in code it
// cannot occur. The libraries hold none (a test checks the page's script count).
std::string script_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::string_view rest = text.substr(i, 8);
    const bool closing = rest.size() == 8 && rest[0] == '<' && rest[1] == '/' &&
                         std::equal(rest.begin() + 2, rest.end(), "script", [](char a, char b) {
                           return std::tolower(static_cast<unsigned char>(a)) == b;
                         });
    out += closing ? "<\\" : std::string(1, text[i]);
  }
  return out;
}

// JSON inside <script type="application/json">: every '<' (only ever inside a string) as \u003c,
// so no "</script" or "<!--" can appear.
std::string json_safe(const nlohmann::ordered_json& document) {
  // Text read from a store need not be UTF-8: such bytes are shown as U+FFFD.
  const std::string text =
      document.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

std::string html_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string_view asset(std::string_view name) {
  const auto bytes = assets::find(name);
  if (!bytes) throw std::logic_error(fmt::format("asset {} is not compiled in", name));
  return *bytes;
}

}  // namespace

bool is_language(std::string_view lang) {
  return std::find(std::begin(kLanguages), std::end(kLanguages), lang) != std::end(kLanguages);
}

std::string html_report(const nlohmann::ordered_json& document, std::string_view lang) {
  const std::string title = document.value("title", std::string("samspel"));
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{} – samspel</title>\n<style>{}</style>\n</head>\n<body>\n"
      "<header><div><h1 id=\"title\">{}</h1><div id=\"subtitle\" class=\"note\"></div></div>"
      "<div class=\"lang\"><span id=\"language-label\"></span> "
      "<button type=\"button\" data-lang=\"sv\">svenska</button>"
      "<button type=\"button\" data-lang=\"en\">English</button></div></header>\n"
      "<main id=\"report\"></main>\n"
      "<noscript>This report draws its charts with JavaScript.</noscript>\n",
      lang, kPolicy, html_escape(title), kStyle, html_escape(title));
  for (const std::string_view name : kScripts) {
    out +=
        fmt::format("<script data-asset=\"{}\">\n{}\n</script>\n", name, script_safe(asset(name)));
  }
  out += fmt::format("<script type=\"application/json\" id=\"samspel-results\">{}</script>\n",
                     json_safe(document));
  out += "<script>window.samspelReport.render();</script>\n</body>\n</html>\n";
  return out;
}

void write_html_report(const std::filesystem::path& results, const std::filesystem::path& out,
                       std::string_view lang) {
  if (!is_language(lang)) {
    throw io::one_line_error(
        fmt::format("--lang: '{}' is not a language of the report; allowed: sv, en", lang));
  }
  const std::filesystem::path parent =
      out.has_parent_path() ? out.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(parent)) {
    throw io::one_line_error(
        fmt::format("-o {}: no directory {}; allowed: a file in an existing directory",
                    out.string(), parent.string()));
  }
  if (std::filesystem::is_directory(out)) {
    throw io::one_line_error(
        fmt::format("-o {}: is a directory; allowed: a file name", out.string()));
  }
  const nlohmann::ordered_json document = io::results_document(results);
  io::write_file_atomically(out, html_report(document, lang));
}

}  // namespace samspel::report
