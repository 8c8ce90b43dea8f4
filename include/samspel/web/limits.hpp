// What one request may ask of the server, and how much it does at once (docs/api.md, Limits).
#pragma once

#include <chrono>
#include <cstddef>

namespace samspel::web {

struct Limits {
  // A scenario with a dozen events is a few kilobytes; 256 KiB leaves room and bounds parsing.
  std::size_t max_body_bytes = 256 * 1024;
  // Replicates x years summed over a request's variants. 20,000 is 200 replicates of 16 years
  // for six variants: tens of seconds on one core, about 60 MB of series per variant set.
  long max_replicate_years = 20'000;
  int max_variants = 6;
  // Simulations running at once; each uses `threads` threads. Beyond it: HTTP 429.
  int max_running = 2;
  // Finished runs whose results stay readable.
  std::size_t max_kept = 32;
  unsigned threads = 0;  // per simulation; 0 = all cores
  // Objects and arrays inside one another in a body: a comparison needs 5
  // (variants[].changes.events[]); the bound is checked before parsing (json_body.hpp).
  std::size_t max_json_depth = 16;

  // The socket (server.hpp). A request's line, headers and body must all arrive within the
  // deadline, however the client paces them, and its line and headers together within the
  // header bytes, so a slow or flooding client holds a connection, and its memory, only briefly.
  std::chrono::milliseconds request_deadline{10'000};
  std::size_t max_header_bytes = 16 * 1024;
  // Connections open at once from one address (beyond it: 429 and closed, so that one client
  // cannot take every connection) and in all (beyond it: closed unanswered; bounds descriptors).
  int max_connections_per_client = 64;
  int max_connections = 512;
};

}  // namespace samspel::web
