// `samspel serve`: the Api on an HTTP socket (Boost.Beast from Debian, docs/api.md says why).
// Binds 127.0.0.1 unless told otherwise; port 0 picks a free port. Connections are served
// asynchronously within the socket limits of Limits (deadline, header size, connections).
#pragma once

#include <memory>
#include <string>

#include "samspel/web/limits.hpp"

namespace samspel::web {

class Server {
 public:
  explicit Server(const Limits& limits);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and returns the port; throws std::runtime_error when the address cannot be bound.
  int bind(const std::string& host, int port);
  // Serves until stop(); call after bind().
  void listen();
  // From any thread.
  void stop();
  // Connections open now (tests of the limits).
  int open_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace samspel::web
