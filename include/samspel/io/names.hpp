// The names a user sees besides the model's parameters (dictionary.hpp): the [run] keys, the
// scripted event types with their fields, and the size classes of population studies, each
// with its bounds, default and short Swedish and English label. The scenario parser,
// GET /api/parameters, docs/parameters.md and the web app's forms all read them from here; the
// tests hold each of them to it (tests/io/names_test.cpp, tests/web/api_test.cpp).
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>

#include "samspel/engine/calendar.hpp"
#include "samspel/model/events.hpp"

namespace samspel::io {

struct Label {
  std::string_view sv;
  std::string_view en;
};

// A month is "YYYY-MM" (years engine::kFirstYear to kLastYear); its default is held as
// year * 12 + month - 1 so that every default is a number.
enum class FieldKind { Month, Integer, Real };

// A [run] key or a field of an event. An unbounded high (infinity) is the largest 64-bit integer.
struct FieldSpec {
  std::string_view name;
  FieldKind kind;
  double default_value;
  double low;
  double high;
  std::string_view meaning;
  Label label;
};

constexpr double month_number(int year, int month) {
  return year * 12.0 + month - 1;
}
constexpr engine::YearMonth month_of_number(double value) {
  const auto n = static_cast<int>(value);
  return {n / 12, n % 12 + 1};
}

inline constexpr double kUnbounded = std::numeric_limits<double>::infinity();

inline constexpr FieldSpec kRunKeys[] = {
    {"start",
     FieldKind::Month,
     month_number(2010, 1),
     0,
     0,
     "First simulated month",
     {"Första månad (ÅÅÅÅ-MM)", "First month (YYYY-MM)"}},
    {"years", FieldKind::Integer, 16, 1, 100, "Years simulated after the start", {"År", "Years"}},
    {"replicates",
     FieldKind::Integer,
     100,
     1,
     10'000'000,
     "Independent runs, each with its own random streams",
     {"Replikat", "Replicates"}},
    {"seed",
     FieldKind::Integer,
     1,
     0,
     kUnbounded,
     "Seed of the random streams: the same seed gives the same results",
     {"Frö", "Seed"}},
};

inline constexpr FieldSpec kCaseSurgeFields[] = {
    {"size",
     FieldKind::Real,
     1,
     0,
     5,
     "Extra arrivals of individual cases, relative (1 = twice "
     "the usual)",
     {"Storlek", "Size"}},
    {"months", FieldKind::Integer, 12, 1, 1200, "How long the surge lasts", {"Månader", "Months"}},
};
inline constexpr FieldSpec kEnvironmentShockFields[] = {
    {"size",
     FieldKind::Real,
     0.3,
     0,
     1,
     "Expected share of the environment's issue dimensions that flip",
     {"Storlek", "Size"}},
};

struct EventSpec {
  model::EventType type;
  std::string_view meaning;
  Label label;
  std::span<const FieldSpec> fields;  // besides type and date, which every event has
};

inline constexpr EventSpec kEventSpecs[] = {
    {model::EventType::majority_shift,
     "The other bloc takes the majority",
     {"Majoritetsskifte", "Majority shift"},
     {}},
    {model::EventType::ceo_leaves,
     "The kommunchef leaves",
     {"Kommunchefen slutar", "Kommunchef leaves"},
     {}},
    {model::EventType::kso_leaves, "The KSO leaves", {"KSO slutar", "KSO leaves"}, {}},
    {model::EventType::case_surge,
     "A surge of individual cases to the politicians",
     {"Våg av enskilda ärenden", "Surge of individual cases"},
     kCaseSurgeFields},
    {model::EventType::environment_shock,
     "Part of what fits the municipality changes at once",
     {"Omvärldschock", "Environment shock"},
     kEnvironmentShockFields},
};

// Size classes of population studies by residents, in size order: a municipality falls in
// the first class whose `below` exceeds its population.
struct SizeClass {
  std::string_view label;
  int below;
};

inline constexpr SizeClass kSizeClasses[] = {
    {"<10k", 10'000},     {"10-25k", 25'000},    {"25-50k", 50'000},
    {"50-100k", 100'000}, {"100-200k", 200'000}, {">=200k", std::numeric_limits<int>::max()},
};

constexpr const FieldSpec& run_key(std::string_view name) {
  for (const auto& key : kRunKeys) {
    if (key.name == name) return key;
  }
  throw "no such run key";  // a compile error where evaluated at compile time
}

// "month", "integer" or "real", as /api/parameters gives a field's kind.
std::string_view kind_name(FieldKind kind);
std::string_view event_name(model::EventType type);
const EventSpec* find_event(std::string_view name);

// The integer bounds of an Integer field (an unbounded high is the largest 64-bit integer).
std::int64_t integer_low(const FieldSpec& field);
std::int64_t integer_high(const FieldSpec& field);

// "an integer in [1, 100]", "a number in [0, 5]", "a month as \"YYYY-MM\"", for errors and docs.
std::string allowed_values(const FieldSpec& field);
// What a month may be, as the messages and the documents say it.
std::string month_allowed();
// The default as a scenario file writes it ("2010-01", "16", "0.3").
std::string format_default(const FieldSpec& field);

// The event types' names joined by ", ", the last one by `last_separator` (", " or " or ").
std::string event_names(std::string_view last_separator);

// The sections of docs/parameters.md on the [run] keys, the [[events]] and the size classes.
std::string names_markdown();

}  // namespace samspel::io
