// Per-client rate limiting: a token bucket per client key (its address). Each request takes a
// token; tokens come back at `requests_per_second` up to `burst`, so a person clicking never
// notices, while a script hammering an expensive endpoint is slowed to the sustained rate.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tremplin::web {

struct RateLimit {
  double requests_per_second = 0;  // 0: no limit
  double burst = 0;                // tokens a bucket holds (at least 1 when limiting)

  bool enabled() const { return requests_per_second > 0; }
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // At most `max_clients` buckets are kept: past that, the full ones (clients quiet for long
  // enough to be back to `burst`) are forgotten, which changes nothing for them.
  explicit RateLimiter(RateLimit limit, std::size_t max_clients = 100000);

  // Takes a token from `client`'s bucket at `now`. nullopt: the request may go on; otherwise
  // the wait until a token is back. Thread-safe.
  std::optional<Clock::duration> Take(std::string_view client, Clock::time_point now);

  // Whole seconds for a Retry-After header: `wait` rounded up, at least 1.
  static long RetryAfterSeconds(Clock::duration wait);

  std::size_t clients() const;

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  void ForgetFullBuckets(Clock::time_point now);

  const RateLimit limit_;
  const std::size_t max_clients_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace tremplin::web
