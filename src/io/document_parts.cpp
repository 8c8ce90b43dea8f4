#include "document_parts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "samspel/analysis/run_measures.hpp"
#include "samspel/engine/statistics.hpp"
#include "samspel/model/observation.hpp"

namespace samspel::io::document {

Json number(double v) {
  if (!std::isfinite(v)) return nullptr;
  double rounded = 0;
  const std::string text = fmt::format("{:.6g}", v);
  std::from_chars(text.data(), text.data() + text.size(), rounded);
  return rounded;
}

Json head(std::string_view kind, const std::string& title, int replicates,
          const engine::Calendar& calendar) {
  Json j;
  j["samspel_results"] = 1;
  j["kind"] = kind;
  j["title"] = title;
  j["replicates"] = replicates;
  j["start"] = engine::format_year_month(calendar.start());
  Json months = Json::array();
  for (int t = 0; t < calendar.months(); ++t)
    months.push_back(engine::format_year_month(calendar.at(t)));
  j["months"] = std::move(months);
  Json metrics = Json::array();
  for (const auto& m : model::kMetrics)
    metrics.push_back({{"name", m.name}, {"meaning", m.meaning}});
  j["metrics"] = std::move(metrics);
  Json measures = Json::array();
  for (const auto& m : analysis::run_measure_info())
    measures.push_back({{"name", m.name}, {"meaning", m.meaning}});
  j["measures"] = std::move(measures);
  return j;
}

Json election_months(const engine::Calendar& calendar) {
  Json out = Json::array();
  for (int t = 0; t < calendar.months(); ++t) {
    const engine::YearMonth ym = calendar.at(t);
    if (ym.month == 9 && ym.year % 4 == 2) out.push_back(engine::format_year_month(ym));
  }
  return out;
}

Json measure_summary(std::string_view name, std::span<const double> values) {
  std::vector<double> finite;
  for (const double v : values) {
    if (std::isfinite(v)) finite.push_back(v);
  }
  const engine::Summary s = engine::summarize(finite);
  const int n = static_cast<int>(finite.size());
  const double half = n > 1 ? engine::t_quantile_975(n - 1) * s.standard_error : NAN;
  std::sort(finite.begin(), finite.end());
  return {{"name", name},
          {"n", n},
          {"mean", number(s.mean)},
          {"low", number(s.mean - half)},
          {"high", number(s.mean + half)},
          {"q05", number(engine::quantile_sorted(finite, 0.05))},
          {"q50", number(engine::quantile_sorted(finite, 0.50))},
          {"q95", number(engine::quantile_sorted(finite, 0.95))}};
}

bool parse_number(std::string_view text, double& out) {
  if (text == "NA") {
    out = NAN;
    return true;
  }
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace samspel::io::document
