#include "app/access_guard.h"

#include <gtest/gtest.h>

#include <set>

#include "auth/route_access.h"
#include "support/temp_dir.h"

namespace tremplin::app {
namespace {

web::Response Ok(const web::Request&) { return web::Response::Text(200, "handler ran"); }

TEST(RouteAccess, EachRouteIsListedOnce) {
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const auth::RouteAccess& r : auth::kRouteAccess)
    EXPECT_TRUE(seen.emplace(r.method, r.pattern).second) << r.method << " " << r.pattern;
}

TEST(RouteAccess, ARouteWithoutAnEntryIsReported) {
  web::Router router;
  router.Get("/", Ok);
  router.Post("/connexion", Ok);
  router.Add("DELETE", "/api/v1/courses/{id}", Ok);
  router.Get("/tout-nouveau", Ok);
  EXPECT_EQ(RoutesWithoutAccess(router),
            (std::vector<std::pair<std::string, std::string>>{{"DELETE", "/api/v1/courses/{id}"},
                                                              {"GET", "/tout-nouveau"}}));
}

class AccessGuardTest : public ::testing::Test {
 protected:
  AccessGuardTest() {
    router_.Get("/", Ok);
    router_.Get("/espace", Ok);
    router_.Get("/espace/utilisateurs", Ok);
    router_.Add("PATCH", "/api/v1/courses/{id}", Ok);
    router_.Get("/tout-nouveau", Ok);
    router_.SetGuard(MakeAccessGuard(context_));
  }
  web::Response Send(std::string method, std::string path, web::KeyValues headers = {}) {
    web::Request req;
    req.method = std::move(method);
    req.path = std::move(path);
    req.target = req.path;
    req.headers = std::move(headers);
    return router_.Dispatch(req);
  }

  tremplin::testing::TempDir dir_;
  store::ConnectionPool pool_{"sqlite:" + dir_.File("guard.db"), 1};
  site::AccountServices accounts_{pool_, auth::SessionPolicy{}};
  AccessContext context_{accounts_, "0123456789abcdef0123456789abcdef",
                         [](const web::Request&) { return web::Response::Text(403, "not for you"); }};
  web::Router router_;
};

TEST_F(AccessGuardTest, PublicRoutesReachTheirHandler) {
  EXPECT_EQ(Send("GET", "/").body, "handler ran");
}

TEST_F(AccessGuardTest, SignedInRoutesSendOthersToSignIn) {
  web::Response r = Send("GET", "/espace", {{"Cookie", "tremplin_session=made-up"}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("Location"), "/connexion");
}

TEST_F(AccessGuardTest, AdministratorRoutesSendVisitorsToSignIn) {
  web::Response r = Send("GET", "/espace/utilisateurs");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("Location"), "/connexion");
}

TEST_F(AccessGuardTest, TokenRoutesNeedTheToken) {
  EXPECT_EQ(Send("PATCH", "/api/v1/courses/1").status, 401);
  EXPECT_EQ(Send("PATCH", "/api/v1/courses/1", {{"Authorization", "Bearer wrong"}}).status, 401);
  web::Response r = Send("PATCH", "/api/v1/courses/1",
                         {{"Authorization", "Bearer 0123456789abcdef0123456789abcdef"}});
  EXPECT_EQ(r.body, "handler ran");
}

TEST_F(AccessGuardTest, ARouteWithoutAnEntryIsRefused) {
  EXPECT_EQ(Send("GET", "/tout-nouveau").status, 403);
}

}  // namespace
}  // namespace tremplin::app
