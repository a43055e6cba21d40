#include "web/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace tremplin::web {
namespace {

Request Make(std::string method, std::string path) {
  Request req;
  req.method = std::move(method);
  req.path = std::move(path);
  req.target = req.path;
  return req;
}

Handler Says(std::string text) {
  return [text](const Request&) { return Response::Text(200, text); };
}

Response Dispatch(const Router& router, std::string method, std::string path) {
  Request req = Make(std::move(method), std::move(path));
  return router.Dispatch(req);
}

TEST(Router, MatchesExactPaths) {
  Router router;
  router.Get("/", Says("home"));
  router.Get("/formations", Says("list"));
  EXPECT_EQ(Dispatch(router, "GET", "/").body, "home");
  EXPECT_EQ(Dispatch(router, "GET", "/formations").body, "list");
  EXPECT_EQ(Dispatch(router, "GET", "/formation").status, 404);
  EXPECT_EQ(Dispatch(router, "GET", "/formations/x").status, 404);
}

TEST(Router, TrailingSlashIsAnotherPath) {
  Router router;
  router.Get("/formations", Says("list"));
  EXPECT_EQ(Dispatch(router, "GET", "/formations/").status, 404);
  router.Get("/formations/", Says("slash"));
  EXPECT_EQ(Dispatch(router, "GET", "/formations/").body, "slash");
}

TEST(Router, CapturesOneSegment) {
  Router router;
  router.Get("/api/v1/courses/{id}/sessions/{session}", [](const Request& req) {
    return Response::Text(
        200, std::string(req.PathParam("id")) + "," + std::string(req.PathParam("session")));
  });
  Request req = Make("GET", "/api/v1/courses/12/sessions/s-3");
  Response response = router.Dispatch(req);
  EXPECT_EQ(response.body, "12,s-3");
  EXPECT_EQ(req.path_params, (KeyValues{{"id", "12"}, {"session", "s-3"}}));
  EXPECT_EQ(req.route, "/api/v1/courses/{id}/sessions/{session}") << "what metrics and logs name";
  EXPECT_EQ(req.PathParam("missing"), "");
  Request unknown = Make("GET", "/nowhere");
  router.Dispatch(unknown);
  EXPECT_EQ(unknown.route, "");
  // A capture needs a non-empty segment and never spans a slash.
  EXPECT_EQ(Dispatch(router, "GET", "/api/v1/courses//sessions/s").status, 404);
  EXPECT_EQ(Dispatch(router, "GET", "/api/v1/courses/1/2/sessions/s").status, 404);
}

TEST(Router, CapturesDecodedText) {
  Router router;
  router.Get("/villes/{name}", [](const Request& req) {
    return Response::Text(200, std::string(req.PathParam("name")));
  });
  EXPECT_EQ(Dispatch(router, "GET", "/villes/Saint-Étienne").body, "Saint-Étienne");
}

TEST(Router, RestCaptureTakesTheRemainingPath) {
  Router router;
  router.Get("/assets/{file...}", [](const Request& req) {
    return Response::Text(200, std::string(req.PathParam("file")));
  });
  EXPECT_EQ(Dispatch(router, "GET", "/assets/css/site.css").body, "css/site.css");
  EXPECT_EQ(Dispatch(router, "GET", "/assets/logo.svg").body, "logo.svg");
  EXPECT_EQ(Dispatch(router, "GET", "/assets/").status, 404);
  EXPECT_EQ(Dispatch(router, "GET", "/assets").status, 404);
}

TEST(Router, ExactSegmentBeatsCaptureWhateverTheOrder) {
  Router router;
  router.Get("/formations/{id}", Says("one"));
  router.Get("/formations/nouvelle", Says("new"));
  router.Get("/{page...}", Says("rest"));
  router.Get("/{section}/{id}/edit", Says("edit"));
  router.Get("/formations/{id}/edit", Says("course edit"));
  EXPECT_EQ(Dispatch(router, "GET", "/formations/nouvelle").body, "new");
  EXPECT_EQ(Dispatch(router, "GET", "/formations/12").body, "one");
  EXPECT_EQ(Dispatch(router, "GET", "/formations/12/edit").body, "course edit");
  EXPECT_EQ(Dispatch(router, "GET", "/orgs/12/edit").body, "edit");
  EXPECT_EQ(Dispatch(router, "GET", "/orgs/12/other").body, "rest");
}

TEST(Router, PostAndGetOnOnePath) {
  Router router;
  router.Get("/connexion", Says("form"));
  router.Post("/connexion", Says("login"));
  router.Add("DELETE", "/connexion", Says("logout"));
  EXPECT_EQ(Dispatch(router, "GET", "/connexion").body, "form");
  EXPECT_EQ(Dispatch(router, "POST", "/connexion").body, "login");
  EXPECT_EQ(Dispatch(router, "DELETE", "/connexion").body, "logout");
}

TEST(Router, WrongMethodGets405WithAllow) {
  Router router;
  router.Get("/formations/{id}", Says("one"));
  router.Post("/formations/{id}", Says("update"));
  router.Get("/formations/{id}/{x...}", Says("rest"));
  router.Post("/contact", Says("sent"));
  Response response = Dispatch(router, "PUT", "/formations/3");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.Header("Allow"), "GET, HEAD, POST");
  response = Dispatch(router, "GET", "/contact");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.Header("allow"), "POST");
  EXPECT_EQ(Dispatch(router, "PUT", "/nowhere").status, 404);
}

// The body stays in the response: the server sends only the headers (server_test checks it).
TEST(Router, HeadRunsGet) {
  Router router;
  int calls = 0;
  router.Get("/page", [&calls](const Request& req) {
    ++calls;
    EXPECT_EQ(req.method, "HEAD");
    return Response::Html(200, "<p>Bonjour</p>");
  });
  Response response = Dispatch(router, "HEAD", "/page");
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "<p>Bonjour</p>");
  EXPECT_EQ(response.Header("Content-Type"), "text/html; charset=utf-8");
}

TEST(Router, ExplicitHeadRouteWins) {
  Router router;
  router.Get("/page", Says("get"));
  router.Add("HEAD", "/page", [](const Request&) { return Response::Text(204, ""); });
  EXPECT_EQ(Dispatch(router, "HEAD", "/page").status, 204);
}

TEST(Router, CustomNotFound) {
  Router router;
  router.SetNotFound([](const Request& req) {
    return Response::Html(404, "<h1>Introuvable : " + req.path + "</h1>");
  });
  Response response = Dispatch(router, "GET", "/nulle-part");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body, "<h1>Introuvable : /nulle-part</h1>");
}

TEST(Router, DefaultNotFoundIsPlainText) {
  Router router;
  Response response = Dispatch(router, "GET", "/x");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.Header("Content-Type"), "text/plain; charset=utf-8");
}

TEST(Router, ThrowingHandlerGetsTheErrorHandlersResponse) {
  Router router;
  router.Get("/boom", [](const Request&) -> Response { throw std::runtime_error("disk full"); });
  EXPECT_EQ(Dispatch(router, "GET", "/boom").status, 500);
  std::string seen;
  router.SetErrorHandler([&seen](const Request& req, std::string_view message) {
    seen = req.path + ": " + std::string(message);
    return Response::Html(500, "<h1>Oups</h1>");
  });
  Response response = Dispatch(router, "GET", "/boom");
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body, "<h1>Oups</h1>");
  EXPECT_EQ(seen, "/boom: disk full");
}

TEST(Router, RejectsBadPatterns) {
  Router router;
  EXPECT_THROW(router.Get("formations", Says("")), std::invalid_argument);
  EXPECT_THROW(router.Get("", Says("")), std::invalid_argument);
  EXPECT_THROW(router.Get("/a/{}", Says("")), std::invalid_argument);
  EXPECT_THROW(router.Get("/a/{id", Says("")), std::invalid_argument);
  EXPECT_THROW(router.Get("/a/x{id}", Says("")), std::invalid_argument);
  EXPECT_THROW(router.Get("/a/{rest...}/b", Says("")), std::invalid_argument);
  EXPECT_THROW(router.Get("/a", Handler()), std::invalid_argument);
}

TEST(Router, RejectsDuplicates) {
  Router router;
  router.Get("/formations/{id}", Says(""));
  EXPECT_THROW(router.Get("/formations/{other}", Says("")), std::invalid_argument);
  router.Post("/formations/{id}", Says(""));  // another method is fine
}

TEST(Request, HeadersAreCaseInsensitive) {
  Request req;
  req.headers = {{"Content-Type", "text/html"}, {"X-Forwarded-For", "1.2.3.4"}};
  EXPECT_EQ(req.Header("content-type"), "text/html");
  EXPECT_EQ(req.Header("X-FORWARDED-FOR"), "1.2.3.4");
  EXPECT_EQ(req.Header("Accept"), "");
}

TEST(Request, QueryHelpers) {
  Request req;
  req.query = {{"family", "dev"}, {"q", ""}, {"family", "data"}};
  EXPECT_EQ(req.Param("family"), "dev");
  EXPECT_EQ(req.Params("family"), (std::vector<std::string_view>{"dev", "data"}));
  EXPECT_TRUE(req.Has("q"));
  EXPECT_EQ(req.Param("q"), "");
  EXPECT_FALSE(req.Has("Q"));
  EXPECT_TRUE(req.Params("none").empty());
}

TEST(Response, HelpersSetContentType) {
  EXPECT_EQ(Response::Json(201, "{}").Header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(Response::Json(201, "{}").status, 201);
  Response redirect = Response::Redirect("/formations/3");
  EXPECT_EQ(redirect.status, 303);
  EXPECT_EQ(redirect.Header("location"), "/formations/3");
  EXPECT_EQ(Response::Redirect("/", 301).status, 301);
}

TEST(Response, SetHeaderReplacesAddHeaderAppends) {
  Response response = Response::Text(200, "x");
  response.SetHeader("content-type", "text/csv");
  EXPECT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.Header("Content-Type"), "text/csv");
  response.AddHeader("Set-Cookie", "a=1");
  response.AddHeader("Set-Cookie", "b=2");
  EXPECT_EQ(response.headers.size(), 3u);
}

}  // namespace
}  // namespace tremplin::web
