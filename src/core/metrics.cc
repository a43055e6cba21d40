#include "core/metrics.h"

#include <algorithm>
#include <cstdio>

namespace tremplin::core {

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), buckets_(new std::atomic<uint64_t>[bounds_.size() + 1]) {
  for (size_t i = 0; i <= bounds_.size(); ++i) buckets_[i].store(0, std::memory_order_relaxed);
}

void Histogram::Observe(double seconds) {
  size_t bucket = std::lower_bound(bounds_.begin(), bounds_.end(), seconds) - bounds_.begin();
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(seconds, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::Read() const {
  Snapshot s;
  s.bounds = bounds_;
  uint64_t total = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    total += buckets_[i].load(std::memory_order_relaxed);
    s.cumulative.push_back(total);
  }
  s.count = total;
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

std::vector<double> LatencyBuckets() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

Histogram& SearchSeconds() {
  static Histogram histogram(LatencyBuckets());
  return histogram;
}

Histogram& DatabaseSeconds() {
  static Histogram histogram(LatencyBuckets());
  return histogram;
}

namespace {

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

}  // namespace

void AppendHistogram(std::string& out, std::string_view name, std::string_view labels,
                     const Histogram::Snapshot& snapshot) {
  const std::string prefix = labels.empty() ? "" : std::string(labels) + ",";
  for (size_t i = 0; i < snapshot.cumulative.size(); ++i) {
    std::string le = i < snapshot.bounds.size() ? Number(snapshot.bounds[i]) : "+Inf";
    out.append(name).append("_bucket{").append(prefix).append("le=\"").append(le).append("\"} ");
    out.append(std::to_string(snapshot.cumulative[i])).append("\n");
  }
  const std::string braces = labels.empty() ? "" : "{" + std::string(labels) + "}";
  out.append(name).append("_sum").append(braces).append(" ").append(Number(snapshot.sum)).append("\n");
  out.append(name).append("_count").append(braces).append(" ").append(std::to_string(snapshot.count)).append("\n");
}

std::string PrometheusLabel(std::string_view key, std::string_view value) {
  std::string out(key);
  out += "=\"";
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  out += '"';
  return out;
}

}  // namespace tremplin::core
