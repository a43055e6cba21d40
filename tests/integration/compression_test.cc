// Compression over the real server with [server] compression_level = 1 (the default): pages,
// API answers and the design system's files go in gzip to a client that accepts it (as every
// browser does), decompress to exactly what a client without gzip gets, HEAD announces the same
// length as GET, a compressed file has its own ETag that revalidates; level 0 sends everything
// plain.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>

#include "test_server.h"
#include "support/gunzip.h"
#include "support/temp_dir.h"
#include "test_support.h"

namespace tremplin::integration {
namespace {

using tremplin::testing::Gunzip;

const HeaderList kBrowser = {{"Accept-Encoding", "gzip, deflate, br, zstd"}};

// A server started with the compression level `level` (and no rate limit).
class CompressingServer : public ::testing::Test {
 protected:
  explicit CompressingServer(int level) : level_(level) {}
  void SetUp() override {
    TREMPLIN_REQUIRE_TEST_PREREQUISITES();
    std::ofstream(dir_.path() / "tremplin.toml")
        << "[server]\ncompression_level = " << level_ << "\n[limits]\nrequests_per_second = 0\n";
    std::string error;
    TestServerOptions options;
    options.global_args = {"--config", (dir_.path() / "tremplin.toml").string()};
    server_ = TestServer::Start(&error, options);
    ASSERT_TRUE(server_) << error;
    client_ = std::make_unique<HttpClient>(server_->host(), server_->port());
  }
  void TearDown() override {
    if (!server_) return;
    std::string error;
    EXPECT_EQ(server_->Stop(&error), 0) << error;
  }
  HttpResponse Get(std::string_view target, const HeaderList& headers = {}) { return client_->Get(target, headers); }
  HttpClient& client() { return *client_; }

 private:
  int level_;
  tremplin::testing::TempDir dir_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<HttpClient> client_;
};

class Compression : public CompressingServer {
 protected:
  Compression() : CompressingServer(1) {}
};

class CompressionOff : public CompressingServer {
 protected:
  CompressionOff() : CompressingServer(0) {}
};

TEST_F(Compression, PagesApiAndAssetsGoInGzipToABrowserAndDecompressToThePlainAnswer) {
  for (const char* target : {"/", "/formations?q=d%C3%A9veloppeur&where=59350", "/organismes",
                             "/api/v1/courses?q=web&per_page=20", "/api/v1/taxonomy",
                             "/assets/css/tremplin.css", "/accessibilite?lang=en"}) {
    SCOPED_TRACE(target);
    HttpResponse plain = Get(target);
    HttpResponse gzip = Get(target, kBrowser);
    ASSERT_EQ(plain.status, 200) << plain.error;
    ASSERT_EQ(gzip.status, 200) << gzip.error;
    EXPECT_EQ(plain.Header("Content-Encoding"), "");
    EXPECT_EQ(gzip.Header("Content-Encoding"), "gzip");
    EXPECT_NE(gzip.Header("Vary").find("Accept-Encoding"), std::string::npos);
    EXPECT_NE(plain.Header("Vary").find("Accept-Encoding"), std::string::npos);
    EXPECT_EQ(gzip.Header("Content-Type"), plain.Header("Content-Type"));
    EXPECT_EQ(gzip.Header("Content-Length"), std::to_string(gzip.body.size()));
    EXPECT_LT(gzip.body.size() * 2, plain.body.size());
    EXPECT_EQ(Gunzip(gzip.body), plain.body);
  }
}

TEST_F(Compression, HeadAnnouncesTheLengthGetSends) {
  HttpResponse get = Get("/formations", kBrowser);
  HttpResponse head = client().Head("/formations", kBrowser);
  ASSERT_EQ(head.status, 200) << head.error;
  EXPECT_EQ(head.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(head.Header("Content-Length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.body, "");
}

TEST_F(Compression, RefusedGzipSmallAnswersAndImagesStayPlain) {
  HttpResponse refused = Get("/", {{"Accept-Encoding", "gzip;q=0, identity"}});
  EXPECT_EQ(refused.Header("Content-Encoding"), "");
  EXPECT_NE(refused.body.find("<html"), std::string::npos);
  HttpResponse health = Get("/healthz", kBrowser);
  EXPECT_EQ(health.Header("Content-Encoding"), "");
  HttpResponse icon = Get("/assets/img/favicon.svg", kBrowser);  // under 1 KB: not worth it
  ASSERT_EQ(icon.status, 200);
  EXPECT_EQ(icon.Header("Content-Encoding"), "");
}

TEST_F(Compression, AGzipFileRevalidatesWithItsOwnETag) {
  HttpResponse first = Get("/assets/css/tremplin.css", kBrowser);
  HttpResponse plain = Get("/assets/css/tremplin.css");
  ASSERT_EQ(first.status, 200);
  std::string tag = first.Header("ETag");
  ASSERT_FALSE(tag.empty());
  EXPECT_NE(tag, plain.Header("ETag"));
  HeaderList revalidate = kBrowser;
  revalidate.emplace_back("If-None-Match", tag);
  HttpResponse again = Get("/assets/css/tremplin.css", revalidate);
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
}

TEST_F(CompressionOff, LevelZeroSendsEverythingPlainForTheProxyToCompress) {
  for (const char* target : {"/", "/api/v1/taxonomy", "/assets/css/tremplin.css"}) {
    HttpResponse res = Get(target, kBrowser);
    ASSERT_EQ(res.status, 200) << target << " " << res.error;
    EXPECT_EQ(res.Header("Content-Encoding"), "") << target;
  }
}

}  // namespace
}  // namespace tremplin::integration
