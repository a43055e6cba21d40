#include "web/url_encoding.h"

#include <gtest/gtest.h>

namespace tremplin::web {
namespace {

using KV = std::pair<std::string, std::string>;

TEST(DecodeUrlEncoded, PlusAndPercentTwentyAreSpaces) {
  auto decoded = DecodeUrlEncoded("q=d%C3%A9veloppeur+web&where=Lille%20Centre");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, (KeyValues{KV{"q", "développeur web"}, KV{"where", "Lille Centre"}}));
}

TEST(DecodeUrlEncoded, KeepsRepeatedKeysInOrder) {
  auto decoded = DecodeUrlEncoded("family=dev&mode=remote&family=data");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, (KeyValues{KV{"family", "dev"}, KV{"mode", "remote"}, KV{"family", "data"}}));
}

TEST(DecodeUrlEncoded, KeyWithoutValueAndEmptyPieces) {
  auto decoded = DecodeUrlEncoded("&flag&a=&&b=1=2&");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, (KeyValues{KV{"flag", ""}, KV{"a", ""}, KV{"b", "1=2"}}));
}

TEST(DecodeUrlEncoded, EncodedPlusAndAmpersandStayLiteral) {
  auto decoded = DecodeUrlEncoded("q=C%2B%2B+%26+Rust&k%3D=v");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, (KeyValues{KV{"q", "C++ & Rust"}, KV{"k=", "v"}}));
}

TEST(DecodeUrlEncoded, RejectsBadPercentEncoding) {
  for (std::string_view bad : {"q=%", "q=%4", "q=%G1", "q=100%", "%zz=1", "q=%%41"}) {
    auto decoded = DecodeUrlEncoded(bad);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.error().id, "bad_percent_encoding") << bad;
    EXPECT_EQ(decoded.error().code, core::ErrorCode::kInvalidArgument);
  }
}

TEST(DecodeUrlEncoded, RejectsEncodedNul) { EXPECT_FALSE(DecodeUrlEncoded("q=a%00b").ok()); }

TEST(DecodeUrlEncoded, PassesInvalidUtf8ThroughAsBytes) {
  auto decoded = DecodeUrlEncoded("q=%FF%C3");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ((*decoded)[0].second, std::string("\xFF\xC3"));
}

TEST(DecodePath, DecodesEscapesButNotPlus) {
  auto decoded = DecodePath("/formations/d%C3%A9v%20web/a+b");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, "/formations/dév web/a+b");
  EXPECT_FALSE(DecodePath("/a%2").ok());
  EXPECT_FALSE(DecodePath("/a%00").ok());
}

TEST(ParseTarget, SplitsPathAndQuery) {
  auto target = ParseTarget("/recherche?q=d%C3%A9v+web&r=30");
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target->path, "/recherche");
  EXPECT_EQ(target->query, (KeyValues{KV{"q", "dév web"}, KV{"r", "30"}}));
}

TEST(ParseTarget, EmptyQuery) {
  auto target = ParseTarget("/a?");
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target->path, "/a");
  EXPECT_TRUE(target->query.empty());
}

TEST(ParseTarget, RejectsTargetsThatAreNotOriginForm) {
  for (std::string_view bad :
       {"", "*", "http://example.org/", "example.org:443", "a/b", "/a#frag"}) {
    auto target = ParseTarget(bad);
    ASSERT_FALSE(target.ok()) << bad;
    EXPECT_EQ(target.error().id, "bad_target") << bad;
  }
  EXPECT_FALSE(ParseTarget(std::string_view("/a\0b", 4)).ok());
}

TEST(ParseTarget, RejectsBadEncodingInPathOrQuery) {
  EXPECT_EQ(ParseTarget("/a%zz").error().id, "bad_percent_encoding");
  EXPECT_EQ(ParseTarget("/a?q=%e").error().id, "bad_percent_encoding");
}

TEST(EncodeQueryComponent, RoundTrips) {
  std::string text = "développeur web & C++ = 100%/an?";
  std::string encoded = EncodeQueryComponent(text);
  EXPECT_EQ(encoded.find_first_of(" &=/?"), std::string::npos);
  auto decoded = DecodeUrlEncoded("q=" + encoded);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ((*decoded)[0].second, text);
  EXPECT_EQ(EncodeQueryComponent("a b-c_d.e~f"), "a+b-c_d.e~f");
  EXPECT_EQ(EncodeQueryComponent("é&=+/?%"), "%C3%A9%26%3D%2B%2F%3F%25");
}

}  // namespace
}  // namespace tremplin::web
