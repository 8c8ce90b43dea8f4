#include "samspel/web/request_guard.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "samspel/io/excerpt.hpp"

namespace samspel::web {

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

bool is_served(std::string_view host, const std::vector<std::string>& hosts) {
  return std::any_of(hosts.begin(), hosts.end(),
                     [&](const std::string& h) { return equal_ignoring_case(host, h); });
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

std::string list(const std::vector<std::string>& hosts) {
  std::string out;
  for (const auto& h : hosts)
    out += out.empty() ? h : ", " + h;
  return out;
}

}  // namespace

std::vector<std::string> served_hosts(std::string_view bound_host, std::string_view local_address,
                                      int port) {
  std::vector<std::string> hosts{fmt::format("localhost:{}", port)};
  const auto add = [&](std::string_view address) {
    const bool v6 = address.find(':') != std::string_view::npos && !address.starts_with('[');
    std::string host =
        v6 ? fmt::format("[{}]:{}", address, port) : fmt::format("{}:{}", address, port);
    if (!is_served(host, hosts)) hosts.push_back(std::move(host));
  };
  if (!local_address.empty()) add(local_address);
  // A wildcard too: it is what `samspel serve` prints, and a browser may open it as it is.
  if (!bound_host.empty()) add(bound_host);
  // Browsers leave out the scheme's default port, in Host and in Origin alike.
  if (port == 80) {
    const std::size_t with_port = hosts.size();
    for (std::size_t i = 0; i < with_port; ++i)
      hosts.push_back(hosts[i].substr(0, hosts[i].rfind(':')));
  }
  return hosts;
}

std::optional<Response> refuse_cross_site(const RequestOrigin& request,
                                          const std::vector<std::string>& hosts) {
  const std::string_view host = trimmed(request.host.value_or(""));
  if (!is_served(host, hosts)) {
    return error_response(403, fmt::format("Host: {} is not this server; allowed: {} (open the "
                                           "app at the address samspel serve prints)",
                                           io::quoted_excerpt(host), list(hosts)));
  }
  if (request.origin) {
    const std::string_view origin = trimmed(*request.origin);
    constexpr std::string_view kScheme = "http://";
    if (!origin.starts_with(kScheme) || !is_served(origin.substr(kScheme.size()), hosts)) {
      return error_response(
          403, fmt::format("Origin: {} is another site; allowed: this server's own pages, "
                           "http:// and one of {}",
                           io::quoted_excerpt(origin), list(hosts)));
    }
  }
  if (request.method == "POST") {
    const std::string_view type = request.content_type.value_or("");
    const std::string_view media = trimmed(type.substr(0, type.find(';')));
    if (!equal_ignoring_case(media, "application/json")) {
      return error_response(415, fmt::format("Content-Type: {}: not accepted; allowed: "
                                             "application/json",
                                             io::quoted_excerpt(type)));
    }
  }
  return std::nullopt;
}

}  // namespace samspel::web
