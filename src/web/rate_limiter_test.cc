#include "web/rate_limiter.h"

#include <gtest/gtest.h>

#include <chrono>

namespace tremplin::web {
namespace {

using namespace std::chrono_literals;
using Clock = RateLimiter::Clock;

TEST(RateLimiter, LetsABurstThroughThenRefusesWithTheWaitUntilTheNextToken) {
  RateLimiter limiter({.requests_per_second = 2, .burst = 3});
  Clock::time_point t0{};
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.Take("192.0.2.1", t0)) << i;
  std::optional<Clock::duration> wait = limiter.Take("192.0.2.1", t0);
  ASSERT_TRUE(wait);
  EXPECT_NEAR(std::chrono::duration<double>(*wait).count(), 0.5, 1e-6);
  EXPECT_EQ(RateLimiter::RetryAfterSeconds(*wait), 1);
}

TEST(RateLimiter, RefillsAtTheSustainedRateUpToTheBurst) {
  RateLimiter limiter({.requests_per_second = 2, .burst = 3});
  Clock::time_point t0{};
  for (int i = 0; i < 3; ++i) limiter.Take("a", t0);
  EXPECT_TRUE(limiter.Take("a", t0 + 400ms));
  EXPECT_FALSE(limiter.Take("a", t0 + 500ms)) << "one token back after half a second";
  EXPECT_TRUE(limiter.Take("a", t0 + 600ms));
  // A long pause gives back the burst, not more.
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.Take("a", t0 + 1h)) << i;
  EXPECT_TRUE(limiter.Take("a", t0 + 1h));
}

TEST(RateLimiter, EachClientHasItsOwnBucket) {
  RateLimiter limiter({.requests_per_second = 1, .burst = 1});
  Clock::time_point t0{};
  EXPECT_FALSE(limiter.Take("192.0.2.1", t0));
  EXPECT_TRUE(limiter.Take("192.0.2.1", t0));
  EXPECT_FALSE(limiter.Take("2001:db8::1", t0));
}

TEST(RateLimiter, ZeroRateIsNoLimitAndAClockGoingBackDoesNotGiveTokens) {
  RateLimiter off({.requests_per_second = 0, .burst = 0});
  for (int i = 0; i < 1000; ++i) EXPECT_FALSE(off.Take("a", Clock::time_point{}));
  EXPECT_EQ(off.clients(), 0u);

  RateLimiter limiter({.requests_per_second = 1, .burst = 1});
  Clock::time_point t0 = Clock::time_point{} + 10s;
  EXPECT_FALSE(limiter.Take("a", t0));
  EXPECT_TRUE(limiter.Take("a", t0 - 5s));
}

TEST(RateLimiter, KeepsAtMostMaxClientsBucketsForgettingTheFullOnesFirst) {
  RateLimiter limiter({.requests_per_second = 1, .burst = 2}, 3);
  Clock::time_point t0{};
  limiter.Take("busy", t0);
  limiter.Take("busy", t0);
  limiter.Take("quiet1", t0);
  limiter.Take("quiet2", t0);
  // 1 s later the quiet ones are full again (1 + 1 token), "busy" holds 1 of 2: only it stays.
  EXPECT_FALSE(limiter.Take("new", t0 + 1s));
  EXPECT_EQ(limiter.clients(), 2u);
  EXPECT_FALSE(limiter.Take("busy", t0 + 1s));
  EXPECT_TRUE(limiter.Take("busy", t0 + 1s)) << "its bucket was kept, not reset";
}

TEST(RateLimiter, RetryAfterRoundsUpToWholeSeconds) {
  EXPECT_EQ(RateLimiter::RetryAfterSeconds(1ms), 1);
  EXPECT_EQ(RateLimiter::RetryAfterSeconds(1s), 1);
  EXPECT_EQ(RateLimiter::RetryAfterSeconds(1001ms), 2);
}

}  // namespace
}  // namespace tremplin::web
