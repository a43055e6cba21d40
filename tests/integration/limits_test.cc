// Limits over the real server: per-client rate limiting of the expensive endpoints (429 with
// Retry-After, a page in the site's look or a JSON error, other clients unaffected, recovery
// after the wait), slow clients (a slowloris crowd does not keep others waiting, the read and
// idle timeouts as configured) and the maximum header and body sizes (431, 413).
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.h"
#include "test_server.h"
#include "test_support.h"

namespace tremplin::integration {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// A connection to 127.0.0.1:`port`, or -1; reads give up after `timeout`.
int Connect(uint16_t port, std::chrono::seconds timeout = 10s) {
  return ConnectLoopback(port, static_cast<int>(timeout.count()));
}

// Sends `bytes` (what it can) and reads until the server closes: the response's start.
std::string SendRaw(uint16_t port, const std::string& bytes) {
  int fd = Connect(port);
  if (fd < 0) return "";
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string response;
  char buffer[8192];
  for (ssize_t n; (n = recv(fd, buffer, sizeof buffer, 0)) > 0;) response.append(buffer, static_cast<size_t>(n));
  close(fd);
  return response;
}

// A server with the configuration file `toml`.
class LimitsTest : public ::testing::Test {
 protected:
  void Start(const std::string& toml) {
    TREMPLIN_REQUIRE_TEST_PREREQUISITES();
    fs::path config = dir_.path() / "tremplin.toml";
    std::ofstream(config) << toml;
    std::string error;
    server_ = TestServer::Start(&error, TestServerOptions{.database = "", .global_args = {"--config", config.string()},
                                                          .temp_parent = {}});
    ASSERT_TRUE(server_) << error;
  }
  void TearDown() override {
    if (!server_) return;
    std::string error;
    EXPECT_EQ(server_->Stop(&error), 0) << error << "\n" << server_->Log();
  }
  HttpResponse Get(const std::string& target, const HeaderList& headers = {}) {
    HttpClient client(server_->host(), server_->port());
    return client.Get(target, headers);
  }

  tremplin::testing::TempDir dir_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(LimitsTest, ABurstBeyondTheLimitGets429WithRetryAfterOthersAreServedAndItRecovers) {
  // Clients told apart by X-Forwarded-For, as behind the reverse proxy on this machine.
  Start("[server]\ntrusted_proxies = [\"127.0.0.1\"]\n[limits]\nrequests_per_second = 1\nburst = 5\n");
  if (IsSkipped() || HasFatalFailure()) return;
  const HeaderList greedy = {{"X-Forwarded-For", "192.0.2.10"}};
  const HeaderList other = {{"X-Forwarded-For", "192.0.2.20"}};

  // The burst goes through, over the limited endpoints together.
  const std::vector<std::string> limited = {"/api/v1/courses?q=web", "/formations?q=web", "/api/v1/places?q=Lil",
                                            "/api/v1/courses", "/formations"};
  for (const std::string& target : limited) EXPECT_EQ(Get(target, greedy).status, 200) << target;

  // Past it: the API answers a JSON error, the pages a page in the site's look, in the
  // person's language, with Retry-After and never cached.
  HttpResponse api = Get("/api/v1/courses?q=web", greedy);
  EXPECT_EQ(api.status, 429);
  EXPECT_TRUE(api.Header("Content-Type").starts_with("application/json")) << api.Header("Content-Type");
  EXPECT_TRUE(Contains(api.body, "rate_limited")) << api.body;
  EXPECT_GE(std::stoi(api.Header("Retry-After").empty() ? "0" : api.Header("Retry-After")), 1);
  EXPECT_EQ(api.Header("Cache-Control"), "no-store");
  std::string error;
  EXPECT_TRUE(ParseJson(api.body, &error).is_object()) << error;

  HttpResponse page = Get("/formations?q=web", greedy);
  EXPECT_EQ(page.status, 429);
  EXPECT_TRUE(page.Header("Content-Type").starts_with("text/html"));
  EXPECT_FALSE(page.Header("Retry-After").empty());
  EXPECT_TRUE(Contains(page.body, "Trop de demandes en peu de temps")) << page.body.substr(0, 2000);
  EXPECT_TRUE(Contains(page.body, "Patientez quelques secondes"));
  EXPECT_TRUE(Contains(page.body, "t-error-page")) << "the site's look";
  HttpResponse english = Get("/formations?q=web&lang=en", greedy);
  EXPECT_EQ(english.status, 429);
  EXPECT_TRUE(Contains(english.body, "Too many requests in a short time"));

  HttpClient poster(server_->host(), server_->port());
  HeaderList form = greedy;
  form.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  EXPECT_EQ(poster.Send("POST", "/connexion", form, "email=a%40example.org&password=x").status, 429);
  EXPECT_EQ(poster.Send("POST", "/mot-de-passe-oublie", form, "email=a%40example.org").status, 429);

  // Cheap pages are not limited; another client is not affected.
  EXPECT_EQ(Get("/", greedy).status, 200);
  EXPECT_EQ(Get("/healthz", greedy).status, 200);
  for (const std::string& target : limited) EXPECT_EQ(Get(target, other).status, 200) << target;

  // After the wait it says, the client is served again.
  std::this_thread::sleep_for(std::chrono::seconds(std::stoi(api.Header("Retry-After").empty() ? "1" : api.Header("Retry-After"))));
  EXPECT_EQ(Get("/api/v1/courses?q=web", greedy).status, 200);
}

TEST_F(LimitsTest, ZeroRequestsPerSecondTurnsTheLimitOff) {
  Start("[limits]\nrequests_per_second = 0\n");
  if (IsSkipped() || HasFatalFailure()) return;
  for (int i = 0; i < 150; ++i) ASSERT_EQ(Get("/api/v1/places?q=Rou").status, 200) << i;
}

TEST_F(LimitsTest, ASlowlorisCrowdDoesNotKeepOthersWaiting) {
  Start("");
  if (IsSkipped() || HasFatalFailure()) return;
  // 200 connections each sending a request's headers one byte every 100 ms, never finishing.
  constexpr int kSlowConnections = 200;
  std::vector<int> slow;
  for (int i = 0; i < kSlowConnections; ++i) {
    int fd = Connect(server_->port());
    ASSERT_GE(fd, 0) << "connection " << i;
    slow.push_back(fd);
  }
  const std::string trickle = "GET /formations?q=web HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: aaaaaaaaaaaaaaaa";
  std::atomic<bool> done{false};
  std::thread trickler([&] {
    for (size_t i = 0; i < trickle.size() && !done; ++i) {
      for (int fd : slow) send(fd, &trickle[i], 1, MSG_NOSIGNAL);
      std::this_thread::sleep_for(100ms);
    }
  });
  // Meanwhile a person searches: every answer comes promptly.
  Clock::duration slowest{};
  for (int i = 0; i < 30; ++i) {
    auto began = Clock::now();
    HttpResponse r = Get(i % 2 ? "/formations?q=developpeur" : "/api/v1/courses?q=data");
    slowest = std::max(slowest, Clock::now() - began);
    ASSERT_EQ(r.status, 200) << r.error;
    std::this_thread::sleep_for(100ms);
  }
  done = true;
  trickler.join();
  for (int fd : slow) close(fd);
  EXPECT_LT(slowest, 1s) << "slowest answer "
                         << std::chrono::duration_cast<std::chrono::milliseconds>(slowest).count() << " ms";
  EXPECT_EQ(Get("/healthz").status, 200);
}

// Seconds from now until the server closes `fd` (reads nothing more), or -1 after 10 s.
double SecondsUntilClosed(int fd) {
  auto began = Clock::now();
  char buffer[4096];
  for (ssize_t n; (n = recv(fd, buffer, sizeof buffer, 0)) != 0;) {
    if (n < 0) return -1;  // the 10 s receive timeout: still open
  }
  return std::chrono::duration<double>(Clock::now() - began).count();
}

TEST_F(LimitsTest, TheReadAndIdleTimeoutsCutSlowAndIdleClientsAsConfigured) {
  Start("[server]\nread_timeout_seconds = 1\nidle_timeout_seconds = 2\n");
  if (IsSkipped() || HasFatalFailure()) return;
  // Half a request, then nothing: cut after the read timeout.
  int slow = Connect(server_->port());
  ASSERT_GE(slow, 0);
  const std::string half = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  ASSERT_EQ(send(slow, half.data(), half.size(), MSG_NOSIGNAL), static_cast<ssize_t>(half.size()));
  double cut = SecondsUntilClosed(slow);
  close(slow);
  EXPECT_GE(cut, 0.9);
  EXPECT_LT(cut, 1.9) << "the read timeout is 1 s, the idle one 2 s";
  // A whole request answered, then an idle kept-alive connection: cut after the idle timeout.
  int idle = Connect(server_->port());
  ASSERT_GE(idle, 0);
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  ASSERT_EQ(send(idle, request.data(), request.size(), MSG_NOSIGNAL), static_cast<ssize_t>(request.size()));
  char buffer[4096];
  ssize_t got = recv(idle, buffer, sizeof buffer, 0);
  ASSERT_GT(got, 0);
  EXPECT_TRUE(std::string(buffer, static_cast<size_t>(got)).starts_with("HTTP/1.1 200 "));
  double idle_cut = SecondsUntilClosed(idle);
  close(idle);
  EXPECT_GE(idle_cut, 1.9);
  EXPECT_LT(idle_cut, 6) << "the idle timeout is 2 s";
}

TEST_F(LimitsTest, OversizedHeadersGet431AndOversizedBodiesGet413) {
  Start("");
  if (IsSkipped() || HasFatalFailure()) return;
  // Headers past 16 KiB.
  std::string big_header = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + std::string(20 * 1024, 'a') + "\r\n\r\n";
  std::string answered = SendRaw(server_->port(), big_header);
  EXPECT_TRUE(answered.starts_with("HTTP/1.1 431 ")) << answered.substr(0, 200);
  // A body past 1 MiB is refused from its Content-Length, before it is sent.
  std::string big_body = "POST /connexion HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                         "Content-Length: 2000000\r\n\r\nemail=";
  answered = SendRaw(server_->port(), big_body);
  EXPECT_TRUE(answered.starts_with("HTTP/1.1 413 ")) << answered.substr(0, 200);
  // And the server is still well.
  EXPECT_EQ(Get("/healthz").status, 200);
  EXPECT_TRUE(server_->Alive());
}

}  // namespace
}  // namespace tremplin::integration
