#include "samspel/web/api.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "samspel/assets.hpp"
#include "samspel/io/dictionary.hpp"
#include "samspel/io/excerpt.hpp"
#include "samspel/io/json_scenario.hpp"
#include "samspel/io/names.hpp"
#include "samspel/io/results_json.hpp"
#include "samspel/study/compare.hpp"
#include "samspel/study/run_scenario.hpp"
#include "samspel/version.hpp"
#include "samspel/web/assessment.hpp"
#include "samspel/web/json_body.hpp"
#include "samspel/web/run_request.hpp"

namespace samspel::web {

namespace {

using nlohmann::json;

Response json_response(int status, const json& body) {
  return {status, "application/json", body.dump()};
}

Response error(int status, std::string_view message) {
  return error_response(status, message);
}

Response method_not_allowed(std::string_view method, std::string_view allowed) {
  Response r = error(405, fmt::format("method {}: not allowed here; allowed: {}",
                                      io::quoted_excerpt(method, 16), allowed));
  r.allow = std::string(allowed);
  return r;
}

// Which methods a path of the API answers, or "" for an unknown path.
std::string_view api_methods(std::string_view path) {
  if (path == "/api/version" || path == "/api/parameters" || path == "/api/presets")
    return "GET, HEAD";
  if (path == "/api/assessment") return "GET, HEAD, POST";
  if (path == "/api/runs") return "POST";
  if (path.starts_with("/api/runs/")) return "GET, HEAD";
  return "";
}

json default_value(const io::ParameterSpec& spec) {
  if (std::isnan(spec.default_value)) return nullptr;  // derived
  switch (spec.kind) {
    case io::Kind::Choice:
      return std::string(io::choice_labels(spec)[static_cast<std::size_t>(spec.default_value)]);
    case io::Kind::Boolean:
      return spec.default_value != 0;
    case io::Kind::Integer:
      return static_cast<std::int64_t>(spec.default_value);
    case io::Kind::Real:
      break;
  }
  return spec.default_value;
}

json label_json(const io::Label& label) {
  return {{"sv", label.sv}, {"en", label.en}};
}

// A [run] key ("key": "run.years") or an event's field ("name": "size"): kind, default and
// bounds as a scenario file takes them. A month has no numeric bounds, and a bound beyond what
// a JavaScript number holds exactly (the seed's) is left out.
json field_json(const io::FieldSpec& field, std::string_view key_prefix) {
  json out = json::object();
  if (!key_prefix.empty()) out["key"] = fmt::format("{}{}", key_prefix, field.name);
  out["name"] = field.name;
  out["kind"] = io::kind_name(field.kind);
  switch (field.kind) {
    case io::FieldKind::Month:
      out["default"] = io::format_default(field);
      break;
    case io::FieldKind::Integer:
      out["default"] = static_cast<std::int64_t>(field.default_value);
      out["low"] = io::integer_low(field);
      if (constexpr double kExact = 9007199254740992.0; field.high <= kExact) {
        out["high"] = io::integer_high(field);
      }
      break;
    case io::FieldKind::Real:
      out["default"] = field.default_value;
      out["low"] = field.low;
      out["high"] = field.high;
      break;
  }
  out["meaning"] = field.meaning;
  out["label"] = label_json(field.label);
  return out;
}

json parameters_json(const Limits& limits) {
  static constexpr const char* kKinds[] = {"real", "integer", "boolean", "choice"};
  json list = json::array();
  for (const auto& spec : io::parameter_specs()) {
    json choices = json::array();
    if (spec.kind == io::Kind::Choice) {
      for (const auto label : io::choice_labels(spec))
        choices.push_back(label);
    }
    list.push_back({{"key", spec.key},
                    {"section", spec.section},
                    {"name", spec.name},
                    {"kind", kKinds[static_cast<int>(spec.kind)]},
                    {"default", default_value(spec)},
                    {"low", spec.low},
                    {"high", spec.high},
                    {"choices", choices},
                    {"unit", spec.unit},
                    {"meaning", spec.meaning},
                    {"source", spec.source},
                    {"allowed", io::allowed_values(spec)}});
  }
  // The [run] keys and the events from their table (io/names.hpp), which the parser checks
  // against too. A web client may ask for fewer replicates than a file (limits.hpp).
  json run = json::array();
  for (const auto& field : io::kRunKeys) {
    json entry = field_json(field, "run.");
    if (field.name == "replicates") {
      entry["high"] =
          std::min(io::integer_high(field), static_cast<std::int64_t>(limits.max_replicate_years));
    }
    run.push_back(std::move(entry));
  }
  json events = json::array();
  for (const auto& event : io::kEventSpecs) {
    json keys = json::array();
    for (const auto& field : event.fields)
      keys.push_back(field_json(field, ""));
    events.push_back({{"type", io::event_name(event.type)},
                      {"keys", keys},
                      {"meaning", event.meaning},
                      {"label", label_json(event.label)}});
  }
  return {{"parameters", list}, {"run", run}, {"events", events}};
}

json limits_json(const Limits& l) {
  return {{"max_body_bytes", l.max_body_bytes},
          {"max_json_depth", l.max_json_depth},
          {"max_replicate_years", l.max_replicate_years},
          {"max_variants", l.max_variants},
          {"max_running", l.max_running},
          {"max_kept", l.max_kept}};
}

// The leading comment of a preset: what in the report it stands for.
std::string leading_comment(std::string_view text) {
  std::string out;
  while (!text.empty() && text.front() == '#') {
    const auto end = text.find('\n');
    std::string_view line = text.substr(1, end == std::string_view::npos ? text.npos : end - 1);
    if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (!out.empty()) out += ' ';
    out += line;
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

// What the app shows of a preset: short names and descriptions in both languages, in the order
// a reader meets them (the common case first, then the four strategies from least to most
// organised, then the report's municipalities, then the warning). A file missing here is
// listed last under its scenario name and file comment (a test checks none is missing).
struct PresetText {
  std::string_view file;
  std::string_view name_sv;
  std::string_view name_en;
  std::string_view about_sv;
  std::string_view about_en;
};

constexpr PresetText kPresetTexts[] = {
    {"default.toml", "Medelstor kommun", "Mid-size municipality",
     "30 000 invånare och sex förvaltningar. Samarbetet vilar på förtroende och personkemi, "
     "som i de flesta kommuner. Fyra mandatperioder från 2010.",
     "30,000 residents and six departments. Cooperation rests on trust and personal chemistry, "
     "as in most municipalities. Four terms from 2010."},
    {"strategy_chemistry.toml", "Strategi: personkemi", "Strategy: personal chemistry",
     "Samma kommun; samarbetet bygger på förtroende och kemi, utan rollbeskrivningar eller "
     "rolldialog.",
     "The same municipality; cooperation built on trust and chemistry, without role "
     "descriptions or role dialogue."},
    {"strategy_roles.toml", "Strategi: roller på papperet", "Strategy: roles on paper",
     "Skrivna rollbeskrivningar som aldrig diskuteras.",
     "Written role descriptions that are never talked through."},
    {"strategy_roles_at_start.toml", "Strategi: roller vid start", "Strategy: roles at the start",
     "Rollerna diskuteras när ett nytt par börjar arbeta ihop, sedan aldrig igen.",
     "Roles are talked through when a new pair starts working together, never again."},
    {"strategy_discussed_roles.toml", "Strategi: genomdiskuterade roller",
     "Strategy: discussed roles",
     "Rapportens rekommendation: rollerna diskuteras vid start och sedan varje år.",
     "The report's recommendation: roles talked through at the start and then every year."},
    {"municipality_chemistry.toml", "Kommun 1: kemi", "Municipality 1: chemistry",
     "Den första besökta kommunen i rapporten: förtroende och personkemi, inga rollbeskrivningar "
     "och inga regelbundna möten (s. 19–25).",
     "The report's first visited municipality: trust and chemistry, no role descriptions and no "
     "regular meetings (pp. 19–25)."},
    {"municipality_roles.toml", "Kommun 2: roller", "Municipality 2: roles",
     "Den andra besökta kommunen: roller och respekt för roller, diskuterade när KSO tillträdde, "
     "inget privat umgänge (s. 19–25).",
     "The second visited municipality: roles and respect for roles, talked through when the KSO "
     "took office, no private socialising (pp. 19–25)."},
    {"municipality_pragmatic.toml", "Kommun 3: pragmatism", "Municipality 3: pragmatism",
     "Den tredje, ganska stora kommunen: tydliga gränser, kompromisser och starka nämnder "
     "(s. 19–25).",
     "The third, fairly large municipality: clear boundaries, compromise and strong committees "
     "(pp. 19–25)."},
    {"stagnation.toml", "Stagnation", "Stagnation",
     "En stabil, nära ledning som slutar samtala – och hur det kan sluta i konflikt "
     "(s. 15–18, 26).",
     "A stable, close leadership that stops talking – and how that can end in conflict "
     "(pp. 15–18, 26)."},
};

json presets_json() {
  constexpr std::string_view kPrefix = "presets/";
  json out = json::array();
  json unknown = json::array();
  for (const auto& asset : assets::all()) {
    if (!asset.name.starts_with(kPrefix)) continue;
    json scenario = io::scenario_text_to_json(asset.bytes, asset.name);
    // Population studies need a data file and a results store: the CLI's job.
    if (scenario.contains("population")) continue;
    std::string file(asset.name.substr(kPrefix.size()));
    const std::string name = scenario.value("name", file);
    const std::string comment = leading_comment(asset.bytes);
    const auto* text = std::find_if(std::begin(kPresetTexts), std::end(kPresetTexts),
                                    [&](const PresetText& p) { return p.file == file; });
    const bool known = text != std::end(kPresetTexts);
    json entry = {{"file", file},
                  {"name", name},
                  {"about", comment},
                  {"name_sv", known ? std::string(text->name_sv) : name},
                  {"name_en", known ? std::string(text->name_en) : name},
                  {"about_sv", known ? std::string(text->about_sv) : comment},
                  {"about_en", known ? std::string(text->about_en) : comment},
                  {"order", known ? text - std::begin(kPresetTexts)
                                  : static_cast<std::ptrdiff_t>(std::size(kPresetTexts))},
                  {"scenario", scenario}};
    (known ? out : unknown).push_back(std::move(entry));
  }
  std::sort(out.begin(), out.end(), [](const json& a, const json& b) {
    return a["order"].get<std::ptrdiff_t>() < b["order"].get<std::ptrdiff_t>();
  });
  for (auto& p : unknown)
    out.push_back(std::move(p));
  return out;
}

std::string_view content_type(std::string_view name) {
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".json")) return "application/json";
  return "text/plain; charset=utf-8";
}

Response busy(const Limits& limits) {
  return error(429, fmt::format("busy: {} simulations are running; allowed: at most {} at once, "
                                "try again when one has finished",
                                limits.max_running, limits.max_running));
}

// Removes a comparison's store and SQLite's side files when the job ends, however it ends.
class ScratchFile {
 public:
  explicit ScratchFile(std::filesystem::path path) : path_(std::move(path)) {}
  ~ScratchFile() {
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix, ignored);
  }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

 private:
  std::filesystem::path path_;
};

// A stable code per status, so a client can say what went wrong in its own language.
std::string_view error_code(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 413:
    case 414:
    case 431:
      return "too_large";
    case 415:
      return "unsupported_media_type";
    case 429:
      return "busy";
    default:
      return status >= 500 ? "internal" : "error";
  }
}

// The field an error names: its leading "key: " segments joined, "scenario: run.years: ..."
// naming "scenario.run.years"; a segment is a key when it holds no space or quote. None when the
// message does not start with a key.
json error_field(std::string_view message) {
  std::string field;
  for (;;) {
    const auto colon = message.find(": ");
    if (colon == std::string_view::npos || colon == 0) break;
    const std::string_view segment = message.substr(0, colon);
    if (segment.find_first_of(" \"'") != std::string_view::npos) break;
    if (!field.empty()) field += '.';
    field += segment;
    message.remove_prefix(colon + 2);
  }
  return field.empty() ? json(nullptr) : json(field);
}

}  // namespace

Response error_response(int status, std::string_view message) {
  const std::string text = io::shortened(message);
  const json body = {{"error", text}, {"code", error_code(status)}, {"field", error_field(text)}};
  return {status, "application/json", body.dump(-1, ' ', false, json::error_handler_t::replace)};
}

io::Provenance served_provenance(std::string_view what) {
  return {fmt::format("samspel serve: POST /api/{}", what), std::string(version()),
          std::string(git_revision())};
}

std::optional<std::string_view> static_asset_name(std::string_view path) {
  if (path == "/" || path == "/index.html") return "app/index.html";
  if (!path.starts_with('/')) return std::nullopt;
  const std::string_view name = path.substr(1);
  if (name.empty() || name.find("..") != std::string_view::npos ||
      name.find('\\') != std::string_view::npos || name.find('\0') != std::string_view::npos ||
      name.find("//") != std::string_view::npos || name.ends_with('/')) {
    return std::nullopt;
  }
  for (const auto& asset : assets::all()) {
    if (asset.name == name) return asset.name;
  }
  return std::nullopt;
}

Api::Api(const Limits& limits)
    : limits_(limits),
      scratch_(std::filesystem::temp_directory_path() /
               fmt::format("samspel-serve-{}-{}", ::getpid(), static_cast<const void*>(this))),
      parameters_body_([&] {
        json out = parameters_json(limits);
        out["limits"] = limits_json(limits);
        return out.dump();
      }()),
      presets_body_(presets_json().dump()),
      jobs_(limits.max_running, limits.max_kept) {}

Api::~Api() {
  jobs_.wait();
  std::error_code ignored;
  std::filesystem::remove_all(scratch_, ignored);
}

Response Api::handle(std::string_view method, std::string_view path, std::string_view body) {
  try {
    if (body.size() > limits_.max_body_bytes) {
      return error(413, fmt::format("body: {} bytes; allowed: at most {} bytes", body.size(),
                                    limits_.max_body_bytes));
    }
    const bool get = method == "GET" || method == "HEAD";
    const bool post = method == "POST";
    if (path.starts_with("/api/")) {
      const std::string_view allowed = api_methods(path);
      if (allowed.empty()) return error(404, "no such endpoint; allowed: see docs/api.md");
      const bool answered = (get && allowed.find("GET") != std::string_view::npos) ||
                            (post && allowed.find("POST") != std::string_view::npos);
      if (!answered) return method_not_allowed(method, allowed);
      if (path == "/api/version") {
        return json_response(200, {{"samspel", version()}, {"git_revision", git_revision()}});
      }
      if (path == "/api/parameters") return {200, "application/json", parameters_body_};
      if (path == "/api/presets") return {200, "application/json", presets_body_};
      if (path == "/api/assessment" && get) {
        return json_response(200, {{"questions", questions_json()},
                                   {"replicates", kAssessmentReplicates},
                                   {"years", kAssessmentYears}});
      }
      if (path == "/api/assessment") return start_assessment(body);
      if (path == "/api/runs") return start_run(body);
      return run_status(path.substr(std::string_view("/api/runs/").size()));
    }
    if (!get) return method_not_allowed(method, "GET, HEAD");
    if (const auto name = static_asset_name(path)) {
      return {200, std::string(content_type(*name)), std::string(*assets::find(*name))};
    }
    return error(404, "not found");
  } catch (const BadRequest& e) {
    return error(400, e.what());
  } catch (const std::exception& e) {
    // A bug: its text stays in the server's log, not in an answer to whoever caused it.
    std::fprintf(stderr, "samspel serve: internal error: %s\n", io::shortened(e.what()).c_str());
    return error(500, "internal error; allowed: report it with the request that caused it");
  }
}

Response Api::run_status(std::string_view id) {
  if (const auto status = jobs_.status_json(std::string(id))) {
    return {200, "application/json", *status};
  }
  return error(404, fmt::format("runs/{}: no such run; allowed: an id from POST /api/runs (the "
                                "last {} finished runs are kept)",
                                io::quoted_excerpt(id), limits_.max_kept));
}

Response Api::start_run(std::string_view body) {
  const json request = parse_body(body, limits_.max_json_depth);
  auto variants = parse_run_request(request, limits_);
  const std::size_t total =
      variants.size() * static_cast<std::size_t>(variants.front().scenario.run.replicates);
  const unsigned threads = limits_.threads;
  const bool comparison = variants.size() > 1;
  // A comparison runs through a results store, as `samspel compare` does; each gets its own.
  const std::filesystem::path store =
      scratch_ / fmt::format("compare-{}.sqlite", next_store_.fetch_add(1));
  const auto id = jobs_.start(
      comparison ? "compare" : "run", total,
      [variants = std::move(variants), threads, comparison, store](const Jobs::Progress& progress) {
        if (!comparison) {
          const io::RunResults results =
              study::run_scenario(variants.front().scenario, threads, progress);
          return io::run_document(results, variants.front().scenario, served_provenance("run"))
              .dump();
        }
        std::filesystem::create_directories(store.parent_path());
        const ScratchFile cleanup(store);
        study::StudyOptions options;
        options.threads = threads;
        options.progress = [&](std::size_t stored, std::size_t) { progress(stored); };
        const io::Provenance p = served_provenance("compare");
        study::run_comparison(variants, store, options,
                              {p.samspel_version, p.git_revision, p.command_line});
        return io::store_document(store).dump(-1, ' ', false, json::error_handler_t::replace);
      });
  if (!id) return busy(limits_);
  return json_response(202, {{"id", *id}, {"status_url", "/api/runs/" + *id}});
}

Response Api::start_assessment(std::string_view body) {
  const json request = parse_body(body, limits_.max_json_depth);
  if (!request.is_object())
    throw BadRequest("body: not a JSON object; allowed: {\"answers\": {...}}");
  for (const auto& [key, value] : request.items()) {
    if (key != "answers")
      throw BadRequest(fmt::format("{}: unknown key; allowed: answers", io::quoted_excerpt(key)));
  }
  const json answers = request.value("answers", json::object());
  assessment_scenario(answers);  // a bad answer is a 400 now, not a failed job later
  const unsigned threads = limits_.threads;
  const auto id = jobs_.start("assessment", 3 * static_cast<std::size_t>(kAssessmentReplicates),
                              [answers, threads](const Jobs::Progress& progress) {
                                return run_assessment(answers, threads, progress);
                              });
  if (!id) return busy(limits_);
  return json_response(202, {{"id", *id}, {"status_url", "/api/runs/" + *id}});
}

}  // namespace samspel::web
