#include "web/compression.h"

#include <gtest/gtest.h>

#include <string>

#include "support/gunzip.h"

namespace tremplin::web {
namespace {

using tremplin::testing::Gunzip;

std::string Page(size_t bytes) {
  std::string page = "<!doctype html><title>Formations</title>";
  while (page.size() < bytes) page += "<p>Développeur web et web mobile à Lille</p>";
  return page;
}

Response Html(std::string body) {
  Response res;
  res.SetHeader("Content-Type", "text/html; charset=utf-8");
  res.body = std::move(body);
  return res;
}

Request AcceptingGzip(std::string value = "gzip, deflate, br") {
  Request req;
  req.headers.emplace_back("Accept-Encoding", std::move(value));
  return req;
}

TEST(AcceptsGzip, ReadsTheCodingsAndTheirQualities) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br, zstd"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("x-gzip"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_TRUE(AcceptsGzip(" identity , * ;q=0.1"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("br, deflate"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0.000"));
  EXPECT_FALSE(AcceptsGzip("*, gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=nonsense"));
  EXPECT_FALSE(AcceptsGzip("gzipped"));
}

TEST(IsCompressible, TextYesAlreadyCompressedFormatsNo) {
  for (const char* type : {"text/html; charset=utf-8", "text/css; charset=utf-8", "text/javascript",
                           "application/json", "application/problem+json", "image/svg+xml",
                           "application/yaml", "text/plain; version=0.0.4"})
    EXPECT_TRUE(IsCompressible(type)) << type;
  for (const char* type : {"image/png", "font/woff2", "application/octet-stream", "image/x-icon", ""})
    EXPECT_FALSE(IsCompressible(type)) << type;
}

TEST(Gzip, RoundTripsAtEveryLevel) {
  std::string page = Page(50000);
  for (int level = 1; level <= 9; ++level) {
    std::string gzip = Gzip(page, level);
    EXPECT_LT(gzip.size(), page.size() / 5) << level;
    EXPECT_EQ(Gunzip(gzip), page) << level;
  }
  EXPECT_EQ(Gunzip(Gzip("", 4)), "");
}

TEST(GzipETag, GivesTheCompressedFormItsOwnTag) {
  EXPECT_EQ(GzipETag("\"5d41402abc4b2a76-1f\""), "\"5d41402abc4b2a76-1f-gzip\"");
  EXPECT_EQ(GzipETag(""), "");
}

TEST(CompressForClient, CompressesTextForAClientThatAcceptsGzip) {
  std::string page = Page(20000);
  Response res = Html(page);
  res.SetHeader("ETag", "\"abc\"");
  CompressForClient(AcceptingGzip(), res, 4);
  EXPECT_EQ(res.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(res.Header("Vary"), "Accept-Encoding");
  EXPECT_EQ(res.Header("ETag"), "\"abc-gzip\"");
  EXPECT_EQ(Gunzip(res.body), page);
}

TEST(CompressForClient, LeavesTheBodyAsItIsOtherwise) {
  std::string page = Page(20000);
  Response refused = Html(page);
  CompressForClient(AcceptingGzip("gzip;q=0, identity"), refused, 4);
  EXPECT_EQ(refused.body, page);
  EXPECT_EQ(refused.Header("Content-Encoding"), "");
  EXPECT_EQ(refused.Header("Vary"), "Accept-Encoding");  // a cache must not give it a gzip client

  Response small = Html("<p>court</p>");
  CompressForClient(AcceptingGzip(), small, 4);
  EXPECT_EQ(small.body, "<p>court</p>");
  EXPECT_EQ(small.Header("Vary"), "");

  Response image;
  image.SetHeader("Content-Type", "image/png");
  image.body = std::string(5000, 'x');
  CompressForClient(AcceptingGzip(), image, 4);
  EXPECT_EQ(image.body, std::string(5000, 'x'));

  Response encoded = Html(page);
  encoded.SetHeader("Content-Encoding", "br");
  CompressForClient(AcceptingGzip(), encoded, 4);
  EXPECT_EQ(encoded.body, page);
}

TEST(CompressForClient, ALevelZlibRefusesLeavesTheBodyPlain) {
  std::string page = Page(5000);
  Response res = Html(page);
  CompressForClient(AcceptingGzip(), res, 42);
  EXPECT_EQ(res.body, page);
  EXPECT_EQ(res.Header("Content-Encoding"), "");
}

TEST(CompressForClient, AddsToAVaryHeaderAlreadyThere) {
  Response res = Html(Page(5000));
  res.SetHeader("Vary", "Cookie");
  CompressForClient(AcceptingGzip(), res, 4);
  EXPECT_EQ(res.Header("Vary"), "Cookie, Accept-Encoding");
}

}  // namespace
}  // namespace tremplin::web
