// What the server records of every request (web::ServerOptions::on_response): a request id —
// the one a proxy sent in X-Request-Id when it is a short plain token, else a new one — echoed
// in the response's X-Request-Id; the count and duration by route, method and status, for
// /metrics; and, when asked, one access-log line per request (JSON in the JSON log format).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>

#include "core/metrics.h"
#include "web/request.h"
#include "web/response.h"

namespace tremplin::app {

class RequestObserver {
 public:
  // `access_log`: log each request (at info, logger "access"); `json`: as one JSON object.
  RequestObserver(bool access_log, bool json) : access_log_(access_log), json_(json) {}

  void Observe(const web::Request& req, web::Response& res, std::chrono::nanoseconds took);

  // The requests' part of /metrics: tremplin_http_requests_total{route,method,status} and
  // tremplin_http_request_duration_seconds{route,method}. Requests that matched no route are
  // counted under route "unmatched", so that made-up paths cannot multiply the series.
  void AppendMetrics(std::string& out) const;

 private:
  bool access_log_;
  bool json_;
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> counts_;  // route, method, status
  std::map<std::pair<std::string, std::string>, std::unique_ptr<core::Histogram>> durations_;
};

// The request id of `req`: its X-Request-Id when made of 1 to 64 letters, digits, '-', '_' or
// '.', else a new random one (16 hex digits).
std::string RequestIdOf(const web::Request& req);

}  // namespace tremplin::app
