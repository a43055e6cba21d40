// The public HTML pages: each one answers in French by default and in English with lang=en,
// with the demo banner; not-found pages keep the site's look; what people type comes back
// escaped; headers and static assets behave.
#include <gtest/gtest.h>

#include <regex>

#include "search_test.h"
#include "test_support.h"

namespace tremplin::integration {
namespace {

namespace json = boost::json;

class SitePages : public SearchTest {
 protected:
  // A course (id and commune) and an organisation of the demo network, found by searching.
  void SetUp() override {
    SearchTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    json::value found = Search("where=59350&per_page=1");
    ASSERT_FALSE(Member(found, "results").as_array().empty());
    const json::value& hit = Member(found, "results").as_array().front();
    course_id_ = std::to_string(static_cast<long long>(Number(Member(hit, "id"))));
    course_commune_ = ResultCommune(hit);
    course_title_ = Text(Member(hit, "title"));
    organisation_id_ =
        std::to_string(static_cast<long long>(Number(Member(Member(hit, "organisation"), "id"))));
  }

  std::vector<std::string> PublicPages() const {
    return {"/",
            "/formations",
            "/formations?q=" + std::string(kDeveloppeurEncoded) + "&where=59350",
            "/formations/" + course_id_ + "?lieu=" + course_commune_,
            "/organismes",
            "/organismes/" + organisation_id_,
            "/mentions-legales",
            "/accessibilite"};
  }

  std::string course_id_, course_commune_, course_title_, organisation_id_;
};

class StaticAssets : public ServerTest {};

TEST_F(SitePages, EveryPublicPageIsInFrenchWithTheDemoBanner) {
  for (const std::string& page : PublicPages()) {
    SCOPED_TRACE(page);
    std::string html = GetHtml(page);
    EXPECT_TRUE(html.starts_with("<!doctype html>"));
    EXPECT_TRUE(Contains(html, "<html lang=\"fr\">"));
    EXPECT_TRUE(Contains(html, "t-banner--demo"));
    EXPECT_TRUE(Contains(html, "Démonstration :"));
    EXPECT_TRUE(Contains(html, ">Trouver une formation</a>")) << "no French navigation";
    EXPECT_TRUE(Contains(html, "</html>"));
  }
}

TEST_F(SitePages, LangEnSwitchesEveryPageToEnglish) {
  for (std::string page : PublicPages()) {
    page += page.find('?') == std::string::npos ? "?lang=en" : "&lang=en";
    SCOPED_TRACE(page);
    HttpResponse r = Get(page);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.Header("Content-Language"), "en");
    EXPECT_TRUE(Contains(r.body, "<html lang=\"en\">"));
    EXPECT_TRUE(Contains(r.body, "t-banner--demo"));
    EXPECT_TRUE(Contains(r.body, ">Find a course</a>")) << "no English navigation";
    EXPECT_FALSE(Contains(r.body, ">Trouver une formation</a>"));
    EXPECT_FALSE(Contains(r.body, "Démonstration :")) << "French banner on an English page";
  }
}

TEST_F(SitePages, CoursePageShowsItsTitleAndASessionsTable) {
  std::string html = GetHtml("/formations/" + course_id_ + "?lieu=" + course_commune_);
  EXPECT_TRUE(Contains(html, ">" + HtmlEscape(course_title_) + "</h1>")) << course_title_;
  EXPECT_TRUE(Contains(html, "<title>" + HtmlEscape(course_title_) + " – Tremplin</title>"));
  EXPECT_TRUE(Contains(html, "<table class=\"t-table"));
  EXPECT_TRUE(Contains(html, ">Dates</th>"));
  EXPECT_TRUE(Contains(html, "Lieu recherché")) << "the place searched is not highlighted";
}

TEST_F(SitePages, OrganisationPagesListTheNetwork) {
  std::string list = GetHtml("/organismes");
  EXPECT_TRUE(Contains(list, "href=\"/organismes/" + organisation_id_ + "\""));
  std::string page = GetHtml("/organismes/" + organisation_id_);
  EXPECT_TRUE(Contains(page, "href=\"/formations/" + course_id_)) << "its course is not listed";
}

TEST_F(SitePages, LanguageSwitchOnAResultsPageKeepsTheQuery) {
  std::string html = GetHtml("/formations?q=data&where=59350&radius_km=50&family=data");
  std::smatch m;
  static const std::regex kSwitch(R"re(<a class="t-header__lang"[^>]* href="([^"]*)")re");
  ASSERT_TRUE(std::regex_search(html, m, kSwitch)) << "no language switch";
  std::string href = m[1].str();
  for (const char* part :
       {"/formations?", "q=data", "where=59350", "radius_km=50", "family=data", "lang=en"}) {
    EXPECT_TRUE(Contains(href, part)) << href << " lacks " << part;
  }
  // The link works and gives the same results in English.
  std::string target = std::regex_replace(href, std::regex("&amp;"), "&");
  std::string english = GetHtml(target);
  EXPECT_TRUE(Contains(english, "<html lang=\"en\">"));
  EXPECT_EQ(ResultsCount(english), ResultsCount(html));
}

TEST_F(SitePages, UnknownPathIsA404PageInTheSiteLook) {
  for (const char* path : {"/nope", "/formations/abc", "/organismes/999999", "/assets/nope.css"}) {
    SCOPED_TRACE(path);
    std::string html = GetHtml(path, 404);
    EXPECT_TRUE(Contains(html, "<header class=\"t-header"));
    EXPECT_TRUE(Contains(html, ">Page introuvable</h1>"));
    EXPECT_TRUE(Contains(html, "<title>Page introuvable – Tremplin</title>"));
    EXPECT_TRUE(Contains(html, "<meta name=\"robots\" content=\"noindex\">"));
  }
  std::string english = GetHtml("/nope?lang=en", 404);
  EXPECT_TRUE(Contains(english, ">Page not found</h1>"));
}

TEST_F(SitePages, UnknownCourseIsA404Page) {
  std::string html = GetHtml("/formations/999999", 404);
  EXPECT_TRUE(Contains(html, ">Page introuvable</h1>"));
}

TEST_F(SitePages, ScriptTypedInTheSearchComesBackEscaped) {
  HttpResponse r = Get("/formations?q=" + EncodeQueryComponent("<script>alert(1)</script>"));
  ASSERT_EQ(r.status, 200);
  EXPECT_FALSE(Contains(r.body, "<script>alert")) << "raw script echoed";
  EXPECT_TRUE(Contains(r.body, "&lt;script&gt;alert(1)&lt;/script&gt;")) << "the text is not shown";
}

TEST_F(SitePages, TagTypedAsThePlaceComesBackEscaped) {
  std::string where = "\"><img src=x onerror=alert(1)>";
  for (const std::string& page : {"/formations?where=" + EncodeQueryComponent(where),
                                  "/formations?q=" + EncodeQueryComponent(where)}) {
    SCOPED_TRACE(page);
    HttpResponse r = Get(page);
    EXPECT_GE(r.status, 200);
    EXPECT_LT(r.status, 500);
    EXPECT_FALSE(Contains(r.body, "<img src=x")) << "raw tag echoed";
    EXPECT_FALSE(Contains(r.body, "value=\"\"><img")) << "attribute broken out of";
    EXPECT_TRUE(Contains(r.body, "value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""));
  }
}

TEST_F(SitePages, ResponsesDeclareUtf8AndSecurityHeaders) {
  for (const std::string& target : {std::string("/"), std::string("/formations?q=data"),
                                    std::string("/nope"), std::string("/api/v1/courses?q=data"),
                                    std::string("/api/v1/nope"), std::string("/healthz"),
                                    std::string("/assets/css/tremplin.css")}) {
    SCOPED_TRACE(target);
    HttpResponse r = Get(target);
    ASSERT_TRUE(r.error.empty()) << r.error;
    if (!target.starts_with("/assets/"))
      EXPECT_TRUE(Contains(r.Header("Content-Type"), "charset=utf-8")) << r.Header("Content-Type");
    EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
    std::string_view csp = r.Header("Content-Security-Policy");
    EXPECT_TRUE(Contains(csp, "script-src 'self'")) << csp;
    EXPECT_FALSE(Contains(csp, "unsafe-inline")) << csp;
    EXPECT_TRUE(Contains(csp, "frame-ancestors 'none'")) << csp;
    EXPECT_EQ(r.Header("X-Frame-Options"), "DENY");
    EXPECT_EQ(r.Header("Referrer-Policy"), "strict-origin-when-cross-origin");
  }
}

// What the policy allows is what the pages use: no inline script, style element or attribute,
// and every script and style sheet from the site itself.
TEST_F(SitePages, PagesNeedNothingTheSecurityPolicyForbids) {
  for (const std::string& target : {std::string("/"), std::string("/formations?q=data&where=59350"),
                                    std::string("/formations/1"), std::string("/organismes"),
                                    std::string("/mentions-legales"), std::string("/accessibilite"),
                                    std::string("/nope")}) {
    SCOPED_TRACE(target);
    std::string html = Get(target).body;
    ASSERT_FALSE(html.empty());
    for (size_t at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) {
      std::string tag = html.substr(at, html.find('>', at) - at);
      EXPECT_TRUE(Contains(tag, "src=\"/assets/")) << "inline or foreign script: " << tag;
    }
    EXPECT_FALSE(Contains(html, "<style")) << "style element";
    EXPECT_FALSE(Contains(html, " style=\"")) << "style attribute";
    EXPECT_FALSE(Contains(html, " onclick=") || Contains(html, " onload=") || Contains(html, "javascript:"));
  }
}

TEST_F(StaticAssets, StylesheetHasAnETagAndAnswers304WhenUnchanged) {
  HttpResponse first = Get("/assets/css/tremplin.css");
  ASSERT_EQ(first.status, 200);
  EXPECT_TRUE(first.Header("Content-Type").starts_with("text/css"));
  EXPECT_FALSE(first.body.empty());
  std::string etag = first.Header("ETag");
  ASSERT_FALSE(etag.empty());
  HttpResponse again = Get("/assets/css/tremplin.css", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.Header("ETag"), etag);
  HttpResponse changed = Get("/assets/css/tremplin.css", {{"If-None-Match", "\"other\""}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_EQ(changed.body, first.body);
}

}  // namespace
}  // namespace tremplin::integration
