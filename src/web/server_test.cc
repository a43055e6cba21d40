// Real-socket tests: a Server on a free port with two threads, spoken to in raw HTTP so that
// malformed and pipelined requests can be sent exactly.
#include "web/server.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace tremplin::web {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct RawResponse {
  int status = 0;
  std::string head;  // status line and headers
  std::string body;

  // Value of header `name` (case-insensitive), or "" when absent.
  std::string Header(std::string_view name) const {
    size_t start = head.find("\r\n");
    while (start != std::string::npos && start + 2 < head.size()) {
      size_t end = head.find("\r\n", start + 2);
      std::string_view line(head.data() + start + 2, end - start - 2);
      size_t colon = line.find(':');
      if (colon != std::string_view::npos && EqualsIgnoreCase(line.substr(0, colon), name)) {
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        return std::string(value);
      }
      start = end;
    }
    return {};
  }
};

// A blocking HTTP/1.1 client over one TCP connection, reading with a receive timeout so
// that a test fails rather than hangs.
class Client {
 public:
  explicit Client(uint16_t port, std::chrono::milliseconds timeout = 5s) : socket_(io_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    timeval tv{static_cast<time_t>(timeout.count() / 1000),
               static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }

  void Send(std::string_view data) {
    boost::system::error_code ec;
    asio::write(socket_, asio::buffer(data), ec);
  }

  // Reads one response (Content-Length framing); nullopt if the connection ends first.
  std::optional<RawResponse> Read(bool head_request = false) {
    size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return std::nullopt;
    }
    RawResponse response;
    response.head = buffer_.substr(0, end + 2);
    buffer_.erase(0, end + 4);
    response.status = std::stoi(response.head.substr(9, 3));
    std::string length = response.Header("Content-Length");
    size_t body_size = length.empty() || head_request ? 0 : std::stoul(length);
    while (buffer_.size() < body_size) {
      if (!Fill()) return std::nullopt;
    }
    response.body = buffer_.substr(0, body_size);
    buffer_.erase(0, body_size);
    return response;
  }

  std::optional<RawResponse> Roundtrip(std::string_view request) {
    Send(request);
    return Read();
  }

  // Whether the server closes the connection (rather than the read timing out).
  bool SeesClose() {
    while (Fill()) {
    }
    return closed_;
  }

  std::string_view pending() const { return buffer_; }

 private:
  bool Fill() {
    char data[4096];
    boost::system::error_code ec;
    size_t n = socket_.read_some(asio::buffer(data), ec);
    if (ec) {
      closed_ = ec == asio::error::eof || ec == asio::error::connection_reset;
      return false;
    }
    buffer_.append(data, n);
    return true;
  }

  asio::io_context io_;
  tcp::socket socket_;
  std::string buffer_;
  bool closed_ = false;
};

std::string Get(std::string_view target, std::string_view extra = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: localhost\r\n" + std::string(extra) +
         "\r\n";
}

class ServerTest : public ::testing::Test {
 protected:
  ServerTest() {
    options_.port = 0;
    options_.threads = 2;
    router_.Get("/hello", [](const Request&) { return Response::Text(200, "bonjour"); });
    router_.Get("/echo", [](const Request& req) {
      std::string out = req.method + " " + req.path;
      for (const auto& [key, value] : req.query) out += "|" + key + "=" + value;
      return Response::Text(200, out);
    });
    router_.Post("/echo", [](const Request& req) {
      return Response::Text(200, std::string(req.Header("content-type")) + ":" + req.body);
    });
    router_.Get("/n/{id}", [](const Request& req) {
      return Response::Json(200, "{\"id\":\"" + std::string(req.PathParam("id")) + "\"}");
    });
    router_.Get("/boom", [](const Request&) -> Response {
      throw std::runtime_error("the database went away");
    });
    router_.Get("/slow", [this](const Request&) {
      slow_started_ = true;
      std::this_thread::sleep_for(400ms);
      return Response::Text(200, "enfin");
    });
    router_.Get("/headers", [](const Request&) {
      Response response = Response::Text(200, "h");
      response.SetHeader("X-Content-Type-Options", "custom");
      response.AddHeader("X-Bad", "a\r\nInjected: yes");
      response.AddHeader("Set-Cookie", "a=1");
      response.AddHeader("Set-Cookie", "b=2");
      return response;
    });
    router_.SetErrorHandler([](const Request&, std::string_view message) {
      return Response::Text(500, "erreur: " + std::string(message));
    });
  }

  void StartServer() {
    server_ = std::make_unique<Server>(options_, router_);
    core::Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().id;
    ASSERT_NE(server_->port(), 0);
  }

  uint16_t port() const { return server_->port(); }

  ServerOptions options_;
  Router router_;
  std::atomic<bool> slow_started_{false};
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartServer();
  Client client(port());
  for (int i = 0; i < 3; ++i) {
    std::optional<RawResponse> response = client.Roundtrip(Get("/n/" + std::to_string(i)));
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "{\"id\":\"" + std::to_string(i) + "\"}");
    EXPECT_EQ(response->Header("Content-Type"), "application/json; charset=utf-8");
    EXPECT_EQ(response->Header("Content-Length"), std::to_string(response->body.size()));
    EXPECT_EQ(response->Header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(response->Header("Connection"), "");
  }
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  StartServer();
  Client client(port());
  client.Send(Get("/n/a") + Get("/hello") + "HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n" +
              "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
              "Content-Length: 5\r\n\r\nabcde" +
              Get("/n/b"));
  EXPECT_EQ(client.Read()->body, "{\"id\":\"a\"}");
  EXPECT_EQ(client.Read()->body, "bonjour");
  std::optional<RawResponse> head = client.Read(/*head_request=*/true);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->Header("Content-Length"), "7");  // the GET body's length, but no body
  EXPECT_EQ(client.Read()->body, "text/plain:abcde");
  EXPECT_EQ(client.Read()->body, "{\"id\":\"b\"}");
}

TEST_F(ServerTest, DecodesPathAndQuery) {
  StartServer();
  Client client(port());
  std::optional<RawResponse> response =
      client.Roundtrip(Get("/echo?q=d%C3%A9veloppeur+web&f=a&f=b%20c&raw=%FF"));
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->body, "GET /echo|q=développeur web|f=a|f=b c|raw=\xFF");
  EXPECT_EQ(client.Roundtrip(Get("/n/caf%C3%A9"))->body, "{\"id\":\"café\"}");
}

TEST_F(ServerTest, BadPercentEncodingGets400AndClose) {
  StartServer();
  for (std::string target : {"/echo?q=%E9%", "/n/%zz", "/n/a%00b"}) {
    Client client(port());
    std::optional<RawResponse> response = client.Roundtrip(Get(target));
    ASSERT_TRUE(response.has_value()) << target;
    EXPECT_EQ(response->status, 400) << target;
    EXPECT_EQ(response->Header("Content-Type"), "text/plain; charset=utf-8");
    EXPECT_EQ(response->Header("Connection"), "close");
    EXPECT_TRUE(client.SeesClose()) << target;
  }
}

TEST_F(ServerTest, MalformedRequestsGet400) {
  StartServer();
  for (std::string request : {
           std::string("GARBAGE\r\n\r\n"),
           std::string("GET /hello HTTP/9.9\r\n\r\n"),
           std::string("GET http://example.org/hello HTTP/1.1\r\nHost: x\r\n\r\n"),
           std::string("GET * HTTP/1.1\r\nHost: x\r\n\r\n"),
           std::string("GET /hel lo HTTP/1.1\r\nHost: x\r\n\r\n"),
           std::string("GET /hello HTTP/1.1\r\nBad Header\r\n\r\n"),
           std::string("GET /hello\0 HTTP/1.1\r\nHost: x\r\n\r\n", 31),
           std::string("POST /echo HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"),
           std::string("POST /echo HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked"
                       "\r\n\r\n0\r\n\r\n"),
           std::string("POST /echo HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nabc"),
           std::string("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\nabc"),
       }) {
    Client client(port());
    std::optional<RawResponse> response = client.Roundtrip(request);
    ASSERT_TRUE(response.has_value()) << request;
    EXPECT_EQ(response->status, 400) << request;
    EXPECT_TRUE(client.SeesClose()) << request;
  }
  // The server is still fine.
  Client client(port());
  EXPECT_EQ(client.Roundtrip(Get("/hello"))->status, 200);
}

TEST_F(ServerTest, OversizeHeaderGets431) {
  options_.max_header_bytes = 1024;
  StartServer();
  Client client(port());
  std::optional<RawResponse> response =
      client.Roundtrip(Get("/hello", "X-Big: " + std::string(2000, 'a') + "\r\n"));
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 431);
  EXPECT_EQ(response->Header("Connection"), "close");
  EXPECT_TRUE(client.SeesClose());
  Client small(port());
  EXPECT_EQ(small.Roundtrip(Get("/hello", "X-Small: " + std::string(500, 'a') + "\r\n"))->status,
            200);
}

TEST_F(ServerTest, OversizeBodyGets413) {
  options_.max_body_bytes = 100;
  StartServer();
  {
    Client client(port());
    std::optional<RawResponse> response = client.Roundtrip(
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + std::string(1000, 'b'));
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 413);
    EXPECT_TRUE(client.SeesClose());
  }
  {
    // Chunked bodies are counted as they arrive.
    Client client(port());
    std::string chunk = std::string(80, 'c');
    std::optional<RawResponse> response = client.Roundtrip(
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n50\r\n" + chunk +
        "\r\n50\r\n" + chunk + "\r\n0\r\n\r\n");
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 413);
  }
  Client client(port());
  EXPECT_EQ(client
                .Roundtrip("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n" +
                           std::string(100, 'd'))
                ->body,
            ":" + std::string(100, 'd'));
}

TEST_F(ServerTest, ExpectContinueGetsInterimResponse) {
  StartServer();
  Client client(port());
  client.Send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
  std::optional<RawResponse> interim = client.Read();
  ASSERT_TRUE(interim.has_value());
  EXPECT_EQ(interim->status, 100);
  client.Send("data");
  std::optional<RawResponse> response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, ":data");
}

TEST_F(ServerTest, ThrowingHandlerGetsErrorResponseAndServerGoesOn) {
  StartServer();
  Client client(port());
  std::optional<RawResponse> response = client.Roundtrip(Get("/boom"));
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(response->body, "erreur: the database went away");
  EXPECT_EQ(client.Roundtrip(Get("/hello"))->body, "bonjour");
  Client other(port());
  EXPECT_EQ(other.Roundtrip(Get("/hello"))->body, "bonjour");
}

TEST_F(ServerTest, PlainHandlerThatThrowsGets500) {
  server_ = std::make_unique<Server>(
      options_, [](const Request&) -> Response { throw std::logic_error("bug"); });
  ASSERT_TRUE(server_->Start().ok());
  Client client(port());
  std::optional<RawResponse> response = client.Roundtrip(Get("/"));
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(client.Roundtrip(Get("/"))->status, 500);  // the connection survived
}

TEST_F(ServerTest, NotFoundAndMethodNotAllowed) {
  StartServer();
  Client client(port());
  EXPECT_EQ(client.Roundtrip(Get("/nothing"))->status, 404);
  std::optional<RawResponse> response =
      client.Roundtrip("DELETE /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 405);
  EXPECT_EQ(response->Header("Allow"), "GET, HEAD");
}

TEST_F(ServerTest, ResponseHeadersOverrideDefaultsAndInjectionIsDropped) {
  StartServer();
  Client client(port());
  std::optional<RawResponse> response = client.Roundtrip(Get("/headers"));
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->Header("X-Content-Type-Options"), "custom");
  EXPECT_EQ(response->head.find("nosniff"), std::string::npos);
  EXPECT_EQ(response->Header("Injected"), "");
  EXPECT_EQ(response->Header("X-Bad"), "");
  EXPECT_NE(response->head.find("Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n"), std::string::npos);
}

TEST_F(ServerTest, NoContentHasNoBodyAndInvalidStatusBecomes500) {
  router_.Get("/empty", [](const Request&) {
    Response response;
    response.status = 204;
    response.body = "ignored";
    return response;
  });
  router_.Get("/odd", [](const Request&) {
    Response response;
    response.status = 42;
    return response;
  });
  StartServer();
  Client client(port());
  client.Send(Get("/empty") + Get("/odd") + Get("/hello"));
  std::optional<RawResponse> empty = client.Read();
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->status, 204);
  EXPECT_EQ(empty->Header("Content-Length"), "");
  EXPECT_EQ(client.Read()->status, 500);
  EXPECT_EQ(client.Read()->body, "bonjour");  // proves no stray body bytes were sent
}

TEST_F(ServerTest, Http10AndConnectionCloseCloseAfterResponse) {
  StartServer();
  {
    Client client(port());
    std::optional<RawResponse> response = client.Roundtrip("GET /hello HTTP/1.0\r\n\r\n");
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->body, "bonjour");
    EXPECT_EQ(response->Header("Connection"), "close");
    EXPECT_TRUE(client.SeesClose());
  }
  {
    Client client(port());
    std::optional<RawResponse> response =
        client.Roundtrip(Get("/hello", "Connection: close\r\n") + Get("/hello"));
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->Header("Connection"), "close");
    EXPECT_TRUE(client.SeesClose());
    EXPECT_EQ(client.pending(), "");  // the second request was not answered
  }
}

TEST_F(ServerTest, EachResponseIsObservedBeforeItIsSent) {
  std::atomic<int> observed{0};
  options_.on_response = [&observed](const Request& req, Response& res, std::chrono::nanoseconds took) {
    if (req.path == "/hello" && res.status == 200 && took.count() >= 0) ++observed;
    res.SetHeader("X-Seen", "1");
  };
  StartServer();
  Client client(port());
  EXPECT_EQ(client.Roundtrip(Get("/hello"))->Header("X-Seen"), "1");
  client.Roundtrip(Get("/hello"));
  EXPECT_EQ(observed, 2);
}

TEST_F(ServerTest, RemoteAddressIsThePeer) {
  server_ = std::make_unique<Server>(
      options_, [](const Request& req) { return Response::Text(200, req.remote_address); });
  ASSERT_TRUE(server_->Start().ok());
  Client client(port());
  EXPECT_EQ(client.Roundtrip(Get("/"))->body, "127.0.0.1");
}

TEST_F(ServerTest, SlowClientIsCutWhileOthersAreServed) {
  options_.read_timeout = 300ms;
  StartServer();
  Client slow(port());
  slow.Send("GET /hello HTTP/1.1\r\nHost: loc");
  Clock::time_point start = Clock::now();
  // Meanwhile, other clients (on both threads) are served at once.
  for (int i = 0; i < 6; ++i) {
    Client other(port());
    std::optional<RawResponse> response = other.Roundtrip(Get("/hello"));
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->body, "bonjour");
  }
  EXPECT_LT(Clock::now() - start, 250ms);
  EXPECT_TRUE(slow.SeesClose());
  auto elapsed = Clock::now() - start;
  EXPECT_GE(elapsed, 250ms);
  EXPECT_LT(elapsed, 2s);
  EXPECT_EQ(slow.pending(), "");  // cut without an answer
}

TEST_F(ServerTest, TrickleBodyIsCutAfterReadTimeout) {
  options_.read_timeout = 300ms;
  StartServer();
  Client slow(port());
  Clock::time_point start = Clock::now();
  slow.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n");
  for (int i = 0; i < 4; ++i) {
    std::this_thread::sleep_for(100ms);
    slow.Send("a");
  }
  EXPECT_TRUE(slow.SeesClose());
  EXPECT_LT(Clock::now() - start, 2s);
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosed) {
  options_.idle_timeout = 200ms;
  StartServer();
  Client client(port());
  ASSERT_EQ(client.Roundtrip(Get("/hello"))->status, 200);
  Clock::time_point start = Clock::now();
  EXPECT_TRUE(client.SeesClose());
  EXPECT_LT(Clock::now() - start, 2s);
}

TEST_F(ServerTest, StopLetsARunningRequestFinish) {
  StartServer();
  Client idle(port());
  ASSERT_EQ(idle.Roundtrip(Get("/hello"))->status, 200);
  Client client(port());
  client.Send(Get("/slow"));
  while (!slow_started_) std::this_thread::sleep_for(1ms);
  Clock::time_point start = Clock::now();
  server_->Stop();
  std::optional<RawResponse> response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "enfin");
  EXPECT_EQ(response->Header("Connection"), "close");
  EXPECT_TRUE(client.SeesClose());
  EXPECT_TRUE(idle.SeesClose());
  server_->Wait();
  EXPECT_LT(Clock::now() - start, 3s);
  // No longer accepting.
  boost::system::error_code ec;
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port()), ec);
  EXPECT_TRUE(ec);
}

TEST_F(ServerTest, StopClosesWhatRemainsAfterTheGracePeriod) {
  options_.shutdown_timeout = 200ms;
  options_.read_timeout = 10s;
  StartServer();
  Client partial(port(), 10s);
  partial.Send("GET /hello HTTP/1.1\r\nHo");  // a request in progress is waited for…
  std::this_thread::sleep_for(50ms);
  Clock::time_point start = Clock::now();
  server_->Stop();
  server_->Wait();  // …until the grace period ends
  auto elapsed = Clock::now() - start;
  EXPECT_GE(elapsed, 150ms);
  EXPECT_LT(elapsed, 3s);
  EXPECT_TRUE(partial.SeesClose());
}

TEST_F(ServerTest, StopBeforeAnyConnectionEndsQuickly) {
  StartServer();
  Clock::time_point start = Clock::now();
  server_->Stop();
  server_->Stop();  // idempotent
  server_->Wait();
  server_->Wait();
  EXPECT_LT(Clock::now() - start, 1s);
}

TEST_F(ServerTest, StopFromAHandler) {
  router_.Get("/stop", [this](const Request&) {
    server_->Stop();
    return Response::Text(200, "au revoir");
  });
  StartServer();
  Client client(port());
  std::optional<RawResponse> response = client.Roundtrip(Get("/stop"));
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->body, "au revoir");
  server_->Wait();
}

TEST_F(ServerTest, SigtermStopsTheServer) {
  StartServer();
  server_->StopOnSignals();
  Client client(port());
  ASSERT_EQ(client.Roundtrip(Get("/hello"))->status, 200);
  ASSERT_EQ(::kill(::getpid(), SIGTERM), 0);
  server_->Wait();
  EXPECT_TRUE(client.SeesClose());
}

TEST_F(ServerTest, TakenPortGivesListenFailed) {
  StartServer();
  ServerOptions options = options_;
  options.port = port();
  Server second(options, router_);
  core::Status started = second.Start();
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().id, "listen_failed");
  ASSERT_NE(started.error().Arg("port"), nullptr);
  EXPECT_EQ(*started.error().Arg("port"), std::to_string(port()));
  EXPECT_EQ(*started.error().Arg("address"), "127.0.0.1");
  ASSERT_NE(started.error().Arg("reason"), nullptr);
  EXPECT_FALSE(started.error().Arg("reason")->empty());
  second.Wait();  // returns at once: nothing runs
  // The first server is unaffected.
  Client client(port());
  EXPECT_EQ(client.Roundtrip(Get("/hello"))->status, 200);
}

TEST_F(ServerTest, InvalidAddressGivesListenFailed) {
  options_.address = "not an address";
  Server server(options_, router_);
  core::Status started = server.Start();
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().id, "listen_failed");
}

TEST_F(ServerTest, ManyConnectionsAreSpreadAndServed) {
  StartServer();
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([this, &ok] {
      Client client(port());
      for (int i = 0; i < 50; ++i) {
        std::optional<RawResponse> response = client.Roundtrip(Get("/hello"));
        if (response && response->body == "bonjour") ++ok;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok, 400);
}

}  // namespace
}  // namespace tremplin::web
