#include "app/access_guard.h"

#include <gtest/gtest.h>

#include <set>

#include "auth/route_access.h"
#include "auth/sign_in.h"
#include "auth/tokens.h"
#include "store/accounts.h"
#include "store/migrations.h"
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

  // A migrated database: the guard reads its sessions.
  static std::string MigratedDatabase(const std::string& url) {
    core::Result<store::Database> db = store::Database::Open(url);
    EXPECT_TRUE(db.ok() && store::Migrate(*db).ok());
    return url;
  }

  tremplin::testing::TempDir dir_;
  store::ConnectionPool pool_{MigratedDatabase("sqlite:" + dir_.File("guard.db")), 1};
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

// A member on an administrators' page is refused by the context's page, or by a plain 403 when
// the context has none (never a call to an empty function).
TEST_F(AccessGuardTest, ASignedInNonAdministratorIsRefusedAdministratorsPages) {
  core::Result<store::Database> db = store::Database::Open("sqlite:" + dir_.File("guard.db"));
  ASSERT_TRUE(db.ok());
  store::User member;
  member.email = "camille@example.org";
  member.name = "Camille";
  member.role = store::Role::kMember;
  core::Result<int64_t> id = store::InsertUser(*db, member);
  ASSERT_TRUE(id.ok());
  const std::string token = auth::RandomToken();
  ASSERT_TRUE(store::InsertSession(*db, {auth::TokenHash(token), *id, "csrf", auth::NowUnix(), auth::NowUnix()}).ok());
  const web::KeyValues cookie = {{"Cookie", "tremplin_session=" + token}};

  EXPECT_EQ(Send("GET", "/espace", cookie).body, "handler ran");
  web::Response refused = Send("GET", "/espace/utilisateurs", cookie);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.body, "not for you");

  context_.forbidden = nullptr;
  web::Response plain = Send("GET", "/espace/utilisateurs", cookie);
  EXPECT_EQ(plain.status, 403);
  EXPECT_NE(plain.body, "handler ran");
}

// A database that cannot tell who is signed in is not "signed out": the answer is the
// database's (503 when out of reach), not a trip to the sign-in page.
TEST_F(AccessGuardTest, ADatabaseThatCannotTellWhoIsSignedInAnswersItsError) {
  store::ConnectionPool broken("postgresql://nobody@127.0.0.1:1/none", 1);  // nothing listens
  site::AccountServices accounts{broken, auth::SessionPolicy{}};
  AccessContext context{accounts, "", nullptr,
                        [](const web::Request&, const core::Error& error) {
                          return web::Response::Text(core::HttpStatus(error.code), error.id);
                        }};
  web::Router router;
  router.Get("/espace", Ok);
  router.SetGuard(MakeAccessGuard(context));
  web::Request req;
  req.method = "GET";
  req.path = req.target = "/espace";
  req.headers = {{"Cookie", "tremplin_session=0123"}};
  web::Response r = router.Dispatch(req);
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_NE(r.body, "handler ran");
  // Without a session cookie, nothing is asked of the database: to sign in.
  req.headers.clear();
  EXPECT_EQ(router.Dispatch(req).status, 303);
}

}  // namespace
}  // namespace tremplin::app
