// Wrong search parameters: the API answers a 4xx JSON error with a stable code, a message and
// the field at fault; the results page answers the same status with the French message next to
// the form. Never a 500, and the server keeps serving.
#include <gtest/gtest.h>

#include <string>

#include "search_test.h"
#include "test_support.h"

namespace tremplin::integration {
namespace {

namespace json = boost::json;

struct BadInput {
  const char* name;   // the test's name
  std::string query;  // already encoded
  int status;
  const char* code;
  const char* field;
  const char* message_contains = "";  // a part of the message that must be there
};

std::ostream& operator<<(std::ostream& out, const BadInput& c) { return out << c.name; }

const BadInput kBadInputs[] = {
    {"UnknownCommuneWithACloseName", "where=Lile", 400, "place_not_found_suggest", "where",
     "Lille"},
    {"UnknownCommune", "where=Zzzzzz", 400, "place_not_found", "where", "Zzzzzz"},
    {"NegativeRadius", "where=59350&radius_km=-5", 400, "radius_out_of_range", "radius_km", "-5"},
    {"HugeRadius", "where=59350&radius_km=10000", 400, "radius_out_of_range", "radius_km", "10000"},
    {"RadiusNotANumber", "where=59350&radius_km=abc", 400, "radius_not_a_number", "radius_km",
     "abc"},
    {"PageZero", "q=data&page=0", 400, "page_invalid", "page"},
    {"TooManyPerPage", "q=data&per_page=1000", 400, "per_page_out_of_range", "per_page", "1000"},
    {"InvalidUtf8", "q=%FF%FE", 400, "invalid_utf8", "q"},
    {"TenKilobyteText", "q=" + std::string(10 * 1024, 'a'), 400, "query_too_long", "q", "200"},
    {"UnknownFamily", "family=cooking", 400, "unknown_family", "family", "cooking"},
    {"UnknownMode", "mode=teleport", 400, "unknown_mode", "mode", "teleport"},
    {"UnknownSort", "sort=price", 400, "unknown_sort", "sort", "price"},
    {"ImpossibleDate", "starts_after=2027-02-30", 400, "date_invalid", "starts_after",
     "2027-02-30"},
};

class SearchApiBadInput : public SearchTest, public ::testing::WithParamInterface<BadInput> {};
class SearchPageBadInput : public SearchTest, public ::testing::WithParamInterface<BadInput> {};

std::string CaseName(const ::testing::TestParamInfo<BadInput>& info) { return info.param.name; }

TEST_P(SearchApiBadInput, AnswersA4xxJsonErrorNamingTheField) {
  const BadInput& c = GetParam();
  json::value body = GetJson("/api/v1/courses?" + c.query, c.status);
  const json::value& error = Member(body, "error");
  EXPECT_EQ(Text(Member(error, "code")), c.code) << json::serialize(body).substr(0, 500);
  EXPECT_EQ(Text(Member(error, "field")), c.field);
  std::string message = Text(Member(error, "message"));
  EXPECT_FALSE(message.empty());
  EXPECT_TRUE(Contains(message, c.message_contains)) << message;
  ExpectServerHealthy();
}

TEST_P(SearchPageBadInput, AnswersA4xxPageWithTheMessageAndTheForm) {
  const BadInput& c = GetParam();
  // The API gives the French message the page must show.
  std::string message =
      Text(Member(Member(GetJson("/api/v1/courses?" + c.query, c.status), "error"), "message"));
  ASSERT_FALSE(message.empty());
  std::string html = GetHtml("/formations?" + c.query, c.status);
  EXPECT_TRUE(Contains(html, "<html lang=\"fr\">"));
  EXPECT_TRUE(Contains(html, HtmlEscape(message))) << "the page does not show: " << message;
  EXPECT_TRUE(Contains(html, "class=\"t-error-summary\"")) << "no error summary";
  EXPECT_TRUE(Contains(html, "id=\"recherche\"")) << "the search form is gone";
  ExpectServerHealthy();
}

INSTANTIATE_TEST_SUITE_P(Search, SearchApiBadInput, ::testing::ValuesIn(kBadInputs), CaseName);
INSTANTIATE_TEST_SUITE_P(Search, SearchPageBadInput, ::testing::ValuesIn(kBadInputs), CaseName);

TEST_F(SearchApi, UnknownParameterIsRefused) {
  json::value body = GetJson("/api/v1/courses?q=data&raduis_km=10", 400);
  const json::value& error = Member(body, "error");
  EXPECT_EQ(Text(Member(error, "code")), "unknown_parameter");
  EXPECT_EQ(Text(Member(error, "field")), "raduis_km");
  EXPECT_TRUE(Contains(Text(Member(error, "message")), "raduis_km"));
  ExpectServerHealthy();
}

TEST_F(SearchPage, UnknownParameterIsIgnoredAndSaidSo) {
  std::string html = GetHtml("/formations?q=data&raduis_km=10", 200);
  EXPECT_TRUE(
      Contains(html, "Nous avons ignoré ces paramètres inconnus de l’adresse : raduis_km."));
  std::optional<int> count = ResultsCount(html);
  ASSERT_TRUE(count);
  EXPECT_GT(*count, 0) << "the search itself should still run";
}

TEST_F(SearchPage, PlaceChosenInTheAutocompleteIsUnderstood) {
  // The autocomplete script sends the chosen code as `where` and the visible text as
  // `where_label`: a known parameter, not one to warn about.
  std::string html = GetHtml("/formations?q=data&where_label=Lille+%2859%29&where=59350", 200);
  EXPECT_FALSE(Contains(html, "paramètres inconnus"));
  EXPECT_TRUE(Contains(html, "autour de Lille (59)"));
}

TEST_F(SearchApi, SeveralErrorsAreAllListed) {
  json::value body = GetJson("/api/v1/courses?radius_km=abc&page=0&sort=price", 400);
  const json::value& errors = Member(body, "errors");
  ASSERT_TRUE(errors.is_array());
  std::vector<std::string> fields;
  for (const json::value& e : errors.as_array()) fields.push_back(Text(Member(e, "field")));
  EXPECT_EQ(fields, (std::vector<std::string>{"radius_km", "page", "sort"}));
}

// "dep:99" is a department code that does not exist: the message must not speak of a commune.
TEST_F(SearchApi, UnknownDepartmentCodeIsNotCalledACommune) {
  for (const char* where : {"dep:99", "reg:99"}) {
    SCOPED_TRACE(where);
    json::value body = GetJson(std::string("/api/v1/courses?where=") + where, 400);
    std::string message = Text(Member(Member(body, "error"), "message"));
    EXPECT_FALSE(message.empty());
    EXPECT_FALSE(Contains(message, "commune")) << message;
  }
}

// The form lets people type 200 characters (maxlength counts characters, not bytes), and the
// message promises "200 caractères au plus": a 200-character search with accents must run.
TEST_F(SearchPage, TextAsLongAsTheFormAllowsIsAccepted) {
  auto characters = [](const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;  // count all but continuation bytes
    return n;
  };
  std::string text = "développeur";
  while (characters(text + " éco-conçu") <= 200) text += " éco-conçu";
  ASSERT_LE(characters(text), 200u);
  ASSERT_GT(text.size(), 200u) << "the test needs more bytes than characters";
  HttpResponse page = Get("/formations?q=" + EncodeQueryComponent(text));
  EXPECT_EQ(page.status, 200) << "a search the form accepts is refused as too long";
  HttpResponse api = Get("/api/v1/courses?q=" + EncodeQueryComponent(text));
  EXPECT_EQ(api.status, 200) << api.body.substr(0, 300);
}

// Malformed requests below the parameters (broken percent-encoding, raw bytes that are not
// UTF-8): refused with a 4xx, never a crash or a 500, for pages and API alike.
TEST_F(SearchApi, MalformedTargetsAreRefusedWithoutHarm) {
  const char* targets[] = {"/api/v1/courses?q=%ZZ",      "/formations?q=%E9",
                           "/api/v1/courses?q=\xFF\xFE", "/formations?where=\xC3",
                           "/api/v1/courses?%FF=1",      "/formations?%FF%FE=1",
                           "/api/v1/places?q=%FF",       "/api/v1/courses/%FF"};
  for (const char* target : targets) {
    SCOPED_TRACE(target);
    HttpResponse r = Get(target);
    ASSERT_TRUE(r.error.empty()) << r.error;
    EXPECT_GE(r.status, 400);
    EXPECT_LT(r.status, 500);
  }
  ExpectServerHealthy();
}

}  // namespace
}  // namespace tremplin::integration
