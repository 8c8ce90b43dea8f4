#include "samspel/web/run_request.hpp"

#include <fmt/format.h>

#include <string>

#include "samspel/io/excerpt.hpp"
#include "samspel/io/json_scenario.hpp"

namespace samspel::web {

namespace {

using nlohmann::json;

io::Scenario checked_scenario(const json& scenario, const std::string& source) {
  if (scenario.is_object() && scenario.contains("population")) {
    throw BadRequest(
        fmt::format("{}: population: not available in the web app; allowed: one municipality (run "
                    "population studies with samspel run)",
                    source));
  }
  try {
    io::Scenario s = io::scenario_from_json(scenario, source);
    io::validate(s);
    return s;
  } catch (const io::ScenarioError& e) {
    throw BadRequest(e.what());
  }
}

void only_keys(const json& object, const std::string& where,
               std::initializer_list<const char*> allowed) {
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    std::string list;
    for (const char* a : allowed) {
      known = known || key == a;
      list += list.empty() ? a : fmt::format(", {}", a);
    }
    if (!known) {
      throw BadRequest(io::one_line_error(fmt::format("{}{}: unknown key; allowed: {}", where,
                                                      io::key_for_message(key), list))
                           .what());
    }
  }
}

}  // namespace

io::Scenario scenario_field(const json& body, const char* field) {
  if (!body.contains(field))
    throw BadRequest(fmt::format("{}: missing; allowed: a scenario object", field));
  return checked_scenario(body.at(field), field);
}

long replicate_years(const std::vector<io::Variant>& variants) {
  long total = 0;
  for (const auto& v : variants)
    // The spin-up is simulated too, unobserved: it costs as much as the observed years.
    total += static_cast<long>(v.scenario.run.replicates) *
             (v.scenario.run.years + v.scenario.parameters.model.spin_up_years);
  return total;
}

std::vector<io::Variant> parse_run_request(const json& body, const Limits& limits) {
  if (!body.is_object())
    throw BadRequest(
        "body: not a JSON object; allowed: {\"scenario\": {...}, \"variants\": [...]}");
  only_keys(body, "", {"scenario", "variants"});
  const io::Scenario base = scenario_field(body, "scenario");
  std::vector<io::Variant> variants;
  if (!body.contains("variants")) {
    variants.push_back({base.name.empty() ? std::string("scenario") : base.name, base});
  } else {
    const json& list = body.at("variants");
    if (!list.is_array() || list.empty() ||
        list.size() > static_cast<std::size_t>(limits.max_variants)) {
      throw BadRequest(fmt::format(
          "variants: not allowed; allowed: an array of 1 to {} objects {{\"label\", \"changes\"}}",
          limits.max_variants));
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string where = fmt::format("variants[{}]", i);
      const json& item = list[i];
      if (!item.is_object())
        throw BadRequest(where + ": not an object; allowed: {\"label\", \"changes\"}");
      only_keys(item, where + ".", {"label", "changes"});
      const json changes = item.value("changes", json::object());
      if (!changes.is_object())
        throw BadRequest(where + ".changes: not an object; allowed: a partial scenario");
      // Common random numbers need one calendar, seed and replicate count for all variants.
      if (changes.contains("run")) {
        throw BadRequest(where +
                         ".changes.run: not allowed; allowed: name, description, municipality, "
                         "strategy, model, events (all variants share the scenario's run)");
      }
      json merged = body.at("scenario");
      merged.merge_patch(changes);
      const json label_value = item.value("label", json(fmt::format("variant {}", i + 1)));
      const std::string label = label_value.is_string() ? label_value.get<std::string>() : "";
      if (label.empty() || label.size() > 200)
        throw BadRequest(where + ".label: not allowed; allowed: a string of 1 to 200 characters");
      variants.push_back({label, checked_scenario(merged, where + ".changes")});
    }
  }
  const long work = replicate_years(variants);
  if (work > limits.max_replicate_years) {
    throw BadRequest(fmt::format(
        "scenario.run: replicates x (years + model.spin_up_years) x variants = {} is too much "
        "for one request; "
        "allowed: at most {} (use samspel run or compare for larger studies)",
        work, limits.max_replicate_years));
  }
  return variants;
}

}  // namespace samspel::web
