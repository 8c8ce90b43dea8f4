// What one request may ask of the server, and how much it does at once (docs/api.md, Limits).
#pragma once

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
};

}  // namespace samspel::web
