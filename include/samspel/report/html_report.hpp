// `samspel report`: one self-contained HTML file from a results document (docs/report.md). The
// page inlines the charting library, the chart module, its labels and the document, and its
// Content-Security-Policy forbids any request, so it works offline and reveals nothing.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace samspel::report {

// The languages of the report; the first is the default.
inline constexpr std::string_view kLanguages[] = {"sv", "en"};
bool is_language(std::string_view lang);

// The page for `document`, opening in `lang` (is_language).
std::string html_report(const nlohmann::ordered_json& document, std::string_view lang);

// Reads `results` (a run directory or a results store) and writes its report to `out` through a
// temporary file renamed into place. ScenarioError (one line) for bad input, before anything is
// written.
void write_html_report(const std::filesystem::path& results, const std::filesystem::path& out,
                       std::string_view lang);

}  // namespace samspel::report
