// `samspel serve`: the local web app (docs/api.md). Binds 127.0.0.1 unless --host says
// otherwise, prints its address, and serves until interrupted.
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <thread>

#include "commands.hpp"
#include "samspel/io/scenario.hpp"
#include "samspel/web/address.hpp"
#include "samspel/web/server.hpp"

namespace samspel::cli {

namespace {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  web::Limits limits;
};

}  // namespace

Command add_serve_command(CLI::App& app) {
  auto opts = std::make_shared<ServeOptions>();
  auto* sub = app.add_subcommand("serve", "Serve the web app and its JSON API (docs/api.md)");
  sub->add_option("--port,-p", opts->port, "Port; 0 picks a free one")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  sub->add_option("--host", opts->host, "Address to bind (0.0.0.0 exposes the app to the network)")
      ->capture_default_str();
  sub->add_option("--threads,-t", opts->limits.threads,
                  "Threads per simulation; 0 = all cores (results do not depend on it)")
      ->capture_default_str();
  sub->add_option("--max-running", opts->limits.max_running, "Simulations running at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  return [opts] {
    // SIGINT and SIGTERM are taken by a thread that stops the server, so that running jobs are
    // joined and the process ends cleanly. Blocked before any thread starts, so all inherit it.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    web::Server server(opts->limits);
    int port = 0;
    try {
      port = server.bind(opts->host, opts->port);
    } catch (const std::runtime_error& e) {
      throw io::ScenarioError(fmt::format("--host/--port: {}", e.what()));
    }
    if (!web::is_loopback(opts->host)) {
      fmt::print(stderr,
                 "samspel: warning: --host {} exposes the app to the network: anyone who can "
                 "reach this machine can use it and run simulations on it (there is no "
                 "authentication); --host 127.0.0.1 keeps it on this machine\n",
                 opts->host);
    }
    fmt::print("samspel serving on {} (Ctrl-C to stop)\n", web::served_url(opts->host, port));
    std::fflush(stdout);
    std::atomic<bool> listening_ended{false};
    std::thread waiter([&server, &listening_ended, signals] {
      int signal = 0;
      sigwait(&signals, &signal);
      // A signal can come before listen() has started, when stop() does nothing: ask again
      // until listen() has returned.
      while (!listening_ended.load()) {
        server.stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    });
    server.listen();
    // listen() returned on a signal, or on a socket error: release the waiter either way.
    listening_ended = true;
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    return 0;
  };
}

}  // namespace samspel::cli
