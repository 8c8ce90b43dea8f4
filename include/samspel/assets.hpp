// Files compiled into the binary at build time (cmake/embed_assets.cmake): the charting library
// from the npm registry and the web app's pages. Nothing is fetched at run time, and the web
// server can serve only these files, so no request can reach the file system.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace samspel::assets {

struct Asset {
  std::string_view name;  // e.g. "vega/vega.min.js"
  std::string_view bytes;
};

std::span<const Asset> all();

inline std::optional<std::string_view> find(std::string_view name) {
  for (const Asset& a : all()) {
    if (a.name == name) return a.bytes;
  }
  return std::nullopt;
}

}  // namespace samspel::assets
