// The HTTP/1.1 server: one event loop per thread, each with its own listening socket on the
// same port (SO_REUSEPORT) so the kernel spreads connections; handlers run on those threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "web/request.h"
#include "web/response.h"
#include "web/router.h"

namespace tremplin::web {

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;                      // 0 picks a free port; see Server::port()
  int threads = 0;                           // 0 means one per hardware thread
  std::size_t max_header_bytes = 16 * 1024;  // larger headers get 431
  std::size_t max_body_bytes = 1024 * 1024;  // larger bodies get 413
  // Time allowed to receive a whole request once it has started (and to send a response);
  // slower clients are disconnected. Also the wait for the first request of a connection.
  std::chrono::milliseconds read_timeout{std::chrono::seconds(15)};
  // Time a kept-alive connection may wait idle for its next request.
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(30)};
  // On Stop(), time given to requests in flight before connections are closed.
  std::chrono::milliseconds shutdown_timeout{std::chrono::seconds(10)};
  // gzip level (1 fastest … 9 smallest) of the text responses to clients that accept it
  // (web/compression.h); 0 never compresses (when a proxy in front does it).
  int compression_level = 1;
  // Added to every response that does not set a header of the same name.
  std::vector<std::pair<std::string, std::string>> default_headers = {
      {"X-Content-Type-Options", "nosniff"}};
  // If set, called with each response before it is sent, on the serving thread (must be
  // thread-safe and fast), with the time the handler took (compression included): for metrics, logs and headers
  // every response carries (a request id).
  std::function<void(const Request&, Response&, std::chrono::nanoseconds)> on_response;
};

// Each connection stays on the thread that accepted it, and handlers run on that thread
// between reads and writes: a slow handler delays the other connections of its thread only.
// The number of worker threads `threads` (ServerOptions::threads) stands for.
int WorkerThreads(int threads);

class Server {
 public:
  // Serves every request with `handler` (exceptions it throws are logged and answered 500).
  Server(ServerOptions options, Handler handler);
  // Serves with router.Dispatch; `router` must outlive the server.
  Server(ServerOptions options, const Router& router);
  // Stops (as Stop()) and waits.
  ~Server();

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the threads. Fails with "listen_failed" (kUnavailable; args "address",
  // "port", "reason") when the address is invalid or the port is taken. Call once.
  core::Status Start();

  // The bound port (useful after starting with port 0); 0 before Start().
  uint16_t port() const;

  // Blocks until the server has stopped (after Stop(), or a signal with StopOnSignals());
  // returns at once if it never started.
  void Wait();

  // Graceful stop; returns at once and may be called from any thread, handlers included,
  // any number of times. Stops accepting, closes idle connections, lets requests in flight
  // finish (their responses say Connection: close) for up to shutdown_timeout, then closes
  // everything.
  void Stop();

  // Makes SIGINT and SIGTERM call Stop() (logging the signal). May be called before or after
  // Start(); once it returns, the signals are handled.
  void StopOnSignals();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tremplin::web
