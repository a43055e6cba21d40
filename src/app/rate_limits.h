// Per-client rate limiting of the expensive endpoints — the search page, the API's course and
// place searches, sign-in and password-reset requests — in front of the access guard: past
// the limit of [limits], 429 with Retry-After (a page in the site's look, a JSON error for the
// API). The client is its address as web::ClientAddress tells it (behind a reverse proxy, set
// [server] trusted_proxies, or every client shares the proxy's bucket).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "search/services.h"
#include "web/rate_limiter.h"
#include "web/router.h"

namespace tremplin::app {

// Whether route (`method`, `pattern`) costs enough to be limited.
bool IsRateLimited(std::string_view method, std::string_view pattern);

struct RateLimitContext {
  web::RateLimiter& limiter;
  std::vector<std::string> trusted_proxies;
  const search::Services& services;  // for the pages' look
};

// The 429 page, in the site's look: too many requests, wait a few seconds (not indexed, not
// stored by caches). Retry-After is the caller's to add.
web::Response RateLimitedPage(const web::Request& req, const search::Services& services);

// `inner` after the rate limit of the limited routes.
web::Guard WithRateLimits(web::Guard inner, RateLimitContext context);

}  // namespace tremplin::app
