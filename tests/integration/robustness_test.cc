// The server under concurrent mixed traffic, and HEAD requests.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "search_test.h"
#include "test_support.h"

namespace tremplin::integration {
namespace {

class Robustness : public ServerTest {};

TEST_F(Robustness, EightThreadsOfFiftyMixedRequestsAllSucceed) {
  const std::vector<std::string> targets = {
      "/",
      "/formations?q=" + std::string(kDeveloppeurEncoded) + "&where=59350",
      "/api/v1/courses?q=data&where=dep:69",
      "/api/v1/places?q=lill",
      "/formations?where=reg:32&sort=start&page=2",
      "/api/v1/courses?where=75056&radius_km=50&sort=distance&per_page=100",
      "/api/v1/taxonomy",
      "/organismes",
      "/assets/css/tremplin.css",
      "/api/v1/courses?mode=remote&lang=en",
      "/formations?q=reseau&family=network-infrastructure-security&lang=en",
      "/healthz",
  };
  constexpr int kThreads = 8, kPerThread = 50;
  std::atomic<int> ok{0};
  std::mutex mutex;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Half the threads keep their connection, half open one per request.
      HttpClient client(server().host(), server().port(), /*keep_alive=*/t % 2 == 0);
      for (int i = 0; i < kPerThread; ++i) {
        const std::string& target = targets[(t * 7 + i) % targets.size()];
        HttpResponse r = client.Get(target);
        if (r.status == 200 && !r.body.empty()) {
          ++ok;
          continue;
        }
        std::lock_guard lock(mutex);
        failures.push_back(target + " → " + std::to_string(r.status) + " " + r.error);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok.load(), kThreads * kPerThread);
  for (const std::string& f : failures) ADD_FAILURE() << f;
  ExpectServerHealthy();
}

TEST_F(Robustness, HeadAnswersTheHeadersOfGetWithoutTheBody) {
  for (const std::string& target :
       {std::string("/"), std::string("/formations?q=data"), std::string("/api/v1/courses?q=data"),
        std::string("/assets/css/tremplin.css")}) {
    SCOPED_TRACE(target);
    HttpResponse get = Get(target);
    HttpResponse head = client().Head(target);
    ASSERT_TRUE(head.error.empty()) << head.error;
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(head.Header("Content-Type"), get.Header("Content-Type"));
    EXPECT_EQ(head.Header("Content-Length"), std::to_string(get.body.size()));
  }
  ExpectServerHealthy();
}

TEST_F(Robustness, KeptAliveConnectionServesManyRequests) {
  HttpClient client(server().host(), server().port(), /*keep_alive=*/true);
  for (int i = 0; i < 20; ++i) {
    HttpResponse r = client.Get(i % 2 ? "/healthz" : "/api/v1/places?q=par");
    ASSERT_EQ(r.status, 200) << r.error;
    EXPECT_NE(r.Header("Connection"), "close");
  }
}

// Browsers keep idle connections open: SIGTERM must not wait for them to go away.
TEST_F(Robustness, StopsPromptlyWhileAConnectionIsKeptAlive) {
  HttpClient client(server().host(), server().port(), /*keep_alive=*/true);
  ASSERT_EQ(client.Get("/healthz").status, 200);
  auto started = std::chrono::steady_clock::now();
  std::string error;
  EXPECT_EQ(StopServer(&error), 0) << error << "\n" << server().Log();
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_LT(took, std::chrono::seconds(3));
  EXPECT_TRUE(Contains(server().Log(), "stopped")) << server().Log();
}

}  // namespace
}  // namespace tremplin::integration
