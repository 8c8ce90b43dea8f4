#include "samspel/io/scenario.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include "samspel/io/dictionary.hpp"
#include "samspel/io/names.hpp"
#include "samspel/io/scenario_table.hpp"
#include "samspel/io/toml_depth.hpp"
#include "samspel/model/context.hpp"

namespace samspel::io {

namespace {

ScenarioError error(std::string_view message) {
  return one_line_error(message);
}

// A table built in memory (from JSON) has no positions: its source name alone is the place.
std::string where(std::string_view source, const toml::source_region& region) {
  if (region.begin.line == 0) return std::string(source);
  return fmt::format("{}:{}:{}", source, region.begin.line, region.begin.column);
}

[[noreturn]] void fail(std::string_view source, const toml::node& node, std::string_view key,
                       std::string_view problem) {
  throw error(fmt::format("{}: {}: {}", where(source, node.source()), key, problem));
}

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    default:
      return "a date or time";
  }
}

// The numeric value of `node` for `spec`, or a one-line error.
double value_for(const ParameterSpec& spec, const toml::node& node, std::string_view source) {
  const auto wrong_type = [&] {
    fail(source, node, spec.key,
         fmt::format("got {}; allowed: {}", type_name(node), allowed_values(spec)));
  };
  double value = 0;
  switch (spec.kind) {
    case Kind::Real:
      if (const auto v = node.value_exact<double>()) {
        value = *v;
      } else if (const auto i = node.value_exact<std::int64_t>()) {
        value = static_cast<double>(*i);
      } else {
        wrong_type();
      }
      break;
    case Kind::Integer:
      if (const auto i = node.value_exact<std::int64_t>()) {
        value = static_cast<double>(*i);
      } else {
        wrong_type();
      }
      break;
    case Kind::Boolean:
      if (const auto b = node.value_exact<bool>()) {
        value = *b ? 1 : 0;
      } else {
        wrong_type();
      }
      break;
    case Kind::Choice: {
      const auto text = node.value_exact<std::string>();
      if (!text) wrong_type();
      const auto index = choice_index(spec, *text);
      if (!index) {
        fail(source, node, spec.key,
             fmt::format("\"{}\" is not allowed; allowed: {}", *text, allowed_values(spec)));
      }
      value = *index;
      break;
    }
  }
  if (const auto problem = check_value(spec, value)) fail(source, node, spec.key, *problem);
  return value;
}

// An Integer field of names.hpp: its value, exactly (a seed uses all 64 bits), or an error.
std::int64_t integer_in(const toml::node& node, std::string_view key, const FieldSpec& field,
                        std::string_view source) {
  const auto v = node.value_exact<std::int64_t>();
  const std::int64_t lo = integer_low(field);
  const std::int64_t hi = integer_high(field);
  const std::string allowed = allowed_values(field);
  if (!v) fail(source, node, key, fmt::format("got {}; allowed: {}", type_name(node), allowed));
  if (*v < lo || *v > hi)
    fail(source, node, key, fmt::format("{} is not allowed; allowed: {}", *v, allowed));
  return *v;
}

double number_in(const toml::node& node, std::string_view key, double lo, double hi,
                 std::string_view source) {
  const std::string allowed = fmt::format("a number in [{}, {}]", lo, hi);
  double value = 0;
  if (const auto v = node.value_exact<double>()) {
    value = *v;
  } else if (const auto i = node.value_exact<std::int64_t>()) {
    value = static_cast<double>(*i);
  } else {
    fail(source, node, key, fmt::format("got {}; allowed: {}", type_name(node), allowed));
  }
  if (!(value >= lo && value <= hi))
    fail(source, node, key, fmt::format("{} is not allowed; allowed: {}", value, allowed));
  return value;
}

engine::YearMonth month_of(const toml::node& node, std::string_view key, std::string_view source) {
  const auto text = node.value_exact<std::string>();
  if (!text)
    fail(source, node, key, fmt::format("got {}; allowed: {}", type_name(node), month_allowed()));
  const auto ym = engine::parse_year_month(*text);
  if (!ym)
    fail(source, node, key,
         fmt::format("\"{}\" is not a month; allowed: {}", *text, month_allowed()));
  return *ym;
}

std::string text_of(const toml::node& node, std::string_view key, std::string_view source) {
  const auto text = node.value_exact<std::string>();
  if (!text) fail(source, node, key, fmt::format("got {}; allowed: a string", type_name(node)));
  return *text;
}

const toml::table& table_of(const toml::node& node, std::string_view key, std::string_view source) {
  const auto* table = node.as_table();
  if (table == nullptr)
    fail(source, node, key, fmt::format("got {}; allowed: a table [{}]", type_name(node), key));
  return *table;
}

void read_parameters(Scenario& s, std::string_view section, const toml::table& table,
                     std::string_view source) {
  for (const auto& [name, node] : table) {
    const std::string key = fmt::format("{}.{}", section, name.str());
    const ParameterSpec* spec = find_parameter(key);
    if (spec == nullptr) {
      fail(source, node, key,
           "unknown key; allowed: the keys of this section in docs/parameters.md");
    }
    spec->set(s.parameters, value_for(*spec, node, source));
    s.places[key] = where(source, node.source());
  }
}

const FieldSpec* find_field(std::span<const FieldSpec> fields, std::string_view name) {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

// ", a, b": the fields' names as an error lists them after others.
std::string more_names(std::span<const FieldSpec> fields) {
  std::string out;
  for (const auto& f : fields)
    out += fmt::format(", {}", f.name);
  return out;
}

void read_run(Scenario& s, const toml::table& table, std::string_view source) {
  for (const auto& [name, node] : table) {
    const std::string key = fmt::format("run.{}", name.str());
    const FieldSpec* field = find_field(kRunKeys, name.str());
    if (field == nullptr) {
      fail(source, node, key,
           fmt::format("unknown key; allowed: {}", more_names(kRunKeys).substr(2)));
    }
    if (field->kind == FieldKind::Month) {
      s.run.start = month_of(node, key, source);
      continue;
    }
    const std::int64_t value = integer_in(node, key, *field, source);
    if (name == "years") {
      s.run.years = static_cast<int>(value);
    } else if (name == "replicates") {
      s.run.replicates = static_cast<int>(value);
    } else {
      s.run.seed = static_cast<std::uint64_t>(value);
    }
  }
}

// One option of a [[mix]]: a positive weight and the values it sets.
MixOption read_mix_option(const toml::table& table, std::string_view key, std::string_view source) {
  MixOption o;
  bool weighted = false;
  for (const auto& [name, node] : table) {
    const std::string field(name.str());
    if (field == "weight") {
      o.weight = number_in(node, fmt::format("{}.weight", key), 0, 1e12, source);
      if (o.weight <= 0) {
        fail(source, node, fmt::format("{}.weight", key),
             "0 is not allowed; allowed: a weight > 0");
      }
      weighted = true;
      continue;
    }
    const ParameterSpec* spec = find_parameter(field);
    if (spec == nullptr) {
      fail(source, node, fmt::format("{}.{}", key, field),
           "unknown key; allowed: weight and keys of docs/parameters.md such as "
           "\"strategy.foundation\"");
    }
    o.values.emplace_back(field, value_for(*spec, node, source));
  }
  if (!weighted) fail(source, table, key, "no weight; allowed: weight = a number > 0");
  if (o.values.empty()) fail(source, table, key, "sets no parameter; allowed: at least one key");
  return o;
}

std::vector<std::string> keys_of(const MixOption& o) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : o.values)
    keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  return keys;
}

Mix read_mix(const toml::table& table, std::size_t index, std::string_view source) {
  const std::string key = fmt::format("mix[{}]", index);
  Mix m;
  m.where = where(source, table.source());
  for (const auto& [name, node] : table) {
    if (name != "options") {
      fail(source, node, fmt::format("{}.{}", key, name.str()), "unknown key; allowed: options");
    }
    const auto* array = node.as_array();
    if (array == nullptr || array->empty()) {
      fail(source, node, key + ".options",
           "allowed: a non-empty array of tables { weight = ..., \"section.name\" = ... }");
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
      const std::string option = fmt::format("{}.options[{}]", key, i);
      m.options.push_back(
          read_mix_option(table_of(*array->get(i), option, source), option, source));
      // Every option decides the same keys, so a draw never leaves one to the base scenario.
      if (keys_of(m.options.back()) != keys_of(m.options.front())) {
        fail(source, *array->get(i), option,
             "sets other keys than options[0]; allowed: the same keys in every option");
      }
    }
  }
  if (m.options.empty()) fail(source, table, key, "no options; allowed: options = [ ... ]");
  return m;
}

// The event's member that a field of names.hpp sets.
void set_event_field(model::ScriptedEvent& event, const FieldSpec& field, double value) {
  if (field.name == "months") {
    event.months = static_cast<int>(value);
  } else {
    event.size = value;
  }
}

DatedEvent read_event(const toml::table& table, std::size_t index, std::string_view source) {
  DatedEvent e;
  const std::string prefix = fmt::format("events[{}]", index);
  const toml::node* type_node = table.get("type");
  const toml::node* date_node = table.get("date");
  if (type_node == nullptr || date_node == nullptr) {
    fail(source, table, prefix,
         fmt::format("every event needs type and date; allowed: type = {}, date = \"YYYY-MM\"",
                     event_names(" or ")));
  }
  const std::string type = text_of(*type_node, prefix + ".type", source);
  const EventSpec* spec = find_event(type);
  if (spec == nullptr) {
    fail(source, *type_node, prefix + ".type",
         fmt::format("\"{}\" is not an event; allowed: {}", type, event_names(", ")));
  }
  e.event.type = spec->type;
  e.date = month_of(*date_node, prefix + ".date", source);
  e.key = prefix + ".date";
  e.where = where(source, date_node->source());
  for (const auto& field : spec->fields)
    set_event_field(e.event, field, field.default_value);
  for (const auto& [name, node] : table) {
    const std::string key = fmt::format("{}.{}", prefix, name.str());
    if (name == "type" || name == "date") continue;
    const FieldSpec* field = find_field(spec->fields, name.str());
    if (field == nullptr) {
      fail(source, node, key,
           fmt::format("unknown key for an event of type {}; allowed: type, date{}", type,
                       more_names(spec->fields)));
    }
    set_event_field(e.event, *field,
                    field->kind == FieldKind::Integer
                        ? static_cast<double>(integer_in(node, key, *field, source))
                        : number_in(node, key, field->low, field->high, source));
  }
  return e;
}

}  // namespace

Scenario scenario_from_table(const toml::table& root, std::string_view source,
                             std::string_view other_section) {
  Scenario s;
  s.source = std::string(source);
  for (const auto& [name, node] : root) {
    const std::string key(name.str());
    if (!other_section.empty() && key == other_section) continue;
    if (key == "name") {
      s.name = text_of(node, key, source);
    } else if (key == "description") {
      s.description = text_of(node, key, source);
    } else if (key == "population") {
      // Relative to the scenario file, so a scenario and its data travel together.
      const std::filesystem::path file(text_of(node, key, source));
      s.population = file.is_absolute() ? file : std::filesystem::path(source).parent_path() / file;
      s.places["population"] = where(source, node.source());
    } else if (key == "run") {
      read_run(s, table_of(node, key, source), source);
    } else if (key == "municipality" || key == "strategy" || key == "model") {
      read_parameters(s, key, table_of(node, key, source), source);
    } else if (key == "events") {
      const auto* array = node.as_array();
      if (array == nullptr) fail(source, node, key, "allowed: an array of tables [[events]]");
      for (std::size_t i = 0; i < array->size(); ++i) {
        const toml::node& item = *array->get(i);
        s.events.push_back(
            read_event(table_of(item, fmt::format("events[{}]", i), source), i, source));
      }
    } else if (key == "mix") {
      const auto* array = node.as_array();
      if (array == nullptr) fail(source, node, key, "allowed: an array of tables [[mix]]");
      for (std::size_t i = 0; i < array->size(); ++i) {
        s.mix.push_back(
            read_mix(table_of(*array->get(i), fmt::format("mix[{}]", i), source), i, source));
      }
    } else {
      fail(source, node, key,
           "unknown key; allowed: name, description, population, [run], [municipality], "
           "[strategy], [model], [[events]], [[mix]]");
    }
  }
  return s;
}

ScenarioError one_line_error(std::string_view message) {
  // Messages echo input (quoted keys, labels, paths, --set arguments, file fields) that may
  // hold line breaks; written out, they keep the message on one line. Other control characters
  // are written out too (a terminal would obey them), and a long message keeps its start and its
  // end, where what is allowed stands.
  constexpr std::size_t kMaxErrorLength = 1000;
  std::string line;
  line.reserve(message.size());
  for (const char c : message) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      line += "\\n";
    } else if (c == '\r') {
      line += "\\r";
    } else if (byte < 0x20 || byte == 0x7f) {
      line += fmt::format("\\x{:02x}", byte);
    } else {
      line += c;
    }
  }
  if (line.size() > kMaxErrorLength) {
    // Cut between characters, not inside a UTF-8 sequence (messages end up in JSON too).
    const auto continuation = [&](std::size_t i) {
      return (static_cast<unsigned char>(line[i]) & 0xc0U) == 0x80U;
    };
    std::size_t head = kMaxErrorLength / 2;
    while (head > 0 && continuation(head))
      --head;
    std::size_t tail = line.size() - kMaxErrorLength / 2;
    while (tail < line.size() && continuation(tail))
      ++tail;
    line = fmt::format("{} [... {} bytes ...] {}", line.substr(0, head), tail - head,
                       line.substr(tail));
  }
  return ScenarioError(line);
}

std::vector<model::ScriptedEvent> Scenario::scripted_events() const {
  const engine::Calendar cal = calendar();
  std::vector<model::ScriptedEvent> out;
  out.reserve(events.size());
  for (const auto& e : events) {
    model::ScriptedEvent se = e.event;
    se.step = cal.step_of(e.date);
    out.push_back(se);
  }
  return out;
}

Scenario parse_scenario(std::string_view text, std::string_view source_name,
                        std::string_view other_section) {
  check_toml_depth(text, source_name);
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& err) {
    std::string description(err.description());
    for (auto& c : description) {
      if (c == '\n') c = ' ';
    }
    throw error(
        fmt::format("{}: malformed TOML: {}", where(source_name, err.source()), description));
  }
  return scenario_from_table(root, source_name, other_section);
}

Scenario load_scenario(const std::filesystem::path& path) {
  // A directory opens fine and reads as empty, which would pass as a scenario of defaults.
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored))
    throw error(fmt::format("{}: cannot read the scenario file: it is a directory", path.string()));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw error(fmt::format("{}: cannot read the scenario file", path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path.string());
}

void apply_assignment(Scenario& scenario, std::string_view assignment) {
  const auto eq = assignment.find('=');
  const auto problem = [&](std::string_view what) {
    return error(fmt::format("--set {}: {}", assignment, what));
  };
  if (eq == std::string_view::npos || eq == 0) throw problem("expected key=value");
  const std::string key(assignment.substr(0, eq));
  const std::string value(assignment.substr(eq + 1));
  // The value is parsed as TOML below, where '#' would start a comment and a quote end a string.
  if (value.find_first_of("#\"\n") != std::string::npos) {
    throw problem(
        "the value contains '#', '\"' or a line break; allowed: a plain number, "
        "true/false or a label");
  }
  // Reuse the file parser so that --set and files accept exactly the same values.
  const auto dot = key.find('.');
  if (dot == std::string::npos)
    throw problem("expected section.name=value (see docs/parameters.md)");
  const std::string section = key.substr(0, dot);
  const std::string name = key.substr(dot + 1);
  const bool is_text = find_parameter(key) != nullptr && find_parameter(key)->kind == Kind::Choice;
  const FieldSpec* run_field = section == "run" ? find_field(kRunKeys, name) : nullptr;
  const bool is_month = run_field != nullptr && run_field->kind == FieldKind::Month;
  const std::string literal = (is_text || is_month) ? fmt::format("\"{}\"", value) : value;
  toml::table root;
  try {
    const std::string text = fmt::format("[{}]\n{} = {}\n", section, name, literal);
    check_toml_depth(text, "--set");
    root = toml::parse(std::string_view(text), std::string_view("--set"));
  } catch (const toml::parse_error&) {
    throw problem("the value is not a TOML value (numbers, true/false, or a label)");
  } catch (const ScenarioError&) {
    throw problem("the key or value is nested too deeply; allowed: section.name=value");
  }
  try {
    Scenario patch = scenario_from_table(root, "--set");
    if (section == "run") {
      if (name == "start") scenario.run.start = patch.run.start;
      if (name == "years") scenario.run.years = patch.run.years;
      if (name == "replicates") scenario.run.replicates = patch.run.replicates;
      if (name == "seed") scenario.run.seed = patch.run.seed;
    } else if (const ParameterSpec* spec = find_parameter(key)) {
      spec->set(scenario.parameters, spec->get(patch.parameters));
    }
    scenario.places[key] = fmt::format("--set {}", assignment);
  } catch (const ScenarioError& e) {
    // Drop the "--set:1:N: " position: the assignment itself is the place.
    std::string message = e.what();
    const auto colon = message.find(": ");
    throw problem(colon == std::string::npos ? message : message.substr(colon + 2));
  }
}

namespace {

// A [[mix]] draws its keys per municipality: it needs a population, and a key it draws may not
// also be fixed for all (by a section, --set or another [[mix]]), which it would override.
void validate_mix(const Scenario& s) {
  if (s.mix.empty()) return;
  if (s.population.empty()) {
    throw error(
        fmt::format("{}: mix: only for a population study; allowed: [[mix]] with a "
                    "top-level population = \"file.tsv\"",
                    s.mix.front().where));
  }
  std::set<std::string, std::less<>> drawn;
  for (const auto& m : s.mix) {
    for (const auto& [key, value] : m.options.front().values) {
      if (!drawn.insert(key).second) {
        throw error(
            fmt::format("{}: {}: drawn by an earlier [[mix]] too; allowed: each key in "
                        "one [[mix]]",
                        m.where, key));
      }
      if (s.places.contains(key)) {
        throw error(
            fmt::format("{}: {}: is drawn per municipality by the [[mix]] at {}; "
                        "allowed: set it there or remove it from that [[mix]]",
                        s.place_of(key), key, m.where));
      }
    }
  }
}

}  // namespace

std::string Scenario::place_of(std::string_view key) const {
  const auto it = places.find(key);
  return it == places.end() ? source : it->second;
}

void validate(const Scenario& s) {
  if (const auto breach = model::joint_problem(s.parameters)) {
    throw error(fmt::format("{}: {}: {}", s.place_of(breach->key), breach->key, breach->problem));
  }
  validate_mix(s);
  const engine::Calendar cal = s.calendar();
  const engine::YearMonth last = cal.at(cal.months() - 1);
  for (const auto& e : s.events) {
    const int step = cal.step_of(e.date);
    if (step < 0 || step >= cal.months()) {
      throw error(fmt::format("{}: {}: {} is outside the horizon; allowed: {} to {}", e.where,
                              e.key, engine::format_year_month(e.date),
                              engine::format_year_month(cal.start()),
                              engine::format_year_month(last)));
    }
  }
}

}  // namespace samspel::io
