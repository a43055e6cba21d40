// What operators see of a running node, against the real server: /healthz and /readyz answer,
// /metrics is valid Prometheus text whose counters and histograms move with the requests made
// (by route pattern, never by the raw path of a made-up URL), every response carries a
// request id (a proxy's plain one kept, anything else replaced), and with [log] format = "json"
// every log line is one JSON object, the access lines naming the same request id.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "account_fixture.h"

namespace tremplin::integration {
namespace {

// The samples of a /metrics page by series ("name{labels}"), checking the format on the way:
// every family has HELP and TYPE lines before its samples, every sample line is well formed.
std::map<std::string, double> ParseMetrics(const std::string& text) {
  static const std::regex kSample(R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (-?[0-9.e+-]+|\+Inf|NaN)$)");
  static const std::regex kHelp(R"(^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) .+$)");
  std::map<std::string, double> samples;
  std::set<std::string> typed;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (std::regex_match(line, m, kHelp)) {
      if (m[1] == "TYPE") typed.insert(m[2].str());
      continue;
    }
    EXPECT_TRUE(std::regex_match(line, m, kSample)) << "not a sample line: " << line;
    if (m.empty()) continue;
    std::string family = std::regex_replace(m[1].str(), std::regex("_(bucket|sum|count)$"), "");
    EXPECT_TRUE(typed.contains(family) || typed.contains(m[1].str())) << "no TYPE before " << line;
    samples[m[1].str() + m[2].str()] = std::stod(m[3].str() == "+Inf" ? "inf" : m[3].str());
  }
  return samples;
}

class Observability : public ::testing::Test {
 protected:
  void SetUp() override {
    TREMPLIN_REQUIRE_TEST_PREREQUISITES();
    config_ = dir_.path() / "tremplin.toml";
    std::ofstream(config_) << "[log]\nformat = \"json\"\naccess = true\n";
    std::string error;
    server_ = TestServer::Start(&error, {.global_args = {"--config", config_.string()}});
    ASSERT_TRUE(server_) << error;
  }
  void TearDown() override {
    if (!server_) return;
    std::string error;
    EXPECT_EQ(server_->Stop(&error), 0) << error << "\n" << server_->Log();
  }
  HttpResponse Get(const std::string& target, const HeaderList& headers = {}) {
    HttpClient client(server_->host(), server_->port());
    return client.Get(target, headers);
  }
  std::map<std::string, double> Scrape() {
    HttpResponse r = Get("/metrics");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.Header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
    return ParseMetrics(r.body);
  }

  ScratchDir dir_;
  std::filesystem::path config_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(Observability, HealthAndReadinessAnswer) {
  HttpResponse health = Get("/healthz");
  EXPECT_EQ(health.status, 200);
  HttpResponse ready = Get("/readyz");
  EXPECT_EQ(ready.status, 200);
  json::value body = ParseJson(ready.body);
  EXPECT_EQ(Text(Member(body, "status")), "ready");
  EXPECT_EQ(Text(Member(body, "database")), "ok");
  EXPECT_GT(Number(Member(body, "courses")), 0);
}

TEST_F(Observability, MetricsAreValidAndTheirCountersMoveWithRequests) {
  const std::string searches = R"(tremplin_http_requests_total{route="/formations",method="GET",status="200"})";
  const std::string unmatched = R"(tremplin_http_requests_total{route="unmatched",method="GET",status="404"})";
  std::map<std::string, double> before = Scrape();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Get("/formations?q=d%C3%A9veloppeur&where=59350").status, 200);
  EXPECT_EQ(Get("/une-page-inventee-pour-voir").status, 404);
  std::map<std::string, double> after = Scrape();

  EXPECT_EQ(after[searches] - before[searches], 3);
  EXPECT_EQ(after[unmatched] - before[unmatched], 1);
  for (const auto& [series, value] : after)
    EXPECT_EQ(series.find("une-page-inventee"), std::string::npos) << "raw paths never become series";
  EXPECT_GE(after["tremplin_search_duration_seconds_count"] - before["tremplin_search_duration_seconds_count"], 3);
  EXPECT_GT(after["tremplin_database_duration_seconds_count"], 0) << "the start-up and the follower read it";
  EXPECT_GT(after["tremplin_index_documents"], 0);
  EXPECT_GT(after["tremplin_catalogue_courses"], 0);
  EXPECT_GT(after["tremplin_resident_memory_bytes"], 1e6);
  EXPECT_EQ(after[R"(tremplin_build_info{version="0.1.0"})"], 1);

  // A histogram's buckets are cumulative and its +Inf bucket is its count.
  const std::string duration = R"(tremplin_http_request_duration_seconds)";
  const std::string labels = R"(route="/formations",method="GET")";
  double previous = 0;
  for (const char* le : {"0.001", "0.0025", "0.005", "0.01", "0.025", "0.050000000000000003", "0.10000000000000001",
                         "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"}) {
    auto it = after.find(duration + "_bucket{" + labels + ",le=\"" + le + "\"}");
    if (it == after.end()) continue;  // bound written otherwise: checked below by count
    EXPECT_GE(it->second, previous) << le;
    previous = it->second;
  }
  EXPECT_EQ(after[duration + "_bucket{" + labels + ",le=\"+Inf\"}"], after[duration + "_count{" + labels + "}"]);
  EXPECT_GE(after[duration + "_count{" + labels + "}"], 3);
}

TEST_F(Observability, EveryResponseCarriesARequestIdThatTheJsonLogNames) {
  HttpResponse fresh = Get("/");
  const std::string id = fresh.Header("X-Request-Id");
  EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{16}"))) << id;
  EXPECT_NE(Get("/").Header("X-Request-Id"), id) << "one per request";
  EXPECT_EQ(Get("/", {{"X-Request-Id", "proxy-42.a_b"}}).Header("X-Request-Id"), "proxy-42.a_b");
  std::string replaced = Get("/", {{"X-Request-Id", "<script>alert(1)</script>"}}).Header("X-Request-Id");
  EXPECT_TRUE(std::regex_match(replaced, std::regex("[0-9a-f]{16}"))) << replaced;
  EXPECT_EQ(Get("/api/v1/courses?q=zzz", {{"X-Request-Id", "api-1"}}).Header("X-Request-Id"), "api-1");

  // Every line of the log is one JSON object; the access line of the first request has its id.
  std::string error;
  ASSERT_EQ(server_->Stop(&error), 0) << error;
  std::istringstream lines(server_->Log());
  std::string line;
  int objects = 0;
  bool found = false;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    std::string parse_error;
    json::value v = ParseJson(line, &parse_error);
    ASSERT_EQ(parse_error, "") << line;
    ++objects;
    EXPECT_FALSE(Text(Member(v, "time")).empty());
    EXPECT_FALSE(Text(Member(v, "level")).empty());
    EXPECT_FALSE(Text(Member(v, "msg")).empty());
    if (v.as_object().contains("request_id") && Text(Member(v, "request_id")) == id) {
      found = true;
      EXPECT_EQ(Text(Member(v, "route")), "/");
      EXPECT_EQ(Number(Member(v, "status")), 200);
      EXPECT_GE(Number(Member(v, "duration_ms")), 0);
    }
  }
  EXPECT_GT(objects, 5);
  EXPECT_TRUE(found) << "no access line for request " << id;
  server_.reset();
}

}  // namespace
}  // namespace tremplin::integration
