#include "samspel/web/server.hpp"

#include <fmt/format.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "connection.hpp"
#include "samspel/web/api.hpp"
#include "samspel/web/client_slots.hpp"

namespace samspel::web {

namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// Threads reading and answering requests. Connections are served asynchronously, so a slow
// client holds no thread; the threads only cover the Api's work (parsing and checking a body,
// copying a page), while simulations run on the Jobs' own threads.
constexpr int kIoThreads = 4;

}  // namespace

struct Server::Impl {
  explicit Impl(const Limits& l)
      : limits(l), api(l), slots(l.max_connections_per_client, l.max_connections) {}

  void accept() {
    acceptor.async_accept(
        net::make_strand(io), [this](boost::system::error_code ec, tcp::socket socket) {
          if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
          if (ec) {
            // Out of file descriptors, say: try again shortly rather than spin.
            retry.expires_after(std::chrono::milliseconds(50));
            retry.async_wait([this](boost::system::error_code) { accept(); });
            return;
          }
          boost::system::error_code remote_ec;
          const auto remote = socket.remote_endpoint(remote_ec);
          ClientSlots::Slot slot = slots.admit(remote_ec ? "" : remote.address().to_string());
          // Beyond the total the socket closes here unanswered: the descriptors are the bound.
          if (slot.admission() != ClientSlots::Admission::over_total_limit)
            serve_connection(std::move(socket), std::move(slot), context);
          accept();
        });
  }

  const Limits limits;
  Api api;
  ClientSlots slots;
  std::string bound_host;
  int port = 0;
  const ConnectionContext context{api, limits, bound_host, port};
  // Declared last: destroyed first, with the connections its pending handlers still own.
  net::io_context io;
  tcp::acceptor acceptor{io};
  net::steady_timer retry{io};
};

Server::Server(const Limits& limits) : impl_(std::make_unique<Impl>(limits)) {}

Server::~Server() {
  stop();
}

int Server::bind(const std::string& host, int port) {
  boost::system::error_code ec;
  tcp::resolver resolver(impl_->io);
  const auto found = resolver.resolve(host, std::to_string(port),
                                      tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  auto& acceptor = impl_->acceptor;
  if (!ec && !found.empty()) {
    const tcp::endpoint endpoint = *found.begin();
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    // The kernel's largest queue: a burst of clients waits to be accepted (and answered, 429 if
    // need be) instead of being reset.
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  }
  if (ec || found.empty()) {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    throw std::runtime_error(fmt::format("cannot listen on {}:{}", host, port));
  }
  impl_->bound_host = host;
  impl_->port = acceptor.local_endpoint().port();
  return impl_->port;
}

void Server::listen() {
  impl_->accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < kIoThreads; ++i)
    threads.emplace_back([this] { impl_->io.run(); });
  impl_->io.run();
  for (auto& t : threads)
    t.join();
}

void Server::stop() {
  impl_->io.stop();
}

int Server::open_connections() const {
  return impl_->slots.open();
}

}  // namespace samspel::web
