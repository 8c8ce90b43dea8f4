// The API handlers called directly: validation names the field, limits answer 413/400/429,
// traversal is 404, and a run's document holds the same numbers as the study layer's run.
#include "samspel/web/api.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "samspel/io/dictionary.hpp"
#include "samspel/io/json_scenario.hpp"
#include "samspel/io/names.hpp"
#include "samspel/io/results_json.hpp"
#include "samspel/study/run_scenario.hpp"

namespace samspel::web {
namespace {

using nlohmann::json;

json body_of(const Response& r) {
  return json::parse(r.body);
}

Response post_run(Api& api, const json& body) {
  return api.handle("POST", "/api/runs", body.dump());
}

std::string error_of(Api& api, const json& body, int expected_status = 400) {
  const Response r = post_run(api, body);
  EXPECT_EQ(r.status, expected_status) << r.body;
  return body_of(r).value("error", std::string());
}

json small_scenario() {
  return {{"run", {{"start", "2010-01"}, {"years", 2}, {"replicates", 4}, {"seed", 7}}},
          {"strategy", {{"foundation", "roles"}}}};
}

json wait_for(Api& api, const std::string& id) {
  for (int i = 0; i < 600; ++i) {
    const Response r = api.handle("GET", "/api/runs/" + id, "");
    EXPECT_EQ(r.status, 200);
    json status = body_of(r);
    if (status["status"] != "running") return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << "run " << id << " did not finish";
  return {};
}

TEST(Api, ParametersListEveryDictionaryKey) {
  Api api(Limits{});
  const json p = body_of(api.handle("GET", "/api/parameters", ""));
  ASSERT_EQ(p["parameters"].size(), io::parameter_specs().size());
  for (std::size_t i = 0; i < io::parameter_specs().size(); ++i)
    EXPECT_EQ(p["parameters"][i]["key"], io::parameter_specs()[i].key);
  EXPECT_EQ(p["limits"]["max_running"], Limits{}.max_running);
}

void expect_field(const json& served, const io::FieldSpec& field, std::string_view where) {
  EXPECT_EQ(served["name"], field.name) << where;
  EXPECT_EQ(served["kind"], io::kind_name(field.kind)) << where;
  EXPECT_EQ(served["label"]["sv"], field.label.sv) << where;
  EXPECT_EQ(served["label"]["en"], field.label.en) << where;
  EXPECT_EQ(served["meaning"], field.meaning) << where;
  if (field.kind == io::FieldKind::Month) {
    EXPECT_EQ(served["default"], io::format_default(field)) << where;
    EXPECT_FALSE(served.contains("low")) << where;
    return;
  }
  EXPECT_EQ(served["default"].get<double>(), field.default_value) << where;
  EXPECT_EQ(served["low"].get<double>(), field.low) << where;
  // A bound a JavaScript number cannot hold exactly (the seed's) is left out.
  if (std::isinf(field.high)) {
    EXPECT_FALSE(served.contains("high")) << where;
  } else if (field.name != "replicates") {
    EXPECT_EQ(served["high"].get<double>(), field.high) << where;
  }
}

// /api/parameters serves the parameter dictionary and the table of run settings and events
// (io/names.hpp) exactly, in their order; only the replicates are bounded by the server's limits.
TEST(Api, ParametersServeTheTablesExactly) {
  Api api(Limits{});
  const json p = body_of(api.handle("GET", "/api/parameters", ""));
  ASSERT_EQ(p["parameters"].size(), io::parameter_specs().size());
  for (std::size_t i = 0; i < io::parameter_specs().size(); ++i) {
    const auto& spec = io::parameter_specs()[i];
    EXPECT_EQ(p["parameters"][i]["low"].get<double>(), spec.low) << spec.key;
    EXPECT_EQ(p["parameters"][i]["high"].get<double>(), spec.high) << spec.key;
    EXPECT_EQ(p["parameters"][i]["allowed"], io::allowed_values(spec)) << spec.key;
  }
  ASSERT_EQ(p["run"].size(), std::size(io::kRunKeys));
  for (std::size_t i = 0; i < std::size(io::kRunKeys); ++i) {
    const auto& field = io::kRunKeys[i];
    EXPECT_EQ(p["run"][i]["key"], fmt::format("run.{}", field.name));
    expect_field(p["run"][i], field, field.name);
  }
  EXPECT_EQ(p["run"][2]["high"], std::min<std::int64_t>(io::integer_high(io::run_key("replicates")),
                                                        Limits{}.max_replicate_years));
  ASSERT_EQ(p["events"].size(), std::size(io::kEventSpecs));
  for (std::size_t i = 0; i < std::size(io::kEventSpecs); ++i) {
    const auto& event = io::kEventSpecs[i];
    const json& served = p["events"][i];
    EXPECT_EQ(served["type"], io::event_name(event.type));
    EXPECT_EQ(served["label"]["sv"], event.label.sv);
    EXPECT_EQ(served["label"]["en"], event.label.en);
    ASSERT_EQ(served["keys"].size(), event.fields.size());
    for (std::size_t k = 0; k < event.fields.size(); ++k)
      expect_field(served["keys"][k], event.fields[k], io::event_name(event.type));
  }
}

// The event keys the pages offer are the ones the scenario parser accepts: a case surge's size
// is extra arrivals relative to the usual month, 0 to 5, default 1.
TEST(Api, CaseSurgeBoundsAreWhatTheParserAccepts) {
  Api api(Limits{});
  const json p = body_of(api.handle("GET", "/api/parameters", ""));
  json size;
  for (const json& e : p["events"]) {
    if (e["type"] == "case_surge") size = e["keys"][0];
  }
  ASSERT_EQ(size["name"], "size");
  EXPECT_EQ(size["default"], 1.0);
  EXPECT_EQ(size["low"], 0);
  EXPECT_EQ(size["high"], 5);
  auto surge = [](double value) {
    json scenario = small_scenario();
    scenario["events"] = {{{"type", "case_surge"}, {"date", "2011-01"}, {"size", value}}};
    return json{{"scenario", scenario}};
  };
  EXPECT_EQ(error_of(api, surge(5.5)),
            "scenario: events[0].size: 5.5 is not allowed; allowed: a number in [0, 5]");
  const Response r = post_run(api, surge(5));
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(wait_for(api, body_of(r)["id"])["status"], "done");
}

TEST(Api, ErrorsNameTheFieldAndWhatIsAllowed) {
  Api api(Limits{});
  EXPECT_EQ(error_of(api, {{"scenario", {{"strategy", {{"foundation", "role"}}}}}}),
            "scenario: strategy.foundation: \"role\" is not allowed; allowed: one of chemistry, "
            "roles");
  EXPECT_EQ(error_of(api, {{"scenario", {{"municipality", {{"population", 30000.5}}}}}}),
            "scenario: municipality.population: got a number; allowed: an integer in [500, "
            "2000000]");
  EXPECT_EQ(error_of(api, {{"scenario", {{"strategy", {{"foundatio", "roles"}}}}}}),
            "scenario: strategy.foundatio: unknown key; allowed: the keys of this section in "
            "docs/parameters.md");
  EXPECT_EQ(error_of(api, {{"scenario", {{"run", {{"years", nullptr}}}}}}),
            "scenario: run.years: got null; allowed: a value (leave the key out to keep its "
            "default)");
  EXPECT_EQ(
      error_of(api, {{"scenario", {{"events", {{{"type", "ceo_leaves"}, {"date", "2040-01"}}}}}}}),
      "scenario: events[0].date: 2040-01 is outside the horizon; allowed: 2010-01 to "
      "2025-12");
  EXPECT_EQ(error_of(api, {{"scenario", json::object()}, {"extra", 1}}),
            "extra: unknown key; allowed: scenario, variants");
  EXPECT_EQ(error_of(api, {{"scenario", {{"municipality", {{"committees", 7}}}}}}),
            "scenario: municipality.committees: 7 is not allowed; allowed: at most "
            "municipality.departments (6)");
  const std::string variant = error_of(
      api,
      {{"scenario", json::object()},
       {"variants", {{{"label", "a"}}, {{"changes", {{"strategy", {{"role_dialogue", 1}}}}}}}}});
  EXPECT_EQ(variant,
            "variants[1].changes: strategy.role_dialogue: got an integer; allowed: one of none, "
            "at_start, recurring");
  EXPECT_EQ(error_of(api, {{"scenario", {{"population", "../data/municipalities.tsv"}}}})
                .rfind("scenario: population: not available in the web app", 0),
            0u);
  EXPECT_EQ(error_of(api, {{"scenario", json::object()}, {"variants", {{{"label", 5}}}}}),
            "variants[0].label: not allowed; allowed: a string of 1 to 200 characters");
  EXPECT_EQ(error_of(api, {{"scenario", json::object()},
                           {"variants", {{{"changes", {{"run", {{"seed", 2}}}}}}}}})
                .rfind("variants[0].changes.run: not allowed", 0),
            0u);
  EXPECT_EQ(body_of(api.handle("POST", "/api/runs", "{\"scenario\": ")).value("error", ""),
            "body: not valid JSON (UTF-8); allowed: a JSON object");
}

TEST(Api, LimitsWorkPerRequestAndBodySize) {
  Limits limits;
  limits.max_replicate_years = 100;
  limits.max_body_bytes = 1000;
  Api api(limits);
  json big = small_scenario();
  big["run"]["replicates"] = 51;  // 51 x 2 years > 100
  EXPECT_NE(error_of(api, {{"scenario", big}}).find("allowed: at most 100"), std::string::npos);
  json two = small_scenario();
  two["run"]["replicates"] = 26;  // 26 x 2 years x 2 variants > 100
  two["model"]["spin_up_years"] = 0;
  EXPECT_NE(error_of(api, {{"scenario", two}, {"variants", {json::object(), json::object()}}})
                .find("= 104 is too much"),
            std::string::npos);
  // The spin-up is simulated too: 9 x (2 + 10) years > 100 though 9 x 2 observed years is not.
  json spun = small_scenario();
  spun["run"]["replicates"] = 9;
  spun["model"]["spin_up_years"] = 10;
  EXPECT_NE(error_of(api, {{"scenario", spun}}).find("= 108 is too much"), std::string::npos);
  const Response r = api.handle("POST", "/api/runs", std::string(1001, ' '));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(body_of(r)["error"], "body: 1001 bytes; allowed: at most 1000 bytes");
}

TEST(Api, BusyBeyondTheRunningLimit) {
  Limits limits;
  limits.max_running = 1;
  limits.threads = 1;
  Api api(limits);
  json slow = small_scenario();
  slow["run"]["replicates"] = 100;
  slow["run"]["years"] = 10;
  const Response first = post_run(api, {{"scenario", slow}});
  ASSERT_EQ(first.status, 202) << first.body;
  // 1,000 replicate-years take about a second on one thread; the second request comes
  // microseconds later.
  const Response second = post_run(api, {{"scenario", small_scenario()}});
  EXPECT_EQ(second.status, 429) << second.body;
  EXPECT_NE(body_of(second)["error"].get<std::string>().find("at most 1 at once"),
            std::string::npos);
}

TEST(Api, TraversalAndUnknownPathsAre404) {
  Api api(Limits{});
  EXPECT_EQ(api.handle("GET", "/", "").status, 200);
  EXPECT_EQ(api.handle("GET", "/app/app.js", "").status, 200);
  EXPECT_EQ(api.handle("GET", "/vega/vega.min.js", "").status, 200);
  for (const char* path :
       {"/../CMakeLists.txt", "/app/../app/index.html", "/app/..", "/..", "/app//index.html",
        "/app\\index.html", "/etc/passwd", "/app/", "/presets/../../scenarios/default.toml",
        "/api/runs/../parameters", "/api/nothing", "/api/runs/999"}) {
    EXPECT_EQ(api.handle("GET", path, "").status, 404) << path;
  }
  EXPECT_EQ(api.handle("GET", std::string("/app/index.html\0x", 17), "").status, 404);
  EXPECT_FALSE(static_asset_name("/app/%2e%2e/index.html"));
}

TEST(Api, ErrorsCarryACodeAndTheField) {
  Api api(Limits{});
  const Response r = api.handle("POST", "/api/runs", R"({"scenario": {"run": {"years": 0}}})");
  ASSERT_EQ(r.status, 400);
  const json body = json::parse(r.body);
  EXPECT_EQ(body["code"], "bad_request");
  ASSERT_TRUE(body["field"].is_string()) << r.body;
  EXPECT_EQ(body["field"], "scenario.run.years") << r.body;
  const json missing = json::parse(api.handle("GET", "/api/nothing", "").body);
  EXPECT_EQ(missing["code"], "not_found");
  EXPECT_TRUE(missing["field"].is_null());
}

TEST(Api, PresetsAreInTheirOrder) {
  Api api(Limits{});
  const json presets = body_of(api.handle("GET", "/api/presets", ""));
  ASSERT_FALSE(presets.empty());
  EXPECT_EQ(presets.front()["file"], "default.toml");
  for (std::size_t i = 1; i < presets.size(); ++i)
    EXPECT_LT(presets[i - 1]["order"], presets[i]["order"]) << presets[i]["file"];
}

TEST(Api, PresetsAreValidScenarios) {
  Api api(Limits{});
  const json presets = body_of(api.handle("GET", "/api/presets", ""));
  ASSERT_GE(presets.size(), 8u);
  for (const auto& p : presets) {
    EXPECT_FALSE(p["about"].get<std::string>().empty()) << p["file"];
    // Every preset has its own short names and descriptions in both languages, and a place in
    // the order (none falls through to its scenario name and file comment).
    for (const char* key : {"name_sv", "name_en", "about_sv", "about_en"}) {
      EXPECT_FALSE(p[key].get<std::string>().empty()) << p["file"] << " " << key;
      EXPECT_LT(p[key].get<std::string>().size(), 240u) << p["file"] << " " << key;
    }
    EXPECT_NE(p["about_sv"], p["about"]) << p["file"];
    EXPECT_NO_THROW(io::validate(io::scenario_from_json(p["scenario"], "preset"))) << p["file"];
  }
}

// The API's document is the results document of the same scenario run by the study layer, as
// `samspel run` makes it (io::run_document): same configuration, bands and measures.
TEST(Api, RunDocumentIsTheStudyLayersDocument) {
  Api api(Limits{});
  const Response started = post_run(api, {{"scenario", small_scenario()}});
  ASSERT_EQ(started.status, 202) << started.body;
  const json status = wait_for(api, body_of(started)["id"]);
  ASSERT_EQ(status["status"], "done") << status.dump().substr(0, 300);
  EXPECT_EQ(status["done"], 4);
  const json& doc = status["result"];
  EXPECT_EQ(doc["kind"], "run");

  const io::Scenario s = io::scenario_from_json(small_scenario(), "scenario");
  const io::RunResults direct = study::run_scenario(s, 1);
  const json expected = json::parse(io::run_document(direct, s, served_provenance("run")).dump());
  EXPECT_EQ(doc["configurations"], expected["configurations"]);
  EXPECT_EQ(doc["months"], expected["months"]);
  EXPECT_EQ(doc["markers"], expected["markers"]);
  EXPECT_EQ(doc["months"].back(), "2011-12");
}

TEST(Api, ComparisonHasPairedDifferences) {
  Api api(Limits{});
  const json body = {
      {"scenario", small_scenario()},
      {"variants",
       {{{"label", "roles"}},
        {{"label", "chemistry"}, {"changes", {{"strategy", {{"foundation", "chemistry"}}}}}}}}};
  const Response started = post_run(api, body);
  ASSERT_EQ(started.status, 202) << started.body;
  const json status = wait_for(api, body_of(started)["id"]);
  ASSERT_EQ(status["status"], "done") << status.dump().substr(0, 300);
  const json& doc = status["result"];
  EXPECT_EQ(doc["kind"], "compare");
  ASSERT_EQ(doc["configurations"].size(), 2u);
  EXPECT_EQ(doc["configurations"][1]["label"], "chemistry");
  const auto measure = [](const json& list, const std::string& name) {
    for (const auto& m : list) {
      if (m["name"] == name) return m;
    }
    ADD_FAILURE() << name;
    return json();
  };
  const json d = measure(doc["differences"][0]["measures"], "mean_cooperation_kso_ceo");
  const double a =
      measure(doc["configurations"][0]["measures"], "mean_cooperation_kso_ceo")["mean"];
  const double b =
      measure(doc["configurations"][1]["measures"], "mean_cooperation_kso_ceo")["mean"];
  // Six significant digits each.
  EXPECT_NEAR(d["mean"].get<double>(), b - a, 1e-5);
  EXPECT_LE(d["low"].get<double>(), d["mean"].get<double>());
  EXPECT_GE(d["high"].get<double>(), d["mean"].get<double>());
}

}  // namespace
}  // namespace samspel::web
