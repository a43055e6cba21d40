#include "app/request_observer.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

#include "app/json_log.h"
#include "auth/tokens.h"

namespace tremplin::app {
namespace {

bool IsPlainToken(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

}  // namespace

std::string RequestIdOf(const web::Request& req) {
  std::string_view given = req.Header("X-Request-Id");
  if (IsPlainToken(given)) return std::string(given);
  return auth::RandomToken().substr(0, 16);
}

void RequestObserver::Observe(const web::Request& req, web::Response& res, std::chrono::nanoseconds took) {
  const std::string id = RequestIdOf(req);
  res.SetHeader("X-Request-Id", id);
  const std::string route = req.route.empty() ? "unmatched" : req.route;
  const double seconds = std::chrono::duration<double>(took).count();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++counts_[{route, req.method, res.status}];
    std::unique_ptr<core::Histogram>& histogram = durations_[{route, req.method}];
    if (!histogram) histogram = std::make_unique<core::Histogram>(core::LatencyBuckets());
    histogram->Observe(seconds);
  }
  if (!access_log_) return;
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.3f", seconds * 1000);
  if (json_) {
    spdlog::info(JsonFields({{"msg", "request"},
                             {"request_id", id},
                             {"method", req.method},
                             {"route", route},
                             {"path", req.path},
                             {"status", std::to_string(res.status)},
                             {"duration_ms", ms}},
                            {"status", "duration_ms"}));
  } else {
    spdlog::info("request {} {} {} {} {} ms", id, req.method, req.path, res.status, ms);
  }
}

void RequestObserver::AppendMetrics(std::string& out) const {
  std::lock_guard<std::mutex> lock(mutex_);
  out += "# HELP tremplin_http_requests_total Requests answered, by route pattern, method and status.\n"
         "# TYPE tremplin_http_requests_total counter\n";
  for (const auto& [key, count] : counts_) {
    const auto& [route, method, status] = key;
    out += "tremplin_http_requests_total{" + core::PrometheusLabel("route", route) + "," +
           core::PrometheusLabel("method", method) + "," +
           core::PrometheusLabel("status", std::to_string(status)) + "} " + std::to_string(count) + "\n";
  }
  out += "# HELP tremplin_http_request_duration_seconds Time to answer a request (handler only).\n"
         "# TYPE tremplin_http_request_duration_seconds histogram\n";
  for (const auto& [key, histogram] : durations_) {
    core::AppendHistogram(out, "tremplin_http_request_duration_seconds",
                          core::PrometheusLabel("route", key.first) + "," + core::PrometheusLabel("method", key.second),
                          histogram->Read());
  }
}

}  // namespace tremplin::app
