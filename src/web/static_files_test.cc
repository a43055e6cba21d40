#include "web/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "web/compression.h"

namespace tremplin::web {
namespace {

namespace fs = std::filesystem;

Request Get(std::string path) {
  Request req;
  req.method = "GET";
  req.path = std::move(path);
  return req;
}

void WriteFile(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// A fresh directory holding an override tree and, beside it, a file nobody may serve.
class StaticFilesOnDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("tremplin-static-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    WriteFile(root_ / "secret.txt", "top secret");
    WriteFile(root_ / "override" / "css" / "site.css", "body{color:red}");
    options_.url_prefix = "/assets/";
    options_.override_dir = (root_ / "override").string();
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path root_;
  StaticFilesOptions options_;
};

TEST(StaticFiles, ServesAddedFileWithTypeETagAndCaching) {
  StaticFiles files;
  files.Add("/assets/css/site.css", "body{}");
  std::optional<Response> response = files.Serve(Get("/assets/css/site.css"));
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "body{}");
  EXPECT_EQ(response->Header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(response->Header("Cache-Control"), "public, max-age=3600");
  EXPECT_EQ(response->Header("ETag"), StaticFiles::ETag("body{}"));
}

TEST(StaticFiles, UnknownPathOrMethodIsLeftToTheCaller) {
  StaticFiles files;
  files.Add("/assets/app.js", "1");
  EXPECT_FALSE(files.Serve(Get("/assets/other.js")).has_value());
  Request post = Get("/assets/app.js");
  post.method = "POST";
  EXPECT_FALSE(files.Serve(post).has_value());
  Request head = Get("/assets/app.js");
  head.method = "HEAD";
  EXPECT_TRUE(files.Serve(head).has_value());
}

TEST(StaticFiles, ETagIsStrongAndDependsOnContent) {
  std::string tag = StaticFiles::ETag("abc");
  EXPECT_EQ(tag.front(), '"');
  EXPECT_EQ(tag.back(), '"');
  EXPECT_FALSE(tag.starts_with("W/"));
  EXPECT_EQ(tag, StaticFiles::ETag("abc"));
  EXPECT_NE(tag, StaticFiles::ETag("abd"));
  EXPECT_NE(StaticFiles::ETag(""), StaticFiles::ETag(std::string(1, '\0')));
}

TEST(StaticFiles, IfNoneMatchGives304WithoutBody) {
  StaticFiles files;
  files.Add("/assets/logo.svg", "<svg/>");
  std::string tag = StaticFiles::ETag("<svg/>");
  for (std::string header : {tag, "\"other\", " + tag, "W/" + tag, std::string("*")}) {
    Request req = Get("/assets/logo.svg");
    req.headers = {{"if-none-match", header}};
    std::optional<Response> response = files.Serve(req);
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 304) << header;
    EXPECT_EQ(response->body, "");
    EXPECT_EQ(response->Header("ETag"), tag);
    EXPECT_EQ(response->Header("Cache-Control"), "public, max-age=3600");
  }
  Request stale = Get("/assets/logo.svg");
  stale.headers = {{"If-None-Match", "\"0000\""}};
  EXPECT_EQ(files.Serve(stale)->status, 200);
}

// Text files go in gzip, made once when added, to clients that accept it; the gzip form has its
// own ETag, which If-None-Match then matches.
TEST(StaticFiles, TextFilesGoInGzipUnderTheirOwnETag) {
  std::string css;
  while (css.size() < 4000) css += ".t-card{margin:0 0 1rem;padding:1rem}\n";
  StaticFiles files;
  files.Add("/assets/css/site.css", css);
  files.Add("/assets/logo.png", std::string(4000, 'x'));

  Request req = Get("/assets/css/site.css");
  req.headers = {{"Accept-Encoding", "gzip, br"}};
  std::optional<Response> gzip = files.Serve(req);
  ASSERT_TRUE(gzip.has_value());
  EXPECT_EQ(gzip->status, 200);
  EXPECT_EQ(gzip->Header("Content-Encoding"), "gzip");
  EXPECT_EQ(gzip->Header("Vary"), "Accept-Encoding");
  EXPECT_LT(gzip->body.size(), css.size() / 5);
  EXPECT_EQ(gzip->body, Gzip(css, 9));
  EXPECT_EQ(gzip->Header("ETag"), GzipETag(StaticFiles::ETag(css)));

  req.headers.emplace_back("If-None-Match", std::string(gzip->Header("ETag")));
  EXPECT_EQ(files.Serve(req)->status, 304);
  // The plain file's tag does not stand for the gzip form, nor the other way round.
  req.headers = {{"Accept-Encoding", "gzip"}, {"If-None-Match", StaticFiles::ETag(css)}};
  EXPECT_EQ(files.Serve(req)->status, 200);
  std::optional<Response> plain = files.Serve(Get("/assets/css/site.css"));
  EXPECT_EQ(plain->body, css);
  EXPECT_EQ(plain->Header("Content-Encoding"), "");
  EXPECT_EQ(plain->Header("Vary"), "Accept-Encoding");

  Request png = Get("/assets/logo.png");
  png.headers = {{"Accept-Encoding", "gzip"}};
  EXPECT_EQ(files.Serve(png)->Header("Content-Encoding"), "");
}

TEST(StaticFiles, CacheControlIsConfigurable) {
  StaticFilesOptions options;
  options.cache_control = "no-cache";
  StaticFiles files(options);
  files.Add("/robots.txt", "User-agent: *\n");
  std::optional<Response> response = files.Serve(Get("/robots.txt"));
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->Header("Cache-Control"), "no-cache");
  EXPECT_EQ(response->Header("Content-Type"), "text/plain; charset=utf-8");
}

TEST(StaticFiles, ContentTypesByExtension) {
  EXPECT_EQ(StaticFiles::ContentType("/a/b.css"), "text/css; charset=utf-8");
  EXPECT_EQ(StaticFiles::ContentType("/a/b.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(StaticFiles::ContentType("/i.SVG"), "image/svg+xml; charset=utf-8");
  EXPECT_EQ(StaticFiles::ContentType("/i.png"), "image/png");
  EXPECT_EQ(StaticFiles::ContentType("/favicon.ico"), "image/x-icon");
  EXPECT_EQ(StaticFiles::ContentType("/index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(StaticFiles::ContentType("/a.txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(StaticFiles::ContentType("/a.json"), "application/json; charset=utf-8");
  EXPECT_EQ(StaticFiles::ContentType("/f.woff2"), "font/woff2");
  EXPECT_EQ(StaticFiles::ContentType("/a.d/noext"), "application/octet-stream");
  EXPECT_EQ(StaticFiles::ContentType("/a.unknown"), "application/octet-stream");
}

TEST_F(StaticFilesOnDisk, OverrideDirectoryWins) {
  StaticFiles files(options_);
  files.Add("/assets/css/site.css", "embedded");
  files.Add("/assets/js/app.js", "embedded js");
  std::optional<Response> response = files.Serve(Get("/assets/css/site.css"));
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->body, "body{color:red}");
  EXPECT_EQ(response->Header("ETag"), StaticFiles::ETag("body{color:red}"));
  EXPECT_EQ(response->Header("Content-Type"), "text/css; charset=utf-8");
  // Files missing on disk come from memory; files only on disk are served too.
  EXPECT_EQ(files.Serve(Get("/assets/js/app.js"))->body, "embedded js");
  WriteFile(root_ / "override" / "img" / "new.png", "PNG");
  EXPECT_EQ(files.Serve(Get("/assets/img/new.png"))->body, "PNG");
}

TEST_F(StaticFilesOnDisk, RefusesPathTraversal) {
  StaticFiles files(options_);
  ASSERT_TRUE(files.Serve(Get("/assets/css/site.css")).has_value());
  const std::string secret = (root_ / "secret.txt").string();
  for (std::string path : {
           std::string("/assets/../secret.txt"),
           std::string("/assets/css/../../secret.txt"),
           std::string("/assets/./css/site.css"),
           std::string("/assets//") + secret,
           std::string("/assets/") + secret.substr(1) + "/../../" + secret,
           std::string("/assets/css\\..\\..\\secret.txt"),
           std::string("/assets/css/site.css\0.png", 26),
           std::string("/assets/css/"),
           std::string("/assets/"),
           std::string("/assets/css"),
       }) {
    std::optional<Response> response = files.Serve(Get(path));
    EXPECT_FALSE(response.has_value()) << path << " gave " << response->body;
  }
}

TEST_F(StaticFilesOnDisk, OnlyPathsUnderThePrefixReachTheDisk) {
  WriteFile(root_ / "override" / "x.txt", "x");
  StaticFiles files(options_);
  EXPECT_TRUE(files.Serve(Get("/assets/x.txt")).has_value());
  EXPECT_FALSE(files.Serve(Get("/x.txt")).has_value());
  EXPECT_FALSE(files.Serve(Get("/assetsx.txt")).has_value());
}

}  // namespace
}  // namespace tremplin::web
