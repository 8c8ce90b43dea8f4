// Scenario files (TOML): the municipality, the strategy, model parameters, scripted events and
// run settings. Parsing is strict: anything unknown, mistyped or out of range is a
// ScenarioError whose message is one line naming file:line:column, the key and what is
// allowed. The format is documented in docs/scenarios.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "samspel/engine/calendar.hpp"
#include "samspel/io/names.hpp"
#include "samspel/model/events.hpp"
#include "samspel/model/parameters.hpp"

namespace samspel::io {

// Bad input: what the user gave (a scenario, an option, a data file, a results store given to
// read or to resume) is wrong, and changing it is the fix; the command line then exits with 2.
// A failure while doing what valid input asks (a disk that fills, a store that cannot be read
// back after it was written) is not the user's to fix: it is a std::runtime_error, exit 1.
class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A ScenarioError whose message stays on one line: line breaks in echoed input are written out
// as \n and \r.
ScenarioError one_line_error(std::string_view message);

// The [run] keys, with the defaults of their table (names.hpp).
struct RunSettings {
  engine::YearMonth start = month_of_number(run_key("start").default_value);
  int years = static_cast<int>(run_key("years").default_value);
  int replicates = static_cast<int>(run_key("replicates").default_value);
  std::uint64_t seed = static_cast<std::uint64_t>(run_key("seed").default_value);
};

// An event as written: its date is turned into a step once the run's start is known.
struct DatedEvent {
  model::ScriptedEvent event;
  engine::YearMonth date;
  std::string key;    // "events[i].date", for errors
  std::string where;  // "file:line:column" of the date, for errors
};

// One independent draw of a population study (`[[mix]]`, docs/scenarios.md): each
// municipality gets one option, chosen with probability weight / (sum of weights), and takes
// its values. Options set several keys together so that only coherent combinations occur.
struct MixOption {
  double weight = 0;
  std::vector<std::pair<std::string, double>> values;  // dictionary key, value as stored
};
struct Mix {
  std::vector<MixOption> options;
  std::string where;  // "file:line:column" of the [[mix]] table
};

struct Scenario {
  std::string name;
  std::string description;
  // A population file (data/municipalities.tsv format): run every municipality in it.
  std::filesystem::path population;
  std::string source;  // file path, or "<text>"
  model::Parameters parameters;
  // How strategies are spread over a population's municipalities; empty = all use the
  // parameters above.
  std::vector<Mix> mix;
  RunSettings run;
  std::vector<DatedEvent> events;
  // Where each key was set ("file:line:column", or the --set assignment), so that checks of
  // several values together can point at one of them.
  std::map<std::string, std::string, std::less<>> places;

  // Where `key` was set, or the scenario's source when it kept its default.
  std::string place_of(std::string_view key) const;

  engine::Calendar calendar() const { return {run.start, run.years * 12}; }
  // The events with steps relative to the start (call validate() first).
  std::vector<model::ScriptedEvent> scripted_events() const;
};

// Parses and checks each value; call validate() once every --set is applied. A top-level key
// named `other_section` (non-empty) is left to the caller: validation files keep their
// [validation] section in the same file as the scenario (io/validation_file.hpp).
Scenario parse_scenario(std::string_view text, std::string_view source_name,
                        std::string_view other_section = {});
Scenario load_scenario(const std::filesystem::path& path);

// Applies "key=value" (a dictionary key such as strategy.foundation, or run.start, run.years,
// run.replicates, run.seed). Throws ScenarioError naming the assignment.
void apply_assignment(Scenario& scenario, std::string_view assignment);

// Checks what no single value can: committees <= departments, room for every sector's issue
// dimensions, events inside the horizon. Throws ScenarioError.
void validate(const Scenario& scenario);

}  // namespace samspel::io
