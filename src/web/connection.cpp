#include "connection.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string_view>

#include "samspel/web/request_guard.hpp"
#include "samspel/web/url_path.hpp"

namespace samspel::web {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Request = http::request<http::string_body>;

// A connection beyond the client's limit is answered 429 as soon as its request line and headers
// are in; it gets little time for them.
constexpr std::chrono::milliseconds kRefusedDeadline{2'000};
// After an error answer the client may still be sending (a body never read): the rest is read
// and dropped for a moment, so the answer is not lost to a reset, then the connection closes.
constexpr std::chrono::milliseconds kLingerTime{1'000};
constexpr std::size_t kMaxLingerBytes = 1024 * 1024;

std::string_view view(beast::string_view s) {
  return {s.data(), s.size()};
}

std::optional<std::string_view> header(const Request& request, http::field field) {
  const auto it = request.find(field);
  if (it == request.end()) return std::nullopt;
  return view(it->value());
}

std::string address_text(const net::ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    return net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6()).to_string();
  return address.to_string();
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, ClientSlots::Slot slot, const ConnectionContext& context)
      : stream_(std::move(socket)), slot_(std::move(slot)), context_(context) {
    beast::error_code ec;
    const auto local = stream_.socket().local_endpoint(ec);
    hosts_ =
        served_hosts(context.bound_host, ec ? "" : address_text(local.address()), context.port);
  }

  void read_header() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(context_.limits.max_header_bytes));
    parser_->body_limit(context_.limits.max_body_bytes);
    // One deadline for the request line, the headers and the body together: a client that
    // sends a byte now and then cannot keep the connection beyond it.
    stream_.expires_after(refused() ? std::min(context_.limits.request_deadline, kRefusedDeadline)
                                    : context_.limits.request_deadline);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

 private:
  bool refused() const { return slot_.admission() == ClientSlots::Admission::over_client_limit; }

  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    const Request& request = parser_->get();
    if (refused()) {
      return respond(error_response(429, fmt::format("connections: too many open from your "
                                                     "address; allowed: at most {} at once",
                                                     context_.limits.max_connections_per_client)),
                     true);
    }
    auto path = decoded_path(view(request.target()));
    if (!path) {
      return respond(
          error_response(400,
                         "request target: not a path; allowed: /path, with % followed by "
                         "two hex digits"),
          true);
    }
    if (auto refusal = refuse_cross_site(
            {view(request.method_string()), header(request, http::field::host),
             header(request, http::field::origin), header(request, http::field::content_type)},
            hosts_)) {
      return respond(std::move(*refusal), true);
    }
    path_ = std::move(*path);
    if (!parser_->is_done() && request.version() == 11 &&
        beast::iequals(request[http::field::expect], "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      return net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                              [self = shared_from_this()](beast::error_code e, std::size_t) {
                                if (!e) self->read_body();
                              });
    }
    read_body();
  }

  void read_body() {
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
  }

  void on_body(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    Request request = parser_->release();
    const bool head = request.method() == http::verb::head;
    Response response = context_.api.handle(view(request.method_string()), path_, request.body());
    respond(std::move(response), !request.keep_alive(), head);
  }

  void on_read_error(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      return respond(error_response(413, fmt::format("body: too large; allowed: at most {} bytes",
                                                     context_.limits.max_body_bytes)),
                     true);
    }
    if (ec == http::error::header_limit) {
      const std::string_view received(static_cast<const char*>(buffer_.data().data()),
                                      buffer_.size());
      if (received.find("\r\n") == std::string_view::npos) {
        return respond(error_response(414, fmt::format("request line: too long; allowed: at "
                                                       "most {} bytes with the headers",
                                                       context_.limits.max_header_bytes)),
                       true);
      }
      return respond(error_response(431, fmt::format("headers: too large; allowed: at most {} "
                                                     "bytes with the request line",
                                                     context_.limits.max_header_bytes)),
                     true);
    }
    // The client closed, reset or missed the deadline (the stream closed the socket itself):
    // nobody to answer.
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec.category() != http::make_error_code(http::error::bad_target).category()) {
      return;
    }
    respond(error_response(
                400, fmt::format("request: malformed HTTP ({}); allowed: HTTP/1.1", ec.message())),
            true);
  }

  void respond(Response r, bool close, bool head = false) {
    auto response = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(r.status), 11);
    response->set(http::field::content_type, r.content_type);
    response->set("X-Content-Type-Options", "nosniff");
    if (r.status == 429) response->set(http::field::retry_after, "5");
    if (!r.allow.empty()) response->set(http::field::allow, r.allow);
    response->keep_alive(!close);
    response->body() = std::move(r.body);
    response->prepare_payload();
    // HEAD: the headers of the GET (its Content-Length), no body.
    if (head) response->body().clear();
    stream_.expires_after(context_.limits.request_deadline);
    http::async_write(
        stream_, *response,
        [self = shared_from_this(), response, close](beast::error_code ec, std::size_t) {
          if (ec) return;
          if (close) return self->linger();
          self->read_header();
        });
  }

  void linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTime);
    drain();
  }

  void drain() {
    stream_.async_read_some(net::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->lingered_ += n;
                              if (!ec && self->lingered_ < kMaxLingerBytes) self->drain();
                            });
  }

  beast::tcp_stream stream_;
  ClientSlots::Slot slot_;
  const ConnectionContext& context_;
  std::vector<std::string> hosts_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string path_;
  std::array<char, 4096> drain_buffer_{};
  std::size_t lingered_ = 0;
};

}  // namespace

void serve_connection(boost::asio::ip::tcp::socket socket, ClientSlots::Slot slot,
                      const ConnectionContext& context) {
  std::make_shared<Connection>(std::move(socket), std::move(slot), context)->read_header();
}

}  // namespace samspel::web
