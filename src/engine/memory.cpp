#include "samspel/engine/memory.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace samspel::engine {

namespace {

std::optional<std::string> read_text(const char* path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<std::size_t> leading_number(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return std::nullopt;
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data() + begin, text.data() + text.size(), value);
  if (error != std::errc()) return std::nullopt;
  return value;
}

// What cgroup v2 still allows this process: memory.max less memory.current; empty when
// unlimited ("max") or not readable.
std::optional<std::size_t> cgroup_headroom() {
  const auto max = read_text("/sys/fs/cgroup/memory.max");
  const auto current = read_text("/sys/fs/cgroup/memory.current");
  if (!max || !current) return std::nullopt;
  const auto limit = leading_number(*max);
  const auto used = leading_number(*current);
  if (!limit || !used) return std::nullopt;
  return *limit > *used ? *limit - *used : 0;
}

}  // namespace

std::optional<std::size_t> mem_available_from_meminfo(std::string_view meminfo) {
  constexpr std::string_view kKey = "MemAvailable:";
  const auto at = meminfo.find(kKey);
  if (at == std::string_view::npos) return std::nullopt;
  const auto kib = leading_number(meminfo.substr(at + kKey.size()));
  if (!kib) return std::nullopt;
  return *kib * 1024;
}

std::optional<std::size_t> available_memory() {
  std::optional<std::size_t> available;
  if (const auto meminfo = read_text("/proc/meminfo"))
    available = mem_available_from_meminfo(*meminfo);
  if (!available) {
    const long pages = ::sysconf(_SC_AVPHYS_PAGES);
    const long page = ::sysconf(_SC_PAGESIZE);
    if (pages > 0 && page > 0)
      available = static_cast<std::size_t>(pages) * static_cast<std::size_t>(page);
  }
  if (const auto headroom = cgroup_headroom())
    available = available ? std::min(*available, *headroom) : *headroom;
  return available;
}

std::string format_bytes(std::size_t bytes) {
  constexpr double kMB = 1024.0 * 1024.0;
  const double mb = static_cast<double>(bytes) / kMB;
  if (mb < 1024.0) return fmt::format("{:.0f} MB", std::max(mb, 1.0));
  return fmt::format("{:.1f} GB", mb / 1024.0);
}

}  // namespace samspel::engine
