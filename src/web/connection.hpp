// One accepted connection of `samspel serve`, read and answered with Boost.Beast: requests in
// turn (keep-alive) until the client closes, a limit is passed or a deadline is missed.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <string>

#include "samspel/web/api.hpp"
#include "samspel/web/client_slots.hpp"
#include "samspel/web/limits.hpp"

namespace samspel::web {

// What every connection of a server shares; outlives them all.
struct ConnectionContext {
  Api& api;
  const Limits& limits;
  const std::string& bound_host;  // as --host gave it
  const int& port;                // the bound port, known after bind()
};

// Serves `socket` on its own (the connection keeps itself alive while it has work in flight);
// `slot` is its place among the open connections, given back when it closes.
void serve_connection(boost::asio::ip::tcp::socket socket, ClientSlots::Slot slot,
                      const ConnectionContext& context);

}  // namespace samspel::web
