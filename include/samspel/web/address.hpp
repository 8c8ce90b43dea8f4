// How `samspel serve` names the address it listens on.
#pragma once

#include <string>
#include <string_view>

namespace samspel::web {

// "http://127.0.0.1:8080/", "http://[::]:8080/" (an IPv6 address in brackets, RFC 3986).
std::string served_url(std::string_view host, int port);

// Whether `host` keeps the server on this machine: localhost, 127.0.0.0/8 or ::1.
bool is_loopback(std::string_view host);

}  // namespace samspel::web
