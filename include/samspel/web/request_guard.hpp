// What a request must say about where it comes from before the Api sees it. A web page on
// another site can make the user's browser send requests here: a simple POST (no preflight) or,
// after pointing its own name at 127.0.0.1 (DNS rebinding), any request. So the Host must name
// this server, an Origin, when sent, must be this server's, and a POST's body must be declared
// application/json, which no cross-site form or simple request can send (docs/api.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "samspel/web/api.hpp"

namespace samspel::web {

// The Host values that name this server on a connection: "localhost:PORT", the address the
// connection reached ("127.0.0.1:PORT", "[::1]:PORT") and the --host asked for.
std::vector<std::string> served_hosts(std::string_view bound_host, std::string_view local_address,
                                      int port);

struct RequestOrigin {
  std::string_view method;
  std::optional<std::string_view> host;
  std::optional<std::string_view> origin;
  std::optional<std::string_view> content_type;
};

// The answer to a request that may come from another site (403, or 415 for a POST that is not
// application/json), or nullopt when it may be served.
std::optional<Response> refuse_cross_site(const RequestOrigin& request,
                                          const std::vector<std::string>& hosts);

}  // namespace samspel::web
