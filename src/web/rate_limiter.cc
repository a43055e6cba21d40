#include "web/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace tremplin::web {
namespace {

double Seconds(RateLimiter::Clock::duration d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

RateLimiter::RateLimiter(RateLimit limit, std::size_t max_clients)
    : limit_{limit.requests_per_second, std::max(limit.burst, 1.0)}, max_clients_(std::max<std::size_t>(max_clients, 1)) {}

std::optional<RateLimiter::Clock::duration> RateLimiter::Take(std::string_view client, Clock::time_point now) {
  if (!limit_.enabled()) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(std::string(client));
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_clients_) ForgetFullBuckets(now);
    it = buckets_.emplace(std::string(client), Bucket{limit_.burst, now}).first;
  }
  Bucket& bucket = it->second;
  if (now > bucket.updated) {
    bucket.tokens = std::min(limit_.burst, bucket.tokens + Seconds(now - bucket.updated) * limit_.requests_per_second);
    bucket.updated = now;
  }
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return std::nullopt;
  }
  return std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>((1 - bucket.tokens) / limit_.requests_per_second));
}

long RateLimiter::RetryAfterSeconds(Clock::duration wait) {
  return std::max(1L, static_cast<long>(std::ceil(Seconds(wait))));
}

std::size_t RateLimiter::clients() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

void RateLimiter::ForgetFullBuckets(Clock::time_point now) {
  std::erase_if(buckets_, [&](const auto& entry) {
    const Bucket& b = entry.second;
    return b.tokens + Seconds(now - b.updated) * limit_.requests_per_second >= limit_.burst;
  });
  // Every client is busy (a flood of addresses): start afresh rather than grow without bound.
  if (buckets_.size() >= max_clients_) buckets_.clear();
}

}  // namespace tremplin::web
