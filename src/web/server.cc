#include "web/server.h"

#include "web/compression.h"
#include "web/request_reading.h"
#include "web/status_text.h"

#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

namespace tremplin::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// Completion token: results as (error_code, …) tuples, so that expected network errors
// (a client leaving, a timeout) are values rather than exceptions.
constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);

using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

// Read size when waiting for the first bytes of a request.
constexpr std::size_t kReadChunk = 16 * 1024;
// Larger read buffers are released between requests.
constexpr std::size_t kKeptBufferBytes = 64 * 1024;
// After an error reply or Connection: close, how long and how much we read and discard before
// closing, so that the client receives the reply rather than a reset for the bytes it was still
// sending.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = 4 * 1024 * 1024;

struct Worker;

// A live connection, registered with its worker so that Stop() can reach it. Lives in its
// session coroutine's frame; touched only on the worker's thread.
struct Connection {
  Connection(Worker& w, tcp::socket socket);
  ~Connection();

  Worker& worker;
  beast::tcp_stream stream;
  bool idle = false;  // waiting for the first byte of a request, nothing buffered
  Connection* prev = nullptr;
  Connection* next = nullptr;
};

// One event loop and its thread. Everything here is touched only on that thread, except
// `io` (thread-safe) and `thread`.
struct Worker {
  ~Worker() {
    // The loop's destruction destroys unfinished session frames, whose Connection
    // destructors must not reach the objects below once they are gone.
    destroying = true;
    signals.reset();
    shutdown_timer.reset();
    acceptor.reset();
    work.reset();
    io.reset();
  }

  std::optional<asio::io_context> io{std::in_place, 1};
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> shutdown_timer;
  std::optional<asio::signal_set> signals;  // worker 0 only, after StopOnSignals()
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  Connection* connections = nullptr;  // intrusive list
  bool stopping = false;
  bool destroying = false;
  std::thread thread;
};

Connection::Connection(Worker& w, tcp::socket socket) : worker(w), stream(std::move(socket)) {
  next = w.connections;
  if (next != nullptr) next->prev = this;
  w.connections = this;
}

Connection::~Connection() {
  if (prev != nullptr) prev->next = next;
  if (next != nullptr) next->prev = prev;
  if (worker.connections == this) worker.connections = next;
  // The last connection of a stopping worker ends the shutdown grace period early.
  if (worker.stopping && !worker.destroying && worker.connections == nullptr &&
      worker.shutdown_timer) {
    worker.shutdown_timer->cancel();
  }
}

std::string_view Sv(beast::string_view s) { return std::string_view(s.data(), s.size()); }

bool IsToken(std::string_view name) {
  if (name.empty()) return false;
  for (unsigned char c : name) {
    if (c <= ' ' || c >= 127 || c == ':' || c == '(' || c == ')' || c == ',' || c == ';' ||
        c == '"' || c == '/' || c == '[' || c == ']' || c == '=' || c == '{' || c == '}' ||
        c == '\\' || c == '<' || c == '>' || c == '?' || c == '@') {
      return false;
    }
  }
  return true;
}

bool IsSafeValue(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string RemoteAddress(const tcp::socket& socket) {
  error_code ec;
  tcp::endpoint peer = socket.remote_endpoint(ec);
  if (ec) return {};
  asio::ip::address address = peer.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).to_string();
  }
  return address.to_string();
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::function<Response(Request&)> handler;
  std::vector<std::unique_ptr<Worker>> workers;
  bool shared_acceptor = false;  // one acceptor handing sockets to every worker
  uint16_t port = 0;
  std::atomic<bool> stop_requested{false};
  bool stop_on_signals = false;  // asked before Start()
  std::mutex join_mutex;
  Server* server = nullptr;

  core::Status Listen();
  void StopWorker(Worker& w);
  void WatchSignals(Worker& w);
  asio::awaitable<void> Accept(Worker& w);
  asio::awaitable<void> Session(Worker& w, tcp::socket socket);
  Response Handle(Request& req);
  void WriteHead(const Request& req, const Response& res, bool keep_alive, std::string* head);
  asio::awaitable<void> SendErrorAndClose(beast::tcp_stream& stream, int status,
                                          std::string text);
  asio::awaitable<void> Close(beast::tcp_stream& stream, bool drain);
};

core::Status Server::Impl::Listen() {
  auto fail = [this](std::string reason) -> core::Status {
    for (auto& w : workers) w->acceptor.reset();
    return core::MakeError(core::ErrorCode::kUnavailable, "listen_failed")
        .With("address", options.address)
        .With("port", std::to_string(options.port))
        .With("reason", std::move(reason));
  };
  error_code ec;
  asio::ip::address address = asio::ip::make_address(options.address, ec);
  if (ec) return fail("invalid address: " + ec.message());
  tcp::endpoint endpoint(address, options.port);

  // Sockets sharing a port through SO_REUSEPORT would silently share it with another process
  // of ours that holds it too: check first that nobody listens there.
  if (options.port != 0) {
    tcp::acceptor probe(*workers[0]->io);
    probe.open(endpoint.protocol(), ec);
    if (!ec) probe.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) probe.bind(endpoint, ec);
    if (ec) return fail(ec.message());
  }

  for (size_t i = 0; i < workers.size(); ++i) {
    Worker& w = *workers[i];
    w.acceptor.emplace(*w.io);
    tcp::acceptor& acceptor = *w.acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (ec) return fail(ec.message());
    acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (ec) return fail(ec.message());
    if (workers.size() > 1) {
      acceptor.set_option(ReusePort(true), ec);
      if (ec) {
        spdlog::warn("SO_REUSEPORT unavailable ({}); one acceptor serves all threads",
                     ec.message());
        shared_acceptor = true;
        ec.clear();
      }
    }
    acceptor.bind(endpoint, ec);
    if (ec) return fail(ec.message());
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return fail(ec.message());
    if (i == 0) {
      port = acceptor.local_endpoint().port();
      endpoint.port(port);
    }
    if (shared_acceptor) break;
  }
  return core::Ok{};
}

void Server::Impl::StopWorker(Worker& w) {
  if (w.stopping) return;
  w.stopping = true;
  error_code ec;
  if (w.acceptor) w.acceptor->close(ec);
  if (w.signals) w.signals->cancel(ec);
  w.work.reset();
  for (Connection* c = w.connections; c != nullptr; c = c->next) {
    if (c->idle) c->stream.cancel();
  }
  if (w.connections == nullptr) return;
  w.shutdown_timer.emplace(*w.io, options.shutdown_timeout);
  w.shutdown_timer->async_wait([&w](error_code ec) {
    if (ec) return;  // every connection ended in time
    spdlog::warn("Closing connections still open after the shutdown grace period");
    for (Connection* c = w.connections; c != nullptr; c = c->next) {
      error_code ignored;
      c->stream.socket().close(ignored);
    }
  });
}

void Server::Impl::WatchSignals(Worker& w) {
  if (w.stopping || w.signals) return;
  w.signals.emplace(*w.io, SIGINT, SIGTERM);
  w.signals->async_wait([this](error_code ec, int signal) {
    if (ec) return;
    spdlog::info("Received signal {}; stopping", signal);
    server->Stop();
  });
}

asio::awaitable<void> Server::Impl::Accept(Worker& w) {
  size_t next = 0;
  for (;;) {
    Worker& target = shared_acceptor ? *workers[next++ % workers.size()] : w;
    auto [ec, socket] = co_await w.acceptor->async_accept(target.io->get_executor(), kAwait);
    if (w.stopping) co_return;
    if (ec) {
      // Typically out of file descriptors: wait a little rather than spin.
      spdlog::warn("Accepting a connection failed: {}", ec.message());
      asio::steady_timer pause(*w.io, std::chrono::milliseconds(50));
      co_await pause.async_wait(kAwait);
      if (w.stopping) co_return;
      continue;
    }
    asio::co_spawn(*target.io, Session(target, tcp::socket(std::move(socket))), asio::detached);
  }
}

Response Server::Impl::Handle(Request& req) {
  try {
    Response res = handler(req);
    if (res.status >= 200 && res.status <= 999) return res;
    spdlog::error("{} {} answered with invalid status {}", req.method, req.path, res.status);
  } catch (const std::exception& e) {
    spdlog::error("Handling {} {} threw: {}", req.method, req.path, e.what());
  } catch (...) {
    spdlog::error("Handling {} {} threw a non-standard exception", req.method, req.path);
  }
  return Response::Text(500, StatusText(500));
}

void Server::Impl::WriteHead(const Request& req, const Response& res, bool keep_alive,
                             std::string* head) {
  // Handle() ensures 200 <= status <= 999.
  std::string_view reason = Sv(http::obsolete_reason(http::int_to_status(res.status)));
  if (reason.starts_with('<')) reason = {};  // "<unknown-status>": the phrase is optional
  head->clear();
  head->append("HTTP/1.1 ");
  head->append(std::to_string(res.status));
  head->push_back(' ');
  head->append(reason);
  head->append("\r\n");
  auto append = [head](std::string_view name, std::string_view value) {
    head->append(name);
    head->append(": ");
    head->append(value);
    head->append("\r\n");
  };
  bool head_method = req.method == "HEAD";
  std::string_view declared_length;
  for (const auto& [name, value] : res.headers) {
    if (EqualsIgnoreCase(name, "Content-Length")) {
      declared_length = value;
      continue;
    }
    if (EqualsIgnoreCase(name, "Connection") || EqualsIgnoreCase(name, "Transfer-Encoding")) {
      continue;  // framing is ours
    }
    if (!IsToken(name) || !IsSafeValue(value)) {
      spdlog::warn("{} {}: dropping invalid response header \"{}\"", req.method, req.path, name);
      continue;
    }
    append(name, value);
  }
  for (const auto& [name, value] : options.default_headers) {
    if (res.Header(name).empty()) append(name, value);
  }
  bool no_body = res.status == 204 || res.status == 304;
  if (!no_body) {
    // HEAD keeps the length a GET would have had when the router said so.
    if (head_method && res.body.empty() && IsDigits(declared_length)) {
      append("Content-Length", declared_length);
    } else {
      append("Content-Length", std::to_string(res.body.size()));
    }
  }
  if (!keep_alive) append("Connection", "close");
  head->append("\r\n");
}

asio::awaitable<void> Server::Impl::Close(beast::tcp_stream& stream, bool drain) {
  error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (drain && !ec) {
    std::array<char, 8192> scratch;
    std::size_t drained = 0;
    stream.expires_after(kLingerTime);
    while (drained < kLingerBytes) {
      auto [read_ec, n] = co_await stream.async_read_some(asio::buffer(scratch), kAwait);
      if (read_ec) break;
      drained += n;
    }
  }
  stream.socket().close(ec);
}

asio::awaitable<void> Server::Impl::SendErrorAndClose(beast::tcp_stream& stream, int status,
                                                      std::string text) {
  Request req;
  req.method = "GET";
  Response res = Response::Text(status, std::move(text));
  std::string head;
  WriteHead(req, res, false, &head);
  stream.expires_after(options.read_timeout);
  std::array<asio::const_buffer, 2> buffers = {asio::buffer(head), asio::buffer(res.body)};
  auto [ec, n] = co_await asio::async_write(stream, buffers, kAwait);
  co_await Close(stream, !ec);
}

asio::awaitable<void> Server::Impl::Session(Worker& w, tcp::socket socket) {
  error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  Connection conn(w, std::move(socket));
  beast::tcp_stream& stream = conn.stream;
  beast::flat_buffer buffer;
  std::optional<http::request_parser<http::string_body>> parser;
  Request req;
  req.remote_address = RemoteAddress(stream.socket());
  std::string head;
  bool first = true;

  for (;;) {
    // Wait for a request: a fresh connection gets read_timeout, a kept-alive one idle_timeout.
    if (buffer.size() == 0) {
      if (w.stopping) break;
      conn.idle = true;
      stream.expires_after(first ? options.read_timeout : options.idle_timeout);
      auto [ec, n] = co_await stream.async_read_some(buffer.prepare(kReadChunk), kAwait);
      conn.idle = false;
      if (ec) break;  // closed by the client, timed out, or cancelled by Stop()
      buffer.commit(n);
    }
    first = false;

    // The whole request must then arrive within read_timeout.
    stream.expires_after(options.read_timeout);
    parser.emplace();
    LimitRequest(*parser, options);
    auto [ec, n] = co_await http::async_read_header(stream, buffer, *parser, kAwait);
    if (!ec && HasUnknowableLength(*parser)) {
      co_await SendErrorAndClose(stream, 400, StatusText(400));
      break;
    }
    if (!ec && !parser->is_done()) {
      if (parser->get().version() == 11 &&
          EqualsIgnoreCase(Sv(parser->get()[http::field::expect]), "100-continue")) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        auto [write_ec, written] =
            co_await asio::async_write(stream, asio::buffer(kContinue), kAwait);
        if (write_ec) break;
      }
      std::tie(ec, n) = co_await http::async_read(stream, buffer, *parser, kAwait);
    }
    if (ec) {
      if (int status = StatusForReadError(ec)) co_await SendErrorAndClose(stream, status, StatusText(status));
      break;  // a malformed request, or the client left or was too slow
    }

    http::request<http::string_body>& msg = parser->get();
    if (!ReadRequest(msg, &req)) {
      co_await SendErrorAndClose(stream, 400, StatusText(400));
      break;
    }

    const auto started = std::chrono::steady_clock::now();
    Response res = Handle(req);
    if (options.compression_level > 0) CompressForClient(req, res, options.compression_level);
    if (options.on_response) options.on_response(req, res, std::chrono::steady_clock::now() - started);

    // HTTP/1.0 connections close after one response; so do all during shutdown.
    bool keep_alive =
        msg.version() == 11 && msg.keep_alive() && !stop_requested.load(std::memory_order_relaxed);
    WriteHead(req, res, keep_alive, &head);
    bool send_body = req.method != "HEAD" && res.status != 204 && res.status != 304;
    std::array<asio::const_buffer, 2> buffers = {
        asio::buffer(head), send_body ? asio::buffer(res.body) : asio::const_buffer()};
    stream.expires_after(options.read_timeout);
    auto [write_ec, written] = co_await asio::async_write(stream, buffers, kAwait);
    if (write_ec) break;
    if (!keep_alive) {
      co_await Close(stream, true);
      break;
    }
    // A large body grew the buffer; do not keep that memory for an idle connection.
    if (buffer.size() == 0 && buffer.capacity() > kKeptBufferBytes) buffer.shrink_to_fit();
  }
}

Server::Server(ServerOptions options, Handler handler) : impl_(std::make_unique<Impl>()) {
  impl_->server = this;
  impl_->options = std::move(options);
  impl_->handler = [handler = std::move(handler)](Request& req) { return handler(req); };
}

Server::Server(ServerOptions options, const Router& router) : impl_(std::make_unique<Impl>()) {
  impl_->server = this;
  impl_->options = std::move(options);
  impl_->handler = [&router](Request& req) { return router.Dispatch(req); };
}

Server::~Server() {
  Stop();
  Wait();
}

int WorkerThreads(int threads) {
  return threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

core::Status Server::Start() {
  Impl& impl = *impl_;
  if (!impl.workers.empty()) {
    return core::MakeError(core::ErrorCode::kInternal, "listen_failed")
        .With("address", impl.options.address)
        .With("port", std::to_string(impl.options.port))
        .With("reason", "already started");
  }
  int threads = WorkerThreads(impl.options.threads);
  for (int i = 0; i < threads; ++i) impl.workers.push_back(std::make_unique<Worker>());
  core::Status listening = impl.Listen();
  if (!listening.ok()) {
    impl.workers.clear();
    return listening;
  }
  for (auto& worker : impl.workers) {
    Worker& w = *worker;
    w.work.emplace(w.io->get_executor());
    if (w.acceptor) asio::co_spawn(*w.io, impl.Accept(w), asio::detached);
  }
  if (impl.stop_on_signals) impl.WatchSignals(*impl.workers[0]);
  for (auto& worker : impl.workers) {
    Worker& w = *worker;
    w.thread = std::thread([&w] {
      for (;;) {
        try {
          w.io->run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("Server thread caught an exception: {}", e.what());
        }
      }
    });
  }
  spdlog::info("Listening on {}:{} with {} threads{}", impl.options.address, impl.port, threads,
               impl.shared_acceptor ? " (one shared acceptor)" : "");
  // A Stop() that came before the threads existed found nothing to stop.
  if (impl.stop_requested) {
    impl.stop_requested = false;
    Stop();
  }
  return core::Ok{};
}

uint16_t Server::port() const { return impl_->port; }

void Server::Wait() {
  std::lock_guard<std::mutex> lock(impl_->join_mutex);
  for (auto& w : impl_->workers) {
    if (w->thread.joinable()) w->thread.join();
  }
}

void Server::Stop() {
  Impl& impl = *impl_;
  if (impl.stop_requested.exchange(true)) return;
  for (auto& worker : impl.workers) {
    Worker& w = *worker;
    asio::post(*w.io, [&impl, &w] { impl.StopWorker(w); });
  }
}

void Server::StopOnSignals() {
  Impl& impl = *impl_;
  if (impl.workers.empty()) {
    impl.stop_on_signals = true;  // Start() installs the handler
    return;
  }
  Worker& w = *impl.workers[0];
  // Installed on worker 0's thread, which owns w.signals; we wait so that a signal raised
  // right after this call is already ours.
  if (w.io->get_executor().running_in_this_thread()) {
    impl.WatchSignals(w);
    return;
  }
  std::promise<void> installed;
  asio::post(*w.io, [&impl, &w, &installed] {
    impl.WatchSignals(w);
    installed.set_value();
  });
  installed.get_future().wait();
}

}  // namespace tremplin::web
