// The HTTP API and the static pages of `samspel serve` (docs/api.md), independent of the
// socket layer so that tests call it directly: a request (method, path, body) in, a response
// out. Every answer is JSON except the pages; no request can make it throw.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "samspel/io/results.hpp"
#include "samspel/web/jobs.hpp"
#include "samspel/web/limits.hpp"

namespace samspel::web {

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // For 405: the methods the path answers (the Allow header).
  std::string allow = {};
};

class Api {
 public:
  explicit Api(const Limits& limits);
  ~Api();  // waits for running simulations
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  Response handle(std::string_view method, std::string_view path, std::string_view body);

  const Limits& limits() const { return limits_; }

 private:
  Response start_run(std::string_view body);
  Response start_assessment(std::string_view body);
  Response run_status(std::string_view id);

  const Limits limits_;
  // Comparisons' results stores while they run; removed with the Api.
  const std::filesystem::path scratch_;
  // Constant for the server's life: made once.
  const std::string parameters_body_;
  const std::string presets_body_;
  std::atomic<std::uint64_t> next_store_{1};
  Jobs jobs_;
};

// An error answer: {"error": message} with the message shortened and any broken UTF-8 replaced,
// so it is short, valid JSON whatever client input it quotes.
Response error_response(int status, std::string_view message);

// What a served run records as its origin (the results document's provenance).
io::Provenance served_provenance(std::string_view what);

// The embedded file a URL path names ("/" is the app's index page), or nullopt: unknown
// paths, and any path with "..", a backslash, a NUL or an empty segment.
std::optional<std::string_view> static_asset_name(std::string_view path);

}  // namespace samspel::web
