#include "samspel/io/names.hpp"

#include <fmt/format.h>

#include <cmath>

namespace samspel::io {

std::string_view kind_name(FieldKind kind) {
  switch (kind) {
    case FieldKind::Month:
      return "month";
    case FieldKind::Integer:
      return "integer";
    case FieldKind::Real:
      return "real";
  }
  return {};
}

namespace {

std::string markdown_rows(std::span<const FieldSpec> fields, std::string_view prefix) {
  std::string out;
  for (const auto& f : fields) {
    out += fmt::format("| `{}{}` | {} | {} | {} | {} / {} |\n", prefix, f.name, format_default(f),
                       allowed_values(f), f.meaning, f.label.sv, f.label.en);
  }
  return out;
}

}  // namespace

std::string_view event_name(model::EventType type) {
  return model::kEventTypeNames[static_cast<std::size_t>(type)];
}

const EventSpec* find_event(std::string_view name) {
  for (const auto& e : kEventSpecs) {
    if (event_name(e.type) == name) return &e;
  }
  return nullptr;
}

std::int64_t integer_low(const FieldSpec& field) {
  return static_cast<std::int64_t>(field.low);
}

std::int64_t integer_high(const FieldSpec& field) {
  return std::isinf(field.high) ? std::numeric_limits<std::int64_t>::max()
                                : static_cast<std::int64_t>(field.high);
}

std::string month_allowed() {
  return fmt::format("a month as \"YYYY-MM\" with years {}-{}", engine::kFirstYear,
                     engine::kLastYear);
}

std::string allowed_values(const FieldSpec& field) {
  switch (field.kind) {
    case FieldKind::Month:
      return month_allowed();
    case FieldKind::Integer:
      return fmt::format("an integer in [{}, {}]", integer_low(field), integer_high(field));
    case FieldKind::Real:
      return fmt::format("a number in [{}, {}]", field.low, field.high);
  }
  return {};
}

std::string format_default(const FieldSpec& field) {
  switch (field.kind) {
    case FieldKind::Month:
      return engine::format_year_month(month_of_number(field.default_value));
    case FieldKind::Integer:
      return fmt::format("{}", static_cast<std::int64_t>(field.default_value));
    case FieldKind::Real:
      return fmt::format("{}", field.default_value);
  }
  return {};
}

std::string event_names(std::string_view last_separator) {
  std::string out;
  for (std::size_t i = 0; i < std::size(kEventSpecs); ++i) {
    if (i > 0) out += i + 1 == std::size(kEventSpecs) ? last_separator : ", ";
    out += event_name(kEventSpecs[i].type);
  }
  return out;
}

std::string names_markdown() {
  std::string out =
      "\n## [run]\n\n"
      "| key | default | allowed | meaning | label (sv / en) |\n"
      "|---|---|---|---|---|\n";
  out += markdown_rows(kRunKeys, "");
  out +=
      "\n## [[events]]\n\n"
      "Every event has `type` and `date` (a month as \"YYYY-MM\" inside the run); some types take "
      "more fields.\n\n"
      "| type | meaning | label (sv / en) |\n"
      "|---|---|---|\n";
  for (const auto& e : kEventSpecs) {
    out += fmt::format("| `{}` | {} | {} / {} |\n", event_name(e.type), e.meaning, e.label.sv,
                       e.label.en);
  }
  out +=
      "\n| field | default | allowed | meaning | label (sv / en) |\n"
      "|---|---|---|---|---|\n";
  for (const auto& e : kEventSpecs)
    out += markdown_rows(e.fields, fmt::format("{}.", event_name(e.type)));
  out +=
      "\n## Size classes\n\n"
      "A population study summarises its municipalities by size class (residents).\n\n"
      "| size class | residents |\n"
      "|---|---|\n";
  int from = 0;
  for (const auto& c : kSizeClasses) {
    const bool last = &c == &std::end(kSizeClasses)[-1];
    out += last ? fmt::format("| `{}` | {} or more |\n", c.label, from)
                : fmt::format("| `{}` | {} to {} |\n", c.label, from, c.below - 1);
    from = c.below;
  }
  return out;
}

}  // namespace samspel::io
