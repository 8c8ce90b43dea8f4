// Helpers for the web tests that talk to a real server on 127.0.0.1 through plain sockets, so a
// test can send what no HTTP client library would: half requests, one byte at a time, floods.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "samspel/web/server.hpp"

namespace samspel::web::test {

// A Server listening on a free port of 127.0.0.1 from its own thread.
class RunningServer {
 public:
  explicit RunningServer(const Limits& limits) : server_(limits) {
    port_ = server_.bind("127.0.0.1", 0);
    thread_ = std::thread([this] { server_.listen(); });
  }
  ~RunningServer() {
    server_.stop();
    thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;
  int port() const { return port_; }
  const Server& server() const { return server_; }

 private:
  Server server_;
  int port_ = 0;
  std::thread thread_;
};

// A TCP connection to 127.0.0.1:port, closed when destroyed.
class Socket {
 public:
  explicit Socket(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~Socket() { ::close(fd_); }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  bool connected() const { return connected_; }

  // False once the server has closed or reset the connection.
  bool send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  // What arrives within `timeout`: up to the end of the answer's headers, or with
  // `until_closed` everything until the server closes the connection.
  std::string receive(std::chrono::milliseconds timeout, bool until_closed = false) {
    std::string reply;
    const auto end = std::chrono::steady_clock::now() + timeout;
    char buffer[4096];
    while (until_closed || reply.find("\r\n\r\n") == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          end - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      reply.append(buffer, static_cast<std::size_t>(n));
    }
    return reply;
  }

  // Whether the server closes the connection within `timeout` (reading and dropping anything).
  bool closed_within(std::chrono::milliseconds timeout) {
    receive(timeout, true);
    return closed_;
  }

 private:
  int fd_;
  bool connected_ = false;
  bool closed_ = false;
};

// The status code of an answer's first line, or 0 when there was none.
inline int status_of(const std::string& answer) {
  if (answer.rfind("HTTP/1.1 ", 0) != 0 || answer.size() < 12) return 0;
  return std::stoi(answer.substr(9, 3));
}

// The body of a whole answer (after its headers).
inline std::string body_of_answer(const std::string& answer) {
  const auto end = answer.find("\r\n\r\n");
  return end == std::string::npos ? std::string() : answer.substr(end + 4);
}

// A request as a browser on the server's own page would send it; `extra` are more header lines,
// each ending in \r\n.
inline std::string request_text(int port, const std::string& method, const std::string& path,
                                const std::string& body = "", const std::string& extra = "") {
  std::string text = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                     "\r\nConnection: close\r\n" + extra;
  if (method == "POST") {
    text +=
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  return text + "\r\n" + body;
}

// Sends `bytes` on a fresh connection and returns the whole answer (up to the server's close or
// `timeout`).
inline std::string round_trip(int port, const std::string& bytes,
                              std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
  Socket s(port);
  if (!s.connected() || !s.send(bytes)) return {};
  return s.receive(timeout, true);
}

// Resident memory of a process in KiB (VmRSS), 0 when unknown.
inline long rss_kib(const std::string& pid = "self") {
  std::ifstream status("/proc/" + pid + "/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") {
      long kib = 0;
      status >> kib;
      return kib;
    }
    std::getline(status, key);
  }
  return 0;
}

}  // namespace samspel::web::test
