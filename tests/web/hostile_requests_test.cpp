// The server on a real socket against requests meant to break it: deep nesting, chunked floods,
// slow clients, header floods, cross-site requests, wrong methods and broken UTF-8. Each ends
// with a 4xx (or the connection closed) and the server still answering.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "samspel/web/server.hpp"
#include "web/socket_support.hpp"

namespace samspel::web {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using test::request_text;
using test::round_trip;
using test::RunningServer;
using test::Socket;
using test::status_of;

json error_json(const std::string& answer) {
  const json body = json::parse(test::body_of_answer(answer), nullptr, false);
  return body.is_object() ? body : json::object();
}

std::string error_of(const std::string& answer) {
  return error_json(answer).value("error",
                                  std::string("(no JSON error in: ") + answer.substr(0, 200) + ")");
}

// The server answers a plain request at once.
void expect_still_answering(int port) {
  const auto start = std::chrono::steady_clock::now();
  const std::string answer = round_trip(port, request_text(port, "GET", "/api/version"));
  EXPECT_EQ(status_of(answer), 200) << answer.substr(0, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(2000));
}

// Whether every connection the server had open is closed within a few seconds (the server
// lingers a moment after an error answer).
bool all_connections_close(const RunningServer& server) {
  for (int i = 0; i < 60 && server.server().open_connections() > 0; ++i)
    std::this_thread::sleep_for(milliseconds(50));
  return server.server().open_connections() == 0;
}

Limits quick_limits() {
  Limits limits;
  limits.request_deadline = milliseconds(1500);
  limits.threads = 1;
  return limits;
}

std::string nested_arrays(int levels) {
  return std::string(static_cast<std::size_t>(levels), '[') + "1" +
         std::string(static_cast<std::size_t>(levels), ']');
}

std::string nested_objects(int levels) {
  std::string text;
  for (int i = 0; i < levels; ++i)
    text += "{\"a\":";
  return text + "1" + std::string(static_cast<std::size_t>(levels), '}');
}

TEST(HostileRequests, DeepNestingIs400Everywhere) {
  RunningServer server(quick_limits());
  const int port = server.port();
  const std::vector<std::pair<std::string, std::string>> bodies = {
      {"/api/runs", R"({"scenario":{"name":)" + nested_arrays(40'000) + "}}"},
      {"/api/runs", R"({"scenario":{"name":)" + nested_objects(20'000) + "}}"},
      {"/api/runs", R"({"scenario":{},"variants":[{"changes":)" + nested_objects(20'000) + "}]}"},
      {"/api/assessment", R"({"answers":{"roles":)" + nested_arrays(40'000) + "}}"},
      // Within the body's limit, beyond the scenario's.
      {"/api/runs", R"({"scenario":{"name":)" + nested_arrays(12) + "}}"},
  };
  for (const auto& [path, body] : bodies) {
    const std::string answer = round_trip(port, request_text(port, "POST", path, body));
    EXPECT_EQ(status_of(answer), 400) << answer.substr(0, 300);
    const std::string message = error_of(answer);
    EXPECT_NE(message.find("nested"), std::string::npos) << message;
    EXPECT_LT(message.size(), 300u) << message;
  }
  expect_still_answering(port);
}

TEST(HostileRequests, ChunkedUploadIsCutAtTheBodyLimit) {
  Limits limits = quick_limits();
  RunningServer server(limits);
  const int port = server.port();
  const long rss_before = test::rss_kib();
  Socket s(port);
  ASSERT_TRUE(s.connected());
  ASSERT_TRUE(s.send("POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                     "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
  // 64 MB in 64 KiB chunks: the server must refuse after 256 KiB, not buffer it all.
  const std::string chunk = "10000\r\n" + std::string(0x10000, ' ') + "\r\n";
  std::size_t sent = 0;
  while (sent < 64u * 1024 * 1024 && s.send(chunk))
    sent += 0x10000;
  const std::string answer = s.receive(milliseconds(3000));
  EXPECT_LT(sent, 32u * 1024 * 1024) << "the server kept reading";
  // The 413 arrives unless the client's unread data made the kernel reset the connection first.
  if (!answer.empty()) {
    EXPECT_EQ(status_of(answer), 413) << answer.substr(0, 200);
  }
  EXPECT_LT(test::rss_kib() - rss_before, 32 * 1024);
  expect_still_answering(port);
  // A chunked body within the limit is read whole.
  const std::string small = R"({"scenario": )";
  const std::string answer_small =
      round_trip(port, "POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                           "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                           "Connection: close\r\n\r\n" +
                           fmt::format("{:x}\r\n{}\r\n0\r\n\r\n", small.size(), small));
  EXPECT_EQ(status_of(answer_small), 400);
  EXPECT_EQ(error_of(answer_small), "body: not valid JSON (UTF-8); allowed: a JSON object");
}

TEST(HostileRequests, SlowClientsDoNotDelayOthersAndAreCutAtTheDeadline) {
  RunningServer server(quick_limits());
  const int port = server.port();
  const std::string head = "POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                           "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{";
  std::vector<std::unique_ptr<Socket>> half_sent;
  for (int i = 0; i < 20; ++i) {
    half_sent.push_back(std::make_unique<Socket>(port));
    ASSERT_TRUE(half_sent.back()->send(head));
  }
  std::atomic<bool> dripping{true};
  std::vector<std::thread> drips;
  std::atomic<int> drips_cut{0};
  for (int i = 0; i < 12; ++i) {
    drips.emplace_back([&, port] {
      Socket s(port);
      const std::string text = request_text(port, "GET", "/api/version");
      const auto start = std::chrono::steady_clock::now();
      for (std::size_t k = 0; dripping && k < text.size(); ++k) {
        if (!s.send(text.substr(k, 1))) break;
        std::this_thread::sleep_for(milliseconds(100));
      }
      // The deadline is 1.5 s for the whole request; sending one byte each 100 ms takes longer.
      if (s.closed_within(milliseconds(3000)) &&
          std::chrono::steady_clock::now() - start < milliseconds(4000)) {
        ++drips_cut;
      }
    });
  }
  std::this_thread::sleep_for(milliseconds(200));
  for (int probe = 0; probe < 10; ++probe)
    expect_still_answering(port);
  for (auto& t : drips)
    t.join();
  dripping = false;
  EXPECT_EQ(drips_cut.load(), 12);
  for (auto& s : half_sent)
    EXPECT_TRUE(s->closed_within(milliseconds(3000)));
  expect_still_answering(port);
  EXPECT_TRUE(all_connections_close(server));
}

TEST(HostileRequests, ConnectionsPerClientAreBounded) {
  Limits limits = quick_limits();
  limits.max_connections_per_client = 4;
  RunningServer server(limits);
  const int port = server.port();
  std::vector<std::unique_ptr<Socket>> idle;
  for (int i = 0; i < 4; ++i) {
    idle.push_back(std::make_unique<Socket>(port));
    ASSERT_TRUE(idle.back()->send("GET"));
  }
  std::this_thread::sleep_for(milliseconds(100));
  const std::string refused = round_trip(port, request_text(port, "GET", "/api/version"));
  EXPECT_EQ(status_of(refused), 429) << refused.substr(0, 200);
  EXPECT_NE(refused.find("Retry-After: 5"), std::string::npos);
  idle.clear();
  std::this_thread::sleep_for(milliseconds(200));
  expect_still_answering(port);
}

TEST(HostileRequests, HeaderFloodsAreCutAndMemoryIsGivenBack) {
  RunningServer server(quick_limits());
  const int port = server.port();
  const long rss_before = test::rss_kib();
  std::vector<std::thread> floods;
  std::atomic<int> cut{0};
  for (int i = 0; i < 4; ++i) {
    floods.emplace_back([&, port] {
      Socket s(port);
      s.send("GET /api/version HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\n");
      const std::string line = "X-Flood: " + std::string(1000, 'x') + "\r\n";
      std::string block;
      for (int k = 0; k < 64; ++k)
        block += line;
      std::size_t sent = 0;
      while (sent < 300u * 1024 * 1024 && s.send(block))
        sent += block.size();
      if (sent < 32u * 1024 * 1024) ++cut;
    });
  }
  for (auto& t : floods)
    t.join();
  EXPECT_EQ(cut.load(), 4);
  EXPECT_LT(test::rss_kib() - rss_before, 64 * 1024);
  EXPECT_TRUE(all_connections_close(server));
  // Many short headers: the count is bounded by the same size limit.
  const std::string many = request_text(port, "GET", "/api/version", "", [] {
    std::string h;
    for (int k = 0; k < 5000; ++k)
      h += "A: b\r\n";
    return h;
  }());
  const std::string answer = round_trip(port, many);
  EXPECT_TRUE(answer.empty() || status_of(answer) == 431) << answer.substr(0, 200);
  // Headers within the limit are served.
  const std::string fine =
      request_text(port, "GET", "/api/version", "", "X-Long: " + std::string(8000, 'y') + "\r\n");
  EXPECT_EQ(status_of(round_trip(port, fine)), 200);
  expect_still_answering(port);
}

TEST(HostileRequests, CrossSiteRequestsAreRefused) {
  RunningServer server(quick_limits());
  const int port = server.port();
  const std::string run = R"({"scenario": {"run": {"years": 1, "replicates": 1}}})";
  const std::string origin = "Origin: http://evil.example\r\n";
  const std::string from_evil =
      round_trip(port, request_text(port, "POST", "/api/runs", run, origin));
  EXPECT_EQ(status_of(from_evil), 403) << from_evil.substr(0, 200);
  EXPECT_EQ(error_of(from_evil).rfind("Origin: \"http://evil.example\" is another site;", 0), 0u);
  // A form or a simple request can send text/plain without a preflight.
  std::string plain = request_text(port, "POST", "/api/runs", run);
  plain.replace(plain.find("application/json"), 16, "text/plain");
  const std::string as_text = round_trip(port, plain);
  EXPECT_EQ(status_of(as_text), 415) << as_text.substr(0, 200);
  // DNS rebinding: the page's own name in Host.
  std::string rebound = request_text(port, "GET", "/api/version");
  rebound.replace(rebound.find("127.0.0.1"), 9, "evil.example");
  const std::string foreign_host = round_trip(port, rebound);
  EXPECT_EQ(status_of(foreign_host), 403);
  EXPECT_EQ(error_of(foreign_host).rfind("Host: \"evil.example:", 0), 0u) << foreign_host;
  const std::string no_host =
      round_trip(port, "GET /api/version HTTP/1.1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_of(no_host), 403);
  // The server's own pages are served, by either of its names.
  const std::string own_origin = "Origin: http://127.0.0.1:" + std::to_string(port) + "\r\n";
  const std::string ok = round_trip(port, request_text(port, "POST", "/api/runs", run, own_origin));
  EXPECT_EQ(status_of(ok), 202) << ok.substr(0, 300);
  std::string by_name = request_text(port, "GET", "/api/version");
  by_name.replace(by_name.find("127.0.0.1"), 9, "localhost");
  EXPECT_EQ(status_of(round_trip(port, by_name)), 200);
}

TEST(HostileRequests, WrongMethodsAre405WithAllow) {
  RunningServer server(quick_limits());
  const int port = server.port();
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"DELETE", "/api/runs", "POST"},
      {"GET", "/api/runs", "POST"},
      {"PUT", "/api/parameters", "GET, HEAD"},
      {"POST", "/api/version", "GET, HEAD"},
      {"PATCH", "/api/runs/1", "GET, HEAD"},
      {"DELETE", "/", "GET, HEAD"},
      {"BREW", "/api/assessment", "GET, HEAD, POST"},
  };
  for (const auto& [method, path, allow] : cases) {
    std::string text = request_text(port, method, path);
    if (method == "POST") text = request_text(port, "POST", path, "{}");
    const std::string answer = round_trip(port, text);
    EXPECT_EQ(status_of(answer), 405) << method << " " << path << ": " << answer.substr(0, 200);
    EXPECT_NE(answer.find("Allow: " + allow + "\r\n"), std::string::npos) << method << " " << path;
  }
  const std::string head = round_trip(port, request_text(port, "HEAD", "/api/version"));
  EXPECT_EQ(status_of(head), 200);
  EXPECT_TRUE(test::body_of_answer(head).empty());
  EXPECT_EQ(status_of(round_trip(port, request_text(port, "GET", "/api/nothing"))), 404);
}

TEST(HostileRequests, BrokenUtf8AndNulAreAnsweredWithShortValidJson) {
  RunningServer server(quick_limits());
  const int port = server.port();
  for (const char* path : {"/api/runs/%FF", "/api/runs/%C3%28", "/api/runs/%00x"}) {
    const std::string answer = round_trip(port, request_text(port, "GET", path));
    EXPECT_EQ(status_of(answer), 404) << path << ": " << answer.substr(0, 200);
    const std::string message = error_of(answer);
    EXPECT_EQ(message.rfind("runs/\"", 0), 0u) << message;
    EXPECT_EQ(message.find("internal"), std::string::npos) << message;
  }
  EXPECT_EQ(status_of(round_trip(port, request_text(port, "GET", "/api/runs/%ZZ"))), 400);
  const std::string bad_body = round_trip(
      port, request_text(port, "POST", "/api/runs", "{\"scenario\": {\"name\": \"\xFF\xFE\"}}"));
  EXPECT_EQ(status_of(bad_body), 400);
  EXPECT_EQ(error_of(bad_body), "body: not valid JSON (UTF-8); allowed: a JSON object");
  std::string bad_host = request_text(port, "GET", "/api/version");
  bad_host.replace(bad_host.find("127.0.0.1"), 9, "\xFF\xFE");
  const std::string foreign = round_trip(port, bad_host);
  EXPECT_EQ(status_of(foreign), 403);
  EXPECT_NE(error_of(foreign).find("\\xFF\\xFE"), std::string::npos) << error_of(foreign);
  // A NUL in a key is shown, and the message goes on past it.
  const std::string nul_key = round_trip(
      port, request_text(port, "POST", "/api/runs",
                         R"({"scenario": {"strategy": {"found\u0000ation": "roles"}}})"));
  EXPECT_EQ(status_of(nul_key), 400);
  EXPECT_EQ(error_of(nul_key),
            "scenario: strategy.\"found\\u0000ation\": unknown key; allowed: the keys of a "
            "scenario file (1 to 64 letters, digits, _ and -)");
  const std::string nul_value =
      round_trip(port, request_text(port, "POST", "/api/runs",
                                    R"({"scenario": {"strategy": {"foundation": "ro\u0000le"}}})"));
  EXPECT_EQ(status_of(nul_value), 400);
  EXPECT_EQ(error_of(nul_value),
            "scenario: strategy.foundation: \"ro\\u0000le\" holds a control character; allowed: "
            "text without control characters (tabs and line breaks are fine)");
  // A long bad value or key is cut, not echoed whole.
  const std::string long_key =
      round_trip(port, request_text(port, "POST", "/api/runs",
                                    "{\"scenario\": {\"" + std::string(100'000, 'k') + "\": 1}}"));
  EXPECT_EQ(status_of(long_key), 400);
  EXPECT_LT(error_of(long_key).size(), 300u) << error_of(long_key).substr(0, 400);
  const std::string long_value =
      round_trip(port, request_text(port, "POST", "/api/runs",
                                    R"({"scenario": {"strategy": {"foundation": ")" +
                                        std::string(100'000, '[') + "\"}}}"));
  EXPECT_EQ(status_of(long_value), 400);
  EXPECT_LE(error_of(long_value).size(), 420u) << error_of(long_value).substr(0, 500);
  EXPECT_NE(error_of(long_value).find("allowed: one of chemistry, roles"), std::string::npos);
  expect_still_answering(port);
}

TEST(HostileRequests, ABurstOfComparisonsIsAnsweredNotReset) {
  Limits limits = quick_limits();
  limits.request_deadline = milliseconds(10'000);
  RunningServer server(limits);
  const int port = server.port();
  const std::string compare =
      R"({"scenario": {"run": {"years": 1, "replicates": 2}}, "variants": [{}, {}]})";
  constexpr int kClients = 200;
  std::atomic<int> answered{0};
  std::atomic<int> other{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, port] {
      const int status =
          status_of(round_trip(port, request_text(port, "POST", "/api/runs", compare)));
      if (status == 202 || status == 429) {
        ++answered;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : clients)
    t.join();
  EXPECT_EQ(answered.load(), kClients);
  EXPECT_EQ(other.load(), 0);
  expect_still_answering(port);
}

}  // namespace
}  // namespace samspel::web
