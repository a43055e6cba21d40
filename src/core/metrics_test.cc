#include "core/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

namespace tremplin::core {
namespace {

TEST(Histogram, CountsEachObservationInItsBucketCumulatively) {
  Histogram h({0.01, 0.1, 1});
  for (double s : {0.005, 0.01, 0.05, 0.5, 3.0}) h.Observe(s);
  Histogram::Snapshot s = h.Read();
  EXPECT_THAT(s.cumulative, ::testing::ElementsAre(2, 3, 4, 5)) << "a value on a bound is in that bucket";
  EXPECT_EQ(s.count, 5u);
  EXPECT_NEAR(s.sum, 3.565, 1e-12);
}

TEST(Histogram, ThreadsObserveWithoutLosingAny) {
  Histogram h(LatencyBuckets());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) h.Observe(0.002);
    });
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(h.Read().count, 40000u);
  EXPECT_NEAR(h.Read().sum, 80.0, 1e-6);
}

TEST(Histogram, IsWrittenInThePrometheusTextFormat) {
  Histogram h({0.5});
  h.Observe(0.25);
  h.Observe(2);
  std::string out;
  AppendHistogram(out, "x_seconds", PrometheusLabel("route", "/a\"b\\c"), h.Read());
  EXPECT_EQ(out,
            "x_seconds_bucket{route=\"/a\\\"b\\\\c\",le=\"0.5\"} 1\n"
            "x_seconds_bucket{route=\"/a\\\"b\\\\c\",le=\"+Inf\"} 2\n"
            "x_seconds_sum{route=\"/a\\\"b\\\\c\"} 2.25\n"
            "x_seconds_count{route=\"/a\\\"b\\\\c\"} 2\n");
  std::string bare;
  AppendHistogram(bare, "y", "", h.Read());
  EXPECT_THAT(bare, ::testing::HasSubstr("y_bucket{le=\"+Inf\"} 2\ny_sum 2.25\ny_count 2\n"));
}

}  // namespace
}  // namespace tremplin::core
