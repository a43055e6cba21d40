// What a search means (DESIGN §6): places, radius and its widening, filters, sorts and text,
// checked on every result the API returns.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "http_client.h"
#include "search_test.h"
#include "test_support.h"

namespace tremplin::integration {
namespace {

namespace json = boost::json;

bool IsRemote(const json::value& r) { return Member(r, "remote").as_bool(); }

std::set<std::string> Keys(const std::vector<json::value>& results) {
  std::set<std::string> keys;
  for (const json::value& r : results) keys.insert(ResultKey(r));
  return keys;
}

TEST_F(SearchApi, DepartmentPlaceKeepsOnlyCoursesInThatDepartment) {
  json::value first = Search("where=dep:59");
  ASSERT_FALSE(first.is_null());
  EXPECT_EQ(Text(Member(Member(first, "place"), "kind")), "department");
  EXPECT_TRUE(Member(first, "radius").is_null());
  int nearby = 0;
  for (const json::value& r : AllResults("where=dep:59")) {
    if (IsRemote(r)) continue;
    ++nearby;
    EXPECT_EQ(Text(Member(Member(r, "place"), "department_code")), "59") << ResultKey(r);
  }
  EXPECT_GT(nearby, 0);
}

TEST_F(SearchApi, RegionPlaceKeepsOnlyCoursesInThatRegion) {
  json::value first = Search("where=reg:32");
  ASSERT_FALSE(first.is_null());
  EXPECT_EQ(Text(Member(Member(first, "place"), "kind")), "region");
  int nearby = 0;
  std::set<std::string> departments;
  for (const json::value& r : AllResults("where=reg:32")) {
    if (IsRemote(r)) continue;
    ++nearby;
    EXPECT_EQ(Text(Member(Member(r, "place"), "region_code")), "32") << ResultKey(r);
    departments.insert(Text(Member(Member(r, "place"), "department_code")));
  }
  EXPECT_GT(nearby, 0);
  EXPECT_GT(departments.size(), 1u) << "a region search should reach beyond one department";
}

TEST_F(SearchApi, PostcodeIsUnderstoodAsItsCommune) {
  json::value body = Search("where=59000");
  const json::value& place = Member(body, "place");
  EXPECT_EQ(Text(Member(place, "kind")), "commune");
  EXPECT_EQ(Text(Member(place, "code")), kLille);
  EXPECT_EQ(Text(Member(place, "name")), "Lille");
  EXPECT_EQ(Text(Member(place, "matched_by")), "postcode");
}

TEST_F(SearchApi, CommuneNameIsUnderstoodAsItsCode) {
  for (const char* where : {"Lille", "lille", "LILLE"}) {
    SCOPED_TRACE(where);
    json::value body = Search(std::string("where=") + where);
    const json::value& place = Member(body, "place");
    EXPECT_EQ(Text(Member(place, "kind")), "commune");
    EXPECT_EQ(Text(Member(place, "code")), kLille);
    EXPECT_EQ(Text(Member(place, "matched_by")), "name");
  }
}

TEST_F(SearchApi, SortByDistanceOrdersNearbyResultsByDistance) {
  const std::string query = "where=59350&radius_km=50&sort=distance";
  json::value first = Search(query);
  EXPECT_EQ(Text(Member(first, "sort")), "distance");
  double previous = -1;
  int nearby = 0;
  for (const json::value& r : AllResults(query)) {
    if (IsRemote(r)) continue;
    ++nearby;
    double d = Number(Member(r, "distance_km"));
    EXPECT_GE(d, previous) << ResultKey(r) << " is nearer than the result before it";
    previous = d;
  }
  EXPECT_GT(nearby, 5);
  EXPECT_GT(previous, 0) << "every course at 0 km: the order check proved nothing";
}

TEST_F(SearchApi, SortByStartOrdersResultsByNextSessionStart) {
  for (const std::string& query :
       {std::string("sort=start"), std::string("where=59350&sort=start")}) {
    SCOPED_TRACE(query);
    json::value first = Search(query);
    EXPECT_EQ(Text(Member(first, "sort")), "start");
    // Nearby and remote results are two lists, each in order.
    std::string previous[2];
    int dated = 0;
    for (const json::value& r : AllResults(query)) {
      std::string start = Text(Member(Member(r, "next_session"), "start"));
      if (start.empty()) continue;
      ++dated;
      std::string& before = previous[IsRemote(r) ? 1 : 0];
      EXPECT_GE(start, before) << ResultKey(r) << " starts before the result before it";
      before = start;
    }
    EXPECT_GT(dated, 5);
  }
}

TEST_F(SearchApi, RemoteModeKeepsOnlyRemoteCourses) {
  int total = 0;
  for (const json::value& r : AllResults("mode=remote&where=59350", &total)) {
    EXPECT_EQ(Text(Member(r, "mode")), "remote") << ResultKey(r);
    EXPECT_TRUE(IsRemote(r)) << ResultKey(r);
  }
  EXPECT_GT(total, 0);
}

TEST_F(SearchApi, FamilyFilterKeepsOnlyThatFamily) {
  int total = 0;
  for (const json::value& r : AllResults("family=development", &total))
    EXPECT_EQ(Text(Member(Member(r, "family"), "id")), "development") << ResultKey(r);
  EXPECT_GT(total, 0);
}

TEST_F(SearchApi, TwoFamiliesGiveTheUnionOfEach) {
  int dev = 0, data = 0, both = 0;
  std::set<std::string> dev_keys = Keys(AllResults("family=development", &dev));
  std::set<std::string> data_keys = Keys(AllResults("family=data", &data));
  std::set<std::string> both_keys = Keys(AllResults("family=development&family=data", &both));
  ASSERT_GT(dev, 0);
  ASSERT_GT(data, 0);
  EXPECT_EQ(both, dev + data);
  std::set<std::string> expected = dev_keys;
  expected.insert(data_keys.begin(), data_keys.end());
  EXPECT_EQ(both_keys, expected);
}

TEST_F(SearchApi, MaxMonthsKeepsCoursesOfAtMostThatDuration) {
  int total = 0, all_total = 0;
  std::vector<json::value> results = AllResults("max_months=6", &total);
  AllResults("", &all_total);
  ASSERT_GT(total, 0);
  EXPECT_LT(total, all_total) << "the filter kept everything: the check proves little";
  std::set<long long> ids;
  for (const json::value& r : results) ids.insert(static_cast<long long>(Number(Member(r, "id"))));
  // Months shown are rounded from weeks: the exact limit is 6 × 52 / 12 = 26 weeks.
  HttpClient keep_alive(server().host(), server().port(), /*keep_alive=*/true);
  for (long long id : ids) {
    HttpResponse r = keep_alive.Get("/api/v1/courses/" + std::to_string(id));
    ASSERT_EQ(r.status, 200) << id << " " << r.error;
    json::value course = ParseJson(r.body);
    EXPECT_LE(Number(Member(course, "duration_weeks")), 26) << "course " << id;
  }
}

TEST_F(SearchApi, StartsAfterKeepsCoursesWithASessionFromThatDate) {
  const std::string date = IsoDateFromToday(120);
  int total = 0, all_total = 0;
  std::vector<json::value> results = AllResults("starts_after=" + date, &total);
  AllResults("", &all_total);
  ASSERT_GT(total, 0);
  EXPECT_LT(total, all_total) << "no course starts only before " << date << ": weak check";
  for (const json::value& r : results) {
    std::string start = Text(Member(Member(r, "next_session"), "start"));
    EXPECT_FALSE(start.empty()) << ResultKey(r) << " has no session although it matched";
    EXPECT_GE(start, date) << ResultKey(r);
  }
}

// The place must have nothing within 10 km in the demo network, which is generated: rather
// than trust one lucky commune, take the first of a few remote ones that shows it.
TEST_F(SearchApi, RadiusWidensWhenNothingIsNearAndSaysSo) {
  const char* remote_communes[] = {
      "Nasbinals",     "Saint-Véran",      "Allos", "Gavarnie-Gèdre", "Laguiole",
      "Barcelonnette", "Le Malzieu-Ville", "Murat", "Bonifacio",      "Chamonix-Mont-Blanc"};
  std::string chosen;
  json::value body;
  for (const char* name : remote_communes) {
    std::string query = "where=" + EncodeQueryComponent(name) + "&radius_km=10";
    json::value b = Search(query);
    if (Member(Member(b, "radius"), "widened").is_bool() &&
        Member(Member(b, "radius"), "widened").as_bool()) {
      chosen = query;
      body = b;
      break;
    }
  }
  ASSERT_FALSE(chosen.empty()) << "every candidate commune has a course within 10 km";
  SCOPED_TRACE(chosen);
  const json::value& radius = Member(body, "radius");
  double used = Number(Member(radius, "used_km"));
  EXPECT_EQ(Number(Member(radius, "requested_km")), 10);
  EXPECT_GT(used, 10);
  const json::value& place = Member(body, "place");
  double lat = Number(Member(place, "lat")), lon = Number(Member(place, "lon"));
  int nearby = 0;
  for (const json::value& r : AllResults(chosen)) {
    if (IsRemote(r)) continue;
    ++nearby;
    double distance = Number(Member(r, "distance_km"));
    const json::value& at = Member(r, "place");
    EXPECT_LE(distance, used) << ResultKey(r);
    EXPECT_GT(distance, 10) << ResultKey(r) << " was within 10 km after all";
    EXPECT_LE(HaversineKm(lat, lon, Number(Member(at, "lat")), Number(Member(at, "lon"))),
              used + 0.06)
        << ResultKey(r);
  }
  EXPECT_GT(nearby, 0) << "widened, yet nothing nearby";
  EXPECT_EQ(nearby, Number(Member(body, "nearby_total")));

  std::string html = GetHtml("/formations?" + chosen);
  EXPECT_TRUE(Contains(html, "nous avons élargi la recherche"))
      << "the results page does not say the radius was widened";
}

TEST_F(SearchApi, TextIsAccentAndCaseInsensitive) {
  int upper = 0, plain = 0;
  std::set<std::string> upper_keys = Keys(AllResults("q=D%C3%89VELOPPEUR", &upper));
  std::set<std::string> plain_keys = Keys(AllResults("q=developpeur", &plain));
  EXPECT_GT(plain, 0);
  EXPECT_EQ(upper, plain);
  EXPECT_EQ(upper_keys, plain_keys);
}

TEST_F(SearchApi, RelevanceSortPutsBetterMatchesFirst) {
  const std::string query = "q=d%C3%A9veloppeur%20web&where=59350&radius_km=50";
  EXPECT_EQ(Text(Member(Search(query), "sort")), "relevance");
  double previous[2] = {1e9, 1e9};
  std::set<double> scores;
  for (const json::value& r : AllResults(query)) {
    double score = Number(Member(r, "score"));
    scores.insert(score);
    double& before = previous[IsRemote(r) ? 1 : 0];
    EXPECT_LE(score, before) << ResultKey(r) << " scores more than the result before it";
    before = score;
  }
  EXPECT_GT(scores.size(), 1u) << "every result scores the same: the order check proved nothing";
}

// The engine matches words exactly (or as a prefix for the last one); a misspelt word finds
// nothing, and the page must then offer the word it probably meant.
TEST_F(SearchPage, MisspeltWordIsFoundDespiteTheTypo) {
  std::string typo = GetHtml("/formations?q=devloppeur&where=59350");
  std::string right = GetHtml("/formations?q=developpeur&where=59350");
  ASSERT_TRUE(ResultsCount(right));
  EXPECT_GT(*ResultsCount(right), 0);
  EXPECT_EQ(ResultsCount(typo), ResultsCount(right));
}

TEST_F(SearchPage, WordBeyondTheTypoAllowanceGetsADidYouMeanLink) {
  // Words of 4 letters or fewer allow no typo; the page still suggests the word we know.
  std::string html = GetHtml("/formations?q=webb");
  EXPECT_EQ(ResultsCount(html), 0);
  EXPECT_TRUE(Contains(html, "Vouliez-vous dire « web » ?")) << "no spelling suggestion";
  EXPECT_TRUE(Contains(html, "q=web")) << "the suggestion is not a link";
}

}  // namespace
}  // namespace tremplin::integration
