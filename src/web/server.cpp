#include "samspel/web/server.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include <stdexcept>

#include "samspel/web/api.hpp"

namespace samspel::web {

struct Server::Impl {
  explicit Impl(const Limits& limits) : api(limits) {}
  Api api;
  httplib::Server http;
};

Server::Server(const Limits& limits) : impl_(std::make_unique<Impl>(limits)) {
  auto& http = impl_->http;
  // httplib answers 413 itself when a declared body is larger, before reading it.
  http.set_payload_max_length(limits.max_body_bytes);
  // A client that stalls must not hold a worker thread for long.
  http.set_read_timeout(10, 0);
  http.set_write_timeout(10, 0);
  const auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    const Response r = impl_->api.handle(req.method, req.path, req.body);
    res.status = r.status;
    res.set_content(r.body, r.content_type.c_str());
    if (r.status == 429) res.set_header("Retry-After", "5");
  };
  const char* pattern = R"(/.*)";
  http.Get(pattern, handler);
  http.Post(pattern, handler);
  http.Put(pattern, handler);
  http.Delete(pattern, handler);
  http.Patch(pattern, handler);
  // httplib's own errors (413, 400 for a malformed request line) get a JSON body too.
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const std::string message = res.status == 413
                                    ? "body too large; allowed: see GET /api/parameters (limits)"
                                    : fmt::format("HTTP {}", res.status);
    res.set_content(fmt::format(R"({{"error":"{}"}})", message), "application/json");
  });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        res.set_content(R"({"error":"internal error"})", "application/json");
      });
}

Server::~Server() {
  stop();
}

int Server::bind(const std::string& host, int port) {
  const int bound = port == 0 ? impl_->http.bind_to_any_port(host)
                              : (impl_->http.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) throw std::runtime_error(fmt::format("cannot listen on {}:{}", host, port));
  return bound;
}

void Server::listen() {
  impl_->http.listen_after_bind();
}

void Server::stop() {
  impl_->http.stop();
}

}  // namespace samspel::web
