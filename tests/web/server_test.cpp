// The server on a real socket under concurrent load: good, malformed and oversized requests
// from many threads at once, raw garbage on the wire, and the server still answers correctly.
#include "samspel/web/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "web/socket_support.hpp"

namespace samspel::web {
namespace {

using nlohmann::json;

using test::RunningServer;

std::unique_ptr<httplib::Client> client(int port) {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port);
  c->set_connection_timeout(5, 0);
  c->set_read_timeout(30, 0);
  return c;
}

// Sends `bytes` on a fresh connection and returns the head of the answer, or "" when none came
// within a second: a keep-alive connection stays open after an answer.
std::string raw_exchange(int port, const std::string& bytes) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  std::string reply;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    const timeval timeout{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    char buffer[4096];
    ssize_t n = 0;
    while (reply.find("\r\n\r\n") == std::string::npos &&
           (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0) {
      reply.append(buffer, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  return reply;
}

TEST(Server, AnswersOnItsPort) {
  RunningServer server(Limits{});
  auto c = client(server.port());
  const auto r = c->Get("/api/version");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(json::parse(r->body).contains("samspel"));
  const auto page = c->Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
}

TEST(Server, EncodedTraversalIs404) {
  RunningServer server(Limits{});
  auto c = client(server.port());
  for (const char* path :
       {"/%2e%2e/%2e%2e/etc/passwd", "/app/%2E%2E/%2E%2E/CMakeLists.txt", "/..%2fCMakeLists.txt",
        "/app%2f..%2f..%2fCMakeLists.txt", "/%5c..%5cCMakeLists.txt", "/app/index.html%00.js"}) {
    const auto r = c->Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path;
  }
  const std::string raw = raw_exchange(
      server.port(), "GET /../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:" +
                         std::to_string(server.port()) + "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 404", 0), 0u) << raw.substr(0, 80);
}

TEST(Server, StaysUpUnderConcurrentGoodMalformedAndOversizedRequests) {
  Limits limits;
  limits.max_body_bytes = 64 * 1024;
  limits.max_running = 1;
  limits.threads = 1;
  RunningServer server(limits);
  constexpr int kThreads = 8;
  constexpr int kRounds = 12;
  std::atomic<int> wrong{0};
  std::atomic<int> accepted_runs{0};
  std::vector<std::thread> threads;
  const std::string oversized = "{\"scenario\": \"" + std::string(100 * 1024, 'x') + "\"}";
  const std::string tiny_run = R"({"scenario": {"run": {"years": 1, "replicates": 2}}})";
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto c = client(server.port());
      for (int round = 0; round < kRounds; ++round) {
        switch ((t + round) % 6) {
          case 0: {
            const auto r = c->Get("/api/parameters");
            if (!r || r->status != 200 || !json::parse(r->body).contains("parameters")) ++wrong;
            break;
          }
          case 1: {
            const auto r = c->Post("/api/runs", "{\"scenario\": {", "application/json");
            if (!r || r->status != 400) ++wrong;
            break;
          }
          case 2: {
            const auto r = c->Post("/api/runs", oversized, "application/json");
            // httplib may close the connection after refusing the body.
            if (r && r->status != 413) ++wrong;
            c = client(server.port());
            break;
          }
          case 3: {
            const auto r = c->Post("/api/runs", tiny_run, "application/json");
            if (!r || (r->status != 202 && r->status != 429)) ++wrong;
            if (r && r->status == 202) ++accepted_runs;
            break;
          }
          case 4: {
            const std::string garbage =
                raw_exchange(server.port(), std::string("\x16\x03\x01garbage\r\n\r\n", 15));
            if (garbage.rfind("HTTP/1.1 400", 0) != 0) ++wrong;
            const std::string uri = raw_exchange(
                server.port(), "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\n\r\n");
            if (uri.rfind("HTTP/1.1 414", 0) != 0) ++wrong;
            // Declares 100 GB and sends one byte: must not take the server down.
            raw_exchange(server.port(),
                         "POST /api/runs HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n{");
            break;
          }
          default: {
            const auto r =
                c->Post("/api/runs", R"({"scenario": {"strategy": {"foundation": "role"}}})",
                        "application/json");
            if (!r || r->status != 400 ||
                json::parse(r->body)["error"].get<std::string>().rfind(
                    "scenario: strategy.foundation:", 0) != 0) {
              ++wrong;
            }
          }
        }
      }
    });
  }
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_GE(accepted_runs.load(), 1);
  auto c = client(server.port());
  const auto after = c->Get("/api/version");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
}

}  // namespace
}  // namespace samspel::web
