// The acceptance search: "développeur" around Lille (59350) within 30 km, through the API and
// the results page.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "search_test.h"
#include "test_support.h"

namespace tremplin::integration {
namespace {

namespace json = boost::json;

const std::string kAccented = "q=" + std::string(kDeveloppeurEncoded) + "&where=59350&radius_km=30";
const std::string kPlain = "q=developpeur&where=59350&radius_km=30";

TEST_F(SearchApi, RadiusNeverReturnsACourseFurtherThanAsked) {
  json::value first = Search(kAccented);
  ASSERT_FALSE(first.is_null());
  const json::value& place = Member(first, "place");
  ASSERT_EQ(Text(Member(place, "code")), kLille);
  double lat = Number(Member(place, "lat")), lon = Number(Member(place, "lon"));
  ASSERT_FALSE(std::isnan(lat) || std::isnan(lon)) << json::serialize(place);
  EXPECT_FALSE(Member(Member(first, "radius"), "widened").as_bool());

  int nearby = 0;
  for (const json::value& r : AllResults(kAccented)) {
    if (Member(r, "remote").as_bool()) continue;
    ++nearby;
    SCOPED_TRACE(ResultKey(r));
    const json::value& where = Member(r, "place");
    double distance = Number(Member(r, "distance_km"));
    double recomputed =
        HaversineKm(lat, lon, Number(Member(where, "lat")), Number(Member(where, "lon")));
    EXPECT_LE(distance, 30.0);
    // Coordinates come rounded to 5 decimals (about a metre) and distances to 0.1 km.
    EXPECT_LE(recomputed, 30.0 + 0.06);
    EXPECT_NEAR(recomputed, distance, 0.06);
  }
  EXPECT_GT(nearby, 0) << "no course near Lille: the check above proved nothing";
  EXPECT_EQ(nearby, Number(Member(first, "nearby_total")));
}

TEST_F(SearchApi, RemoteResultsComeAfterEveryNearbyOne) {
  int total = 0;
  std::vector<json::value> all = AllResults(kAccented, &total);
  json::value first = Search(kAccented);
  int nearby_total = static_cast<int>(Number(Member(first, "nearby_total")));
  int remote_total = static_cast<int>(Number(Member(first, "remote_total")));
  ASSERT_GT(nearby_total, 0);
  ASSERT_GT(remote_total, 0) << "no remote result: the order check would prove nothing";
  EXPECT_EQ(nearby_total + remote_total, total);
  bool remote_seen = false;
  int remote = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    bool is_remote = Member(all[i], "remote").as_bool();
    if (is_remote) {
      ++remote;
      EXPECT_TRUE(Member(all[i], "place").is_null()) << ResultKey(all[i]);
      EXPECT_TRUE(Member(all[i], "distance_km").is_null()) << ResultKey(all[i]);
    }
    EXPECT_FALSE(remote_seen && !is_remote)
        << "nearby result " << ResultKey(all[i]) << " at position " << i + 1
        << " comes after a remote one";
    remote_seen = remote_seen || is_remote;
  }
  EXPECT_EQ(remote, remote_total);
}

TEST_F(SearchApi, AccentedAndPlainSpellingsFindTheSameResults) {
  int accented_total = 0, plain_total = 0;
  std::vector<json::value> accented = AllResults(kAccented, &accented_total);
  std::vector<json::value> plain = AllResults(kPlain, &plain_total);
  EXPECT_GT(accented_total, 0);
  EXPECT_EQ(accented_total, plain_total);
  std::vector<std::string> a, p;
  for (const json::value& r : accented) a.push_back(ResultKey(r));
  for (const json::value& r : plain) p.push_back(ResultKey(r));
  std::sort(a.begin(), a.end());
  std::sort(p.begin(), p.end());
  EXPECT_EQ(a, p);
}

TEST_F(SearchApi, SingleValuedFacetCountsAddUpToTheTotal) {
  for (const std::string& query : {kAccented, std::string("where=59350")}) {
    SCOPED_TRACE(query);
    json::value body = Search(query);
    ASSERT_FALSE(body.is_null());
    int total = static_cast<int>(Number(Member(body, "total")));
    ASSERT_GT(total, 0);
    for (const char* facet : {"family", "mode", "level"}) {
      const json::value& counts = Member(Member(body, "facets"), facet);
      ASSERT_TRUE(counts.is_array()) << "no facet " << facet;
      int sum = 0;
      for (const json::value& c : counts.as_array())
        sum += static_cast<int>(Number(Member(c, "count")));
      EXPECT_EQ(sum, total) << "facet " << facet << ": " << json::serialize(counts);
    }
  }
}

// A facet value's count is what choosing it gives, and choosing it only narrows the results.
// (Region and department facets count courses at a place: choosing one keeps remote courses
// too, so they are left out; so are choices that widen the radius, which they may.)
TEST_F(SearchApi, FacetCountIsTheTotalOfItsFilter) {
  for (const std::string& query : {kAccented, std::string("q=data")}) {
    SCOPED_TRACE(query);
    std::set<std::string> all;
    for (const json::value& r : AllResults(query)) all.insert(ResultKey(r));
    json::value body = Search(query);
    int checked = 0;
    for (const char* facet : {"family", "profession", "mode", "level", "max_months"}) {
      for (const json::value& value : Member(Member(body, "facets"), facet).as_array()) {
        std::string filter = std::string(facet) + "=" + Text(Member(value, "value"));
        SCOPED_TRACE(filter);
        int total = 0;
        std::vector<json::value> narrowed = AllResults(query + "&" + filter, &total);
        json::value first = Search(query + "&" + filter + "&per_page=1");
        if (Member(Member(first, "radius"), "widened").is_bool() &&
            Member(Member(first, "radius"), "widened").as_bool())
          continue;
        ++checked;
        EXPECT_EQ(total, Number(Member(value, "count")));
        for (const json::value& r : narrowed)
          EXPECT_TRUE(all.contains(ResultKey(r))) << ResultKey(r) << " appeared with the filter";
      }
    }
    EXPECT_GT(checked, 5);
  }
}

TEST_F(SearchApi, WalkingAllPagesYieldsEveryResultExactlyOnce) {
  for (const std::string& query : {kAccented, std::string(""), std::string("where=reg:32")}) {
    SCOPED_TRACE("query: " + query);
    int total = 0;
    std::vector<json::value> all = AllResults(query, &total);
    std::map<std::string, int> seen;
    for (const json::value& r : all) ++seen[ResultKey(r)];
    for (const auto& [key, n] : seen) EXPECT_EQ(n, 1) << key << " appears " << n << " times";
    EXPECT_EQ(static_cast<int>(seen.size()), total);
  }
}

TEST_F(SearchPage, ShowsTheSameTotalAsTheApi) {
  for (const std::string& query : {kAccented, kPlain}) {
    SCOPED_TRACE(query);
    json::value body = Search(query);
    ASSERT_FALSE(body.is_null());
    std::string html = GetHtml("/formations?" + query);
    std::optional<int> shown = ResultsCount(html);
    ASSERT_TRUE(shown) << "no results count heading on the page";
    EXPECT_EQ(*shown, Number(Member(body, "total")));
    EXPECT_GT(*shown, 0);
  }
}

}  // namespace
}  // namespace tremplin::integration
