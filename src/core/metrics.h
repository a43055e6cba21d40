// Measurements for /metrics: histograms of durations that any thread updates without a lock
// (the search engine's searches, the database's transactions, the requests), read as a
// consistent-enough snapshot and written in the Prometheus text format.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tremplin::core {

class Histogram {
 public:
  // `bounds`: the buckets' upper bounds in seconds, increasing (a +Inf bucket is added).
  explicit Histogram(std::vector<double> bounds);
  Histogram(const Histogram&) = delete;
  Histogram& operator=(const Histogram&) = delete;

  void Observe(double seconds);

  struct Snapshot {
    std::vector<double> bounds;
    std::vector<uint64_t> cumulative;  // observations ≤ each bound, then the +Inf total
    uint64_t count = 0;
    double sum = 0;
  };
  Snapshot Read() const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // per bucket, the last one +Inf
  std::atomic<double> sum_{0};
};

// 1 ms … 10 s: what a page, a search or a transaction may take.
std::vector<double> LatencyBuckets();

// The process's searches (search::Catalogue::Search) and outermost database transactions.
Histogram& SearchSeconds();
Histogram& DatabaseSeconds();

// Observes the time from its construction to its destruction.
class ScopedTimer {
 public:
  explicit ScopedTimer(Histogram& histogram) : histogram_(histogram), start_(std::chrono::steady_clock::now()) {}
  ~ScopedTimer() {
    histogram_.Observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
  }
  ScopedTimer(const ScopedTimer&) = delete;
  ScopedTimer& operator=(const ScopedTimer&) = delete;

 private:
  Histogram& histogram_;
  std::chrono::steady_clock::time_point start_;
};

// Appends `name` in the Prometheus text format: `labels` is "" or `key="value",…` already
// escaped (see PrometheusLabel). HELP and TYPE lines are the caller's, once per name.
void AppendHistogram(std::string& out, std::string_view name, std::string_view labels,
                     const Histogram::Snapshot& snapshot);
// `key="value"` with the value escaped as the format wants (backslash, quote, line feed).
std::string PrometheusLabel(std::string_view key, std::string_view value);

}  // namespace tremplin::core
