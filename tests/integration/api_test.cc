// The JSON API beyond search: one course, place suggestions, taxonomy and unknown routes.
#include <gtest/gtest.h>

#include <regex>

#include "search_test.h"
#include "test_support.h"

namespace tremplin::integration {
namespace {

namespace json = boost::json;

class CourseApi : public SearchTest {};
class PlacesApi : public ServerTest {};
class Api : public ServerTest {};

bool IsIsoDate(const json::value& v) {
  static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
  return v.is_string() && std::regex_match(std::string(v.get_string()), kDate);
}

bool IsNonEmptyText(const json::value& v) { return v.is_string() && !v.get_string().empty(); }

TEST_F(CourseApi, CourseHasEverythingACandidateNeeds) {
  json::value found = Search("q=" + std::string(kDeveloppeurEncoded) + "&where=59350");
  ASSERT_FALSE(Member(found, "results").as_array().empty());
  const json::value& hit = Member(found, "results").as_array().front();
  long long id = static_cast<long long>(Number(Member(hit, "id")));

  json::value course = GetJson("/api/v1/courses/" + std::to_string(id));
  ASSERT_TRUE(course.is_object());
  EXPECT_EQ(Number(Member(course, "id")), id);
  EXPECT_EQ(Text(Member(course, "title")), Text(Member(hit, "title")));
  for (const char* field : {"title", "summary", "objectives", "content", "prerequisites",
                            "target_public", "access_modalities", "teaching_methods",
                            "assessment_methods", "accessibility", "mode", "cost_label"}) {
    EXPECT_TRUE(IsNonEmptyText(Member(course, field))) << "field " << field;
  }
  EXPECT_GT(Number(Member(course, "duration_hours")), 0);
  EXPECT_GT(Number(Member(course, "duration_weeks")), 0);
  EXPECT_TRUE(IsNonEmptyText(Member(Member(course, "family"), "name")));

  const json::value& sessions = Member(course, "sessions");
  ASSERT_TRUE(sessions.is_array());
  ASSERT_FALSE(sessions.as_array().empty());
  for (const json::value& s : sessions.as_array()) {
    SCOPED_TRACE(json::serialize(s).substr(0, 300));
    for (const char* date : {"start", "end", "enrolment_opens", "enrolment_closes"})
      EXPECT_TRUE(IsIsoDate(Member(s, date))) << date;
    EXPECT_LE(Text(Member(s, "start")), Text(Member(s, "end")));
    EXPECT_LE(Text(Member(s, "enrolment_opens")), Text(Member(s, "enrolment_closes")));
    EXPECT_GT(Number(Member(s, "capacity")), 0);
  }

  const json::value& organisation = Member(course, "organisation");
  EXPECT_TRUE(IsNonEmptyText(Member(organisation, "name")));
  static const std::regex kSiret(R"(\d{14})");
  EXPECT_TRUE(std::regex_match(Text(Member(organisation, "siret")), kSiret))
      << json::serialize(organisation);

  const json::value& label = Member(course, "label");
  EXPECT_TRUE(IsIsoDate(Member(label, "granted_on")));
  EXPECT_TRUE(IsIsoDate(Member(label, "expires_on")));
  EXPECT_LT(Text(Member(label, "granted_on")), Text(Member(label, "expires_on")));
  EXPECT_TRUE(IsNonEmptyText(Member(label, "state")));
}

TEST_F(CourseApi, UnknownIdIsA404CourseNotFound) {
  json::value body = GetJson("/api/v1/courses/999999", 404);
  EXPECT_EQ(Text(Member(Member(body, "error"), "code")), "course_not_found");
  EXPECT_FALSE(Text(Member(Member(body, "error"), "message")).empty());
}

TEST_F(CourseApi, NonNumericIdIsA400) {
  for (const char* id : {"abc", "0", "-3", "12abc"}) {
    SCOPED_TRACE(id);
    json::value body = GetJson(std::string("/api/v1/courses/") + id, 400);
    EXPECT_EQ(Text(Member(Member(body, "error"), "code")), "course_id_invalid");
    EXPECT_EQ(Text(Member(Member(body, "error"), "field")), "id");
  }
}

TEST_F(PlacesApi, PrefixOfLilleSuggestsLilleFirst) {
  json::value body = GetJson("/api/v1/places?q=lill");
  const json::value& results = Member(body, "results");
  ASSERT_TRUE(results.is_array());
  ASSERT_FALSE(results.as_array().empty());
  const json::value& first = results.as_array().front();
  EXPECT_EQ(Text(Member(first, "label")), "Lille (59)");
  EXPECT_EQ(Text(Member(first, "value")), kLille);
  EXPECT_EQ(Text(Member(first, "kind")), "commune");
}

TEST_F(PlacesApi, NameWithoutAccentsFindsOrleansFirst) {
  json::value body = GetJson("/api/v1/places?q=orleans");
  const json::value& results = Member(body, "results");
  ASSERT_TRUE(results.is_array());
  ASSERT_FALSE(results.as_array().empty());
  EXPECT_EQ(Text(Member(results.as_array().front(), "label")), "Orléans (45)");
  EXPECT_EQ(Text(Member(results.as_array().front(), "value")), "45234");
}

// What the search form shows once a place is chosen ("Saint-Denis (974)") asks for that place,
// not for the other Saint-Denis first.
TEST_F(PlacesApi, TheLabelOfAChosenPlaceSuggestsThatPlace) {
  json::value body = GetJson("/api/v1/places?q=Saint-Denis%20(974)");
  const json::value& results = Member(body, "results");
  ASSERT_TRUE(results.is_array());
  ASSERT_FALSE(results.as_array().empty());
  EXPECT_EQ(Text(Member(results.as_array().front(), "label")), "Saint-Denis (974)");
  EXPECT_EQ(Text(Member(results.as_array().front(), "value")), "97411");
}

TEST_F(PlacesApi, PostcodePrefixSuggestsCommunesWithSuchPostcodes) {
  json::value body = GetJson("/api/v1/places?q=590");
  const json::value& results = Member(body, "results");
  ASSERT_TRUE(results.is_array());
  ASSERT_GE(results.as_array().size(), 2u);
  for (const json::value& r : results.as_array()) {
    SCOPED_TRACE(json::serialize(r));
    EXPECT_EQ(Text(Member(r, "kind")), "commune");
    EXPECT_TRUE(Contains(Text(Member(r, "detail")), "590")) << "no postcode starting with 590";
    EXPECT_TRUE(Text(Member(r, "label")).ends_with("(59)"));
  }
}

TEST_F(Api, UnknownRouteIsA404Json) {
  json::value body = GetJson("/api/v1/nope", 404);
  EXPECT_EQ(Text(Member(Member(body, "error"), "code")), "api_route_not_found");
  EXPECT_FALSE(Text(Member(Member(body, "error"), "message")).empty());
}

TEST_F(Api, TaxonomyListsTheNineFamilies) {
  json::value body = GetJson("/api/v1/taxonomy");
  const json::value& families = Member(body, "families");
  ASSERT_TRUE(families.is_array());
  EXPECT_EQ(families.as_array().size(), 9u);
  for (const json::value& f : families.as_array()) {
    EXPECT_TRUE(IsNonEmptyText(Member(f, "id")));
    EXPECT_TRUE(IsNonEmptyText(Member(f, "name")));
    EXPECT_FALSE(Member(f, "professions").as_array().empty()) << Text(Member(f, "id"));
  }
}

TEST_F(Api, EnglishMessagesWithLangEn) {
  json::value body = GetJson("/api/v1/courses?radius_km=abc&lang=en", 400);
  EXPECT_EQ(Text(Member(Member(body, "error"), "code")), "radius_not_a_number");
  EXPECT_TRUE(Contains(Text(Member(Member(body, "error"), "message")), "kilometres"));
}

TEST_F(Api, ExplainSaysHowEachWordMatchedAndWhyResultsRankSo) {
  // A typo ("devloppeur"), a prefix being typed ("web" → "web…"): each result says how.
  json::value body = GetJson("/api/v1/courses?q=devloppeur%20web&explain=1&per_page=5");
  const json::array& results = Member(body, "results").as_array();
  ASSERT_FALSE(results.empty());
  for (const json::value& r : results) {
    const json::value& e = Member(r, "explain");
    EXPECT_EQ(Number(Member(e, "words_in_query")), 2);
    EXPECT_EQ(Number(Member(e, "words_matched")), 2);
    const json::array& words = Member(e, "words").as_array();
    ASSERT_EQ(words.size(), 2u);
    EXPECT_EQ(Text(Member(words[0], "query_word")), "devloppeur");
    EXPECT_EQ(Text(Member(words[0], "match")), "typo");
    EXPECT_GE(Number(Member(e, "typos")), 1);
    EXPECT_TRUE(Contains(Text(Member(words[0], "matched_word")), "developpeur"));
  }
  // Without explain=1, no explanation; explain=yes is refused with a clear message.
  json::value plain = GetJson("/api/v1/courses?q=devloppeur&per_page=1");
  EXPECT_FALSE(Member(plain, "results").as_array().front().as_object().contains("explain"));
  json::value bad = GetJson("/api/v1/courses?explain=yes", 400);
  EXPECT_EQ(Text(Member(Member(bad, "error"), "code")), "explain_invalid");
}

TEST_F(Api, OpenApiDescriptionIsServed) {
  HttpResponse r = Get("/api/v1/openapi.yaml");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.Header("Content-Type").starts_with("application/yaml"));
  EXPECT_TRUE(r.body.starts_with("openapi: 3")) << r.body.substr(0, 200);
  for (const char* path :
       {"/api/v1/courses:", "/api/v1/courses/{id}:", "/api/v1/places:", "/api/v1/taxonomy:"}) {
    EXPECT_TRUE(Contains(r.body, path)) << path << " is not documented";
  }
}

}  // namespace
}  // namespace tremplin::integration
