#include "samspel/io/validation_file.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <toml++/toml.h>
#include <algorithm>
#include <fstream>
#include <sstream>

#include "samspel/analysis/run_measures.hpp"
#include "samspel/io/dictionary.hpp"
#include "samspel/io/toml_depth.hpp"
#include "samspel/model/observation.hpp"

namespace samspel::io {

namespace {

constexpr std::string_view kSection = "validation";

struct Reader {
  std::string_view source;

  std::string where(const toml::node& node) const {
    return fmt::format("{}:{}:{}", source, node.source().begin.line, node.source().begin.column);
  }

  [[noreturn]] void fail(const toml::node& node, std::string_view key,
                         std::string_view problem) const {
    throw one_line_error(fmt::format("{}: {}: {}", where(node), key, problem));
  }

  std::string text(const toml::node& node, std::string_view key) const {
    const auto v = node.value_exact<std::string>();
    if (!v) fail(node, key, "allowed: a string");
    return *v;
  }

  double number(const toml::node& node, std::string_view key) const {
    if (const auto v = node.value_exact<double>()) {
      if (*v >= 0) return *v;
    } else if (const auto i = node.value_exact<std::int64_t>()) {
      if (*i >= 0) return static_cast<double>(*i);
    }
    fail(node, key, "allowed: a number >= 0");
  }

  const toml::table& table(const toml::node& node, std::string_view key) const {
    const auto* t = node.as_table();
    if (t == nullptr) fail(node, key, "allowed: a table");
    return *t;
  }

  // A list of real parameter keys, each named once.
  std::vector<std::string> held(const toml::node& node, std::string_view key) const {
    const std::string allowed = "allowed: an array of distinct real parameter keys (section.name)";
    const auto* array = node.as_array();
    if (array == nullptr) fail(node, key, allowed);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& item = *array->get(i);
      const std::string item_key = fmt::format("{}[{}]", key, i);
      const std::string name = text(item, item_key);
      const ParameterSpec* spec = find_parameter(name);
      if (spec == nullptr || spec->kind != Kind::Real ||
          std::find(out.begin(), out.end(), name) != out.end()) {
        fail(item, item_key,
             fmt::format("\"{}\" is not a real parameter or is named twice; {}", name, allowed));
      }
      out.push_back(name);
    }
    return out;
  }

  // A list of key=value assignments, each checked against `base`.
  std::vector<std::string> assignments(const toml::node& node, std::string_view key,
                                       const Scenario& base) const {
    const auto* array = node.as_array();
    if (array == nullptr) fail(node, key, "allowed: an array of \"section.name=value\" strings");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& item = *array->get(i);
      const std::string item_key = fmt::format("{}[{}]", key, i);
      out.push_back(text(item, item_key));
      try {
        (void)configure(base, {out.back()});
      } catch (const ScenarioError& e) {
        std::string message = e.what();
        if (message.rfind("--set ", 0) == 0) message.erase(0, 6);
        fail(item, item_key, message);
      }
    }
    return out;
  }
};

ValidationMeasure read_measure(const Reader& r, const toml::table& t, std::string_view key,
                               const Scenario& base) {
  ValidationMeasure m;
  const toml::node* name = t.get("name");
  const toml::node* expect = t.get("expect");
  if (name == nullptr || expect == nullptr) r.fail(t, key, "every measure needs name and expect");
  m.name = r.text(*name, fmt::format("{}.name", key));
  const auto& info = analysis::run_measure_info();
  bool found = false;
  for (std::size_t i = 0; i < info.size(); ++i) {
    if (info[i].name == m.name) {
      m.index = i;
      found = true;
    }
  }
  if (!found)
    r.fail(*name, fmt::format("{}.name", key),
           fmt::format("\"{}\" is not a run measure; allowed: a column of replicates.csv "
                       "(docs/outputs.md)",
                       m.name));
  const std::string expectation = r.text(*expect, fmt::format("{}.expect", key));
  found = false;
  for (std::size_t e = 0; e < std::size(kExpectationNames); ++e) {
    if (kExpectationNames[e] == expectation) {
      m.expect = static_cast<Expectation>(e);
      found = true;
    }
  }
  if (!found)
    r.fail(*expect, fmt::format("{}.expect", key),
           fmt::format("\"{}\" is not allowed; allowed: {}", expectation,
                       fmt::join(kExpectationNames, ", ")));
  bool has_margin = false;
  for (const auto& [field, node] : t) {
    const std::string field_key = fmt::format("{}.{}", key, field.str());
    if (field == "name" || field == "expect") continue;
    if (field == "min_effect" &&
        (m.expect == Expectation::increase || m.expect == Expectation::decrease)) {
      m.min_effect = r.number(node, field_key);
    } else if (field == "margin" && takes_margin(m.expect)) {
      m.margin = r.number(node, field_key);
      has_margin = true;
    } else if (field == "by_construction") {
      const auto flag = node.value_exact<bool>();
      if (!flag) r.fail(node, field_key, "allowed: true or false");
      m.by_construction = *flag;
    } else if (field == "years") {
      const auto* years = node.as_array();
      const int last = base.run.years;
      const std::string allowed =
          fmt::format("allowed: [first, last], observed years with 1 <= first <= last <= {}", last);
      if (years == nullptr || years->size() != 2) r.fail(node, field_key, allowed);
      const auto first = years->get(0)->value_exact<std::int64_t>();
      const auto final = years->get(1)->value_exact<std::int64_t>();
      if (!first || !final || *first < 1 || *first > *final || *final > last)
        r.fail(node, field_key, allowed);
      if (m.name.rfind("mean_", 0) != 0 ||
          m.index < analysis::run_measure_info().size() - model::kMetricCount) {
        r.fail(node, field_key,
               fmt::format("{} takes no window; allowed: years only with a mean_<metric> measure",
                           m.name));
      }
      m.index -= analysis::run_measure_info().size() - model::kMetricCount;
      m.from_year = static_cast<int>(*first);
      m.to_year = static_cast<int>(*final);
    } else {
      r.fail(node, field_key,
             fmt::format("unknown key for expect = \"{}\"; allowed: name, expect, years, "
                         "by_construction{}",
                         expectation,
                         takes_margin(m.expect)
                             ? ", margin"
                             : (m.expect == Expectation::positive ? "" : ", min_effect")));
    }
  }
  if (takes_margin(m.expect) && !has_margin) {
    r.fail(t, key,
           fmt::format("expect = \"{}\" needs margin: {}", expectation,
                       m.expect == Expectation::equal     ? "how far apart still counts as equal"
                       : m.expect == Expectation::no_less ? "how much lower still counts as no less"
                                                          : "how much higher still counts as no "
                                                            "more"));
  }
  return m;
}

ValidationComparison read_comparison(const Reader& r, const toml::table& t, std::string_view key,
                                     const Scenario& base) {
  ValidationComparison c;
  const toml::node* measures = nullptr;
  for (const auto& [field, node] : t) {
    const std::string field_key = fmt::format("{}.{}", key, field.str());
    if (field == "label") {
      c.label = r.text(node, field_key);
    } else if (field == "reference") {
      c.reference = r.assignments(node, field_key, base);
    } else if (field == "treatment") {
      c.treatment = r.assignments(node, field_key, base);
    } else if (field == "from") {
      c.from = r.assignments(node, field_key, base);
    } else if (field == "to") {
      c.to = r.assignments(node, field_key, base);
    } else if (field == "measure") {
      measures = &node;
    } else {
      r.fail(node, field_key,
             "unknown key; allowed: label, reference, treatment, from, to, "
             "[[validation.comparison.measure]]");
    }
  }
  if (c.reference.empty() || c.treatment.empty())
    r.fail(t, key, "every comparison needs non-empty reference and treatment lists");
  if (c.from.empty() != c.to.empty())
    r.fail(t, key, "a difference in differences needs both from and to");
  const auto* array = measures == nullptr ? nullptr : measures->as_array();
  if (array == nullptr || array->empty())
    r.fail(measures == nullptr ? static_cast<const toml::node&>(t) : *measures, key,
           "every comparison needs at least one [[validation.comparison.measure]]");
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string measure_key = fmt::format("{}.measure[{}]", key, i);
    c.measures.push_back(read_measure(r, r.table(*array->get(i), measure_key), measure_key, base));
  }
  for (const auto& configuration : c.configurations()) {
    try {
      (void)configure(base, configuration);
    } catch (const ScenarioError& e) {
      r.fail(t, key, fmt::format("a configuration is not valid: {}", e.what()));
    }
  }
  return c;
}

}  // namespace

std::string ValidationMeasure::label() const {
  if (!windowed()) return name;
  return fmt::format("{} (years {}-{})", name, from_year, to_year);
}

std::vector<std::vector<std::string>> ValidationComparison::configurations() const {
  const auto join = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::string> out = a;
    out.insert(out.end(), b.begin(), b.end());
    return out;
  };
  if (!difference_in_differences()) return {reference, treatment};
  return {join(from, reference), join(from, treatment), join(to, reference), join(to, treatment)};
}

Scenario configure(const Scenario& base, const std::vector<std::string>& assignments) {
  Scenario s = base;
  for (const auto& a : assignments)
    apply_assignment(s, a);
  validate(s);
  return s;
}

ValidationSpec parse_validation(std::string_view text, std::string_view source_name) {
  ValidationSpec spec;
  spec.scenario = parse_scenario(text, source_name, kSection);
  validate(spec.scenario);
  const toml::table root = toml::parse(text, source_name);  // parse_scenario has checked it
  const Reader r{source_name};
  const toml::node* section = root.get(kSection);
  if (section == nullptr) {
    throw one_line_error(
        fmt::format("{}: [validation]: missing; allowed: a scenario with a "
                    "[validation] section (docs/VALIDATION.md)",
                    source_name));
  }
  const toml::table& v = r.table(*section, kSection);
  const toml::node* comparisons = nullptr;
  for (const auto& [field, node] : v) {
    const std::string key = fmt::format("validation.{}", field.str());
    if (field == "pattern") {
      spec.pattern = r.text(node, key);
      if (spec.pattern.empty() || spec.pattern.find_first_of(" ,\"\n") != std::string::npos)
        r.fail(node, key, "allowed: a short name without spaces or commas, such as F4b");
    } else if (field == "claim") {
      spec.claim = r.text(node, key);
    } else if (field == "comparison") {
      comparisons = &node;
    } else if (field == "held") {
      spec.held = r.held(node, key);
    } else {
      r.fail(node, key, "unknown key; allowed: pattern, claim, held, [[validation.comparison]]");
    }
  }
  if (spec.pattern.empty()) r.fail(v, "validation", "missing pattern (e.g. pattern = \"F1\")");
  const auto* array = comparisons == nullptr ? nullptr : comparisons->as_array();
  if (array == nullptr || array->empty())
    r.fail(v, "validation", "needs at least one [[validation.comparison]]");
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string key = fmt::format("validation.comparison[{}]", i);
    spec.comparisons.push_back(
        read_comparison(r, r.table(*array->get(i), key), key, spec.scenario));
  }
  return spec;
}

bool is_validation_file(const std::filesystem::path& path) {
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(path, ignored)) return false;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  try {
    check_toml_depth(text.str(), path.string());
    const toml::table root = toml::parse(text.str(), path.string());
    const toml::node* section = root.get(kSection);
    return section != nullptr && section->is_table();
  } catch (const toml::parse_error&) {
    return false;
  } catch (const ScenarioError&) {
    return false;
  }
}

ValidationSpec load_validation(const std::filesystem::path& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored))
    throw one_line_error(
        fmt::format("{}: cannot read the validation file: it is a directory", path.string()));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw one_line_error(fmt::format("{}: cannot read the validation file", path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_validation(text.str(), path.string());
}

}  // namespace samspel::io
