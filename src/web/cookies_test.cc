#include "web/cookies.h"

#include <gtest/gtest.h>

namespace tremplin::web {
namespace {

Request WithHeaders(KeyValues headers, std::string remote = "127.0.0.1") {
  Request req;
  req.headers = std::move(headers);
  req.remote_address = std::move(remote);
  return req;
}

TEST(Cookies, ValueIsFoundAmongOthersAndAcrossHeaders) {
  Request req = WithHeaders({{"Cookie", "a=1; tremplin_session=abc; b=2"}, {"cookie", "c=3"}});
  EXPECT_EQ(CookieValue(req, "tremplin_session"), "abc");
  EXPECT_EQ(CookieValue(req, "c"), "3");
  EXPECT_EQ(CookieValue(req, "tremplin"), "");
  EXPECT_EQ(CookieValue(WithHeaders({}), "a"), "");
}

TEST(Cookies, SetCookieKeepsTheCookieFromScriptsAndOtherSites) {
  EXPECT_EQ(SetCookie("s", "v", {}), "s=v; Path=/; HttpOnly; SameSite=Lax");
  EXPECT_EQ(SetCookie("s", "", {.secure = true, .max_age_seconds = 0, .path = "/connexion"}),
            "s=; Path=/connexion; HttpOnly; SameSite=Lax; Secure; Max-Age=0");
}

TEST(Cookies, OverHttpsOnlyWhenTheProxySaysSo) {
  EXPECT_TRUE(OverHttps(WithHeaders({{"X-Forwarded-Proto", "HTTPS"}})));
  EXPECT_FALSE(OverHttps(WithHeaders({{"X-Forwarded-Proto", "http"}})));
  EXPECT_FALSE(OverHttps(WithHeaders({})));
}

TEST(ClientAddress, TheProxysLastForwardedEntryWhenTheProxyIsTrusted) {
  const std::vector<std::string> trusted = {"127.0.0.1"};
  // The client may write what it likes before; the trusted proxy appends what it saw.
  Request proxied = WithHeaders({{"X-Forwarded-For", "10.9.9.9, 203.0.113.7 "}});
  EXPECT_EQ(ClientAddress(proxied, trusted), "203.0.113.7");
  EXPECT_EQ(ClientAddress(WithHeaders({{"X-Forwarded-For", "203.0.113.7"}}), trusted), "203.0.113.7");
  // Not trusted, or nothing forwarded: the connection's address.
  EXPECT_EQ(ClientAddress(proxied, {}), "127.0.0.1");
  EXPECT_EQ(ClientAddress(WithHeaders({{"X-Forwarded-For", "203.0.113.7"}}, "198.51.100.2"), trusted),
            "198.51.100.2");
  EXPECT_EQ(ClientAddress(WithHeaders({{"X-Forwarded-For", " , "}}), trusted), "127.0.0.1");
}

}  // namespace
}  // namespace tremplin::web
