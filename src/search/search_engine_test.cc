// The search semantics over a handful of hand-made documents — text, place and radius, remote
// courses, filters and their facets, widening, sorts and pagination — checked on both the
// production engine and the straightforward reference engine.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numbers>
#include <set>

#include "core/geo_point.h"
#include "search/engine.h"

namespace tremplin::search {
namespace {

using core::Date;
using core::DeliveryMode;
using core::GeoPoint;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr GeoPoint kLille{50.6292, 3.0573};
constexpr GeoPoint kRoubaix{50.6942, 3.1746};  // ~11 km from Lille
constexpr GeoPoint kArras{50.2910, 2.7775};    // ~43 km
constexpr GeoPoint kAmiens{49.8942, 2.2957};   // ~100 km
constexpr GeoPoint kParis{48.8566, 2.3522};    // ~204 km

Date D(const char* iso) { return *Date::Parse(iso); }

Document At(int64_t course_id, std::string commune, std::string department, std::string region,
            GeoPoint point) {
  Document d;
  d.course_id = course_id;
  d.commune_code = std::move(commune);
  d.department_code = std::move(department);
  d.region_code = std::move(region);
  d.point = point;
  return d;
}

Document Remote(int64_t course_id) {
  Document d;
  d.course_id = course_id;
  d.remote = true;
  d.mode = DeliveryMode::kRemote;
  return d;
}

core::Place Commune(std::string code, GeoPoint point) {
  core::Place p;
  p.kind = core::PlaceKind::kCommune;
  p.code = std::move(code);
  p.point = point;
  return p;
}

core::Place Area(core::PlaceKind kind, std::string code) {
  core::Place p;
  p.kind = kind;
  p.code = std::move(code);
  return p;
}

// Seven documents of six courses around Lille, in Paris and online. Today is 2027-01-10.
std::vector<Document> Catalogue() {
  std::vector<Document> docs;
  {
    Document d = At(1, "59350", "59", "32", kLille);  // 0
    d.title = "Développeur web et web mobile";
    d.professions = "Développeur web · dev · programmeur";
    d.organisation = "École du code";
    d.body = "HTML, CSS et JavaScript.";
    d.family_id = "development";
    d.profession_ids = {"web-developer"};
    d.duration_weeks = 26;
    d.certification_level = 5;
    d.session_starts = {D("2027-03-01"), D("2027-09-01")};
    docs.push_back(d);
    d.commune_code = "75056";  // 1: the same course in Paris
    d.department_code = "75";
    d.region_code = "11";
    d.point = kParis;
    d.session_starts = {D("2027-02-01")};
    docs.push_back(d);
  }
  {
    Document d = At(2, "59512", "59", "32", kRoubaix);  // 2
    d.title = "Technicien d’assistance informatique";
    d.professions = "Technicien support";
    d.organisation = "Atelier numérique de Roubaix";
    d.body = "Dépannage, réseaux et développeur de scripts.";
    d.mode = DeliveryMode::kBlended;
    d.family_id = "maintenance-support";
    d.profession_ids = {"support-technician"};
    d.duration_weeks = 40;
    d.certification_level = 4;
    d.session_starts = {D("2027-02-01")};
    docs.push_back(d);
  }
  {
    Document d = At(3, "62041", "62", "32", kArras);  // 3
    d.title = "Data analyst";
    d.professions = "Analyste de données";
    d.organisation = "Campus Artois";
    d.family_id = "data";
    d.profession_ids = {"data-analyst"};
    d.duration_weeks = 52;
    d.certification_level = 6;
    d.session_starts = {D("2026-12-01"), D("2027-05-01")};
    docs.push_back(d);
  }
  {
    Document d = At(4, "80021", "80", "32", kAmiens);  // 4
    d.title = "Développeur d’applications";
    d.professions = "Développeur logiciel";
    d.organisation = "Picardie Formation";
    d.family_id = "development";
    d.profession_ids = {"software-developer", "web-developer"};
    d.duration_weeks = 78;
    d.certification_level = 6;
    d.session_starts = {D("2027-04-01")};
    docs.push_back(d);
  }
  {
    Document d = Remote(5);  // 5
    d.title = "Développeur full stack à distance";
    d.professions = "Développeur full stack";
    d.organisation = "En ligne";
    d.family_id = "development";
    d.profession_ids = {"full-stack-developer"};
    d.duration_weeks = 13;
    d.certification_level = 5;
    d.session_starts = {D("2027-01-20")};
    docs.push_back(d);
  }
  {
    Document d = Remote(6);  // 6
    d.title = "Référent digital";
    d.professions = "Référent numérique";
    d.organisation = "En ligne";
    d.family_id = "digital-communication";
    d.profession_ids = {"digital-referent"};
    d.duration_weeks = 8;
    d.certification_level = 0;
    docs.push_back(d);
  }
  return docs;
}

class EngineTest : public ::testing::TestWithParam<std::string> {
 protected:
  SearchQuery Query() const {
    SearchQuery q;
    q.today = D("2027-01-10");
    q.per_page = kMaxPerPage;
    return q;
  }
  SearchQuery AroundLille(double radius = 30) const {
    SearchQuery q = Query();
    q.place = Commune("59350", kLille);
    q.radius_km = radius;
    return q;
  }
  std::vector<DocId> Docs(const SearchResult& r) const {
    std::vector<DocId> out;
    for (const Hit& h : r.hits) out.push_back(h.doc);
    return out;
  }
  static std::map<std::string, int> Facet(const SearchResult& r, const std::string& name) {
    std::map<std::string, int> out;
    auto it = r.facets.find(name);
    if (it == r.facets.end()) return out;
    for (const FacetCount& c : it->second) out[c.value] = c.count;
    return out;
  }
  static int Sum(const std::map<std::string, int>& counts) {
    int n = 0;
    for (const auto& [value, count] : counts) n += count;
    return n;
  }

  std::vector<Document> docs_ = Catalogue();
  std::unique_ptr<SearchEngine> engine_ =
      GetParam() == "reference" ? MakeMemoryEngine(docs_) : MakeSearchEngine(docs_);
};

INSTANTIATE_TEST_SUITE_P(Engines, EngineTest, ::testing::Values("indexed", "reference"),
                         [](const auto& info) { return info.param; });

TEST_P(EngineTest, DocumentsAreKeptInOrder) {
  EXPECT_EQ(engine_->document_count(), 7u);
  EXPECT_EQ(docs_[3].course_id, 3);
}

TEST_P(EngineTest, EmptyTextFindsEveryCourseInFrance) {
  SearchResult r = engine_->Search(Query());
  EXPECT_EQ(r.total, 7);
  EXPECT_EQ(r.nearby_total, 5);
  EXPECT_EQ(r.remote_total, 2);
  EXPECT_EQ(r.hits.size(), 7u);
  EXPECT_EQ(r.radius_km, 0);
  EXPECT_FALSE(r.radius_widened);
  for (const Hit& h : r.hits) {
    EXPECT_EQ(h.score, 0);
    EXPECT_FALSE(h.distance_km.has_value());
  }
}

TEST_P(EngineTest, TextIsAccentAndCaseInsensitive) {
  SearchQuery q = Query();
  q.text = "développeur";
  std::vector<DocId> expected = Docs(engine_->Search(q));
  EXPECT_THAT(expected, UnorderedElementsAre(0, 1, 2, 4, 5));
  for (const char* text : {"developpeur", "DÉVELOPPEUR", "Developpeur", "développeurs"}) {
    q.text = text;
    std::vector<DocId> found = Docs(engine_->Search(q));
    EXPECT_THAT(found, UnorderedElementsAre(0, 1, 2, 4, 5)) << text;
  }
}

TEST_P(EngineTest, TextWithNoMatchFindsNothing) {
  SearchQuery q = Query();
  q.text = "cobol";
  SearchResult r = engine_->Search(q);
  EXPECT_EQ(r.total, 0);
  EXPECT_THAT(r.hits, IsEmpty());
}

TEST_P(EngineTest, RadiusNeverReturnsACourseFurtherThanAsked) {
  for (double radius : {1.0, 15.0, 30.0, 50.0, 120.0, 200.0}) {
    SearchQuery q = AroundLille(radius);
    q.widen_radius = false;
    SearchResult r = engine_->Search(q);
    EXPECT_EQ(r.radius_km, radius);
    for (const Hit& h : r.hits) {
      const Document& d = docs_[h.doc];
      if (d.remote) continue;
      ASSERT_TRUE(h.distance_km.has_value());
      EXPECT_LE(*h.distance_km, radius) << "doc " << h.doc;
      EXPECT_NEAR(*h.distance_km, core::DistanceKm(kLille, *d.point), 1e-9);
    }
  }
  // Without text, relevance orders by next start (Roubaix 1 Feb, Lille 1 Mar, Arras 1 May).
  EXPECT_THAT(Docs(engine_->Search(AroundLille(30))), ElementsAre(2, 0, 5, 6));
  EXPECT_THAT(Docs(engine_->Search(AroundLille(50))), ElementsAre(2, 0, 3, 5, 6));
}

TEST_P(EngineTest, RemoteCoursesAreAlwaysKeptAndShownAfterNearbyOnes) {
  for (SortOrder sort : {SortOrder::kRelevance, SortOrder::kDistance, SortOrder::kStart}) {
    SearchQuery q = AroundLille(120);
    q.sort = sort;
    SearchResult r = engine_->Search(q);
    EXPECT_EQ(r.remote_total, 2);
    EXPECT_EQ(r.nearby_total, 4);
    ASSERT_EQ(r.hits.size(), 6u);
    for (size_t i = 0; i < r.hits.size(); ++i)
      EXPECT_EQ(docs_[r.hits[i].doc].remote, i >= 4) << ToString(sort) << " " << i;
  }
  SearchQuery q = AroundLille(1);
  q.widen_radius = false;
  SearchResult r = engine_->Search(q);
  EXPECT_EQ(r.nearby_total, 1);
  EXPECT_EQ(r.remote_total, 2);
  EXPECT_EQ(r.total, 3);
}

TEST_P(EngineTest, RegionAndDepartmentPlacesKeepRemoteCourses) {
  SearchQuery q = Query();
  q.place = Area(core::PlaceKind::kRegion, "11");
  SearchResult r = engine_->Search(q);
  EXPECT_THAT(Docs(r), ElementsAre(1, 5, 6));
  EXPECT_EQ(r.nearby_total, 1);
  EXPECT_EQ(r.remote_total, 2);
  q.place = Area(core::PlaceKind::kDepartment, "59");
  EXPECT_THAT(Docs(engine_->Search(q)), ElementsAre(2, 0, 5, 6));
}

TEST_P(EngineTest, RegionAndDepartmentFiltersKeepRemoteCourses) {
  SearchQuery q = Query();
  q.regions = {"11"};
  SearchResult r = engine_->Search(q);
  EXPECT_THAT(Docs(r), ElementsAre(1, 5, 6));
  EXPECT_EQ(r.remote_total, 2);
  q.regions = {"11", "32"};
  EXPECT_EQ(engine_->Search(q).total, 7);
  q.regions.clear();
  q.departments = {"62", "80"};
  EXPECT_THAT(Docs(engine_->Search(q)), ElementsAre(4, 3, 5, 6));
}

TEST_P(EngineTest, FiltersCombineOrWithinAndAcross) {
  SearchQuery q = Query();
  q.families = {"development", "data"};
  EXPECT_THAT(Docs(engine_->Search(q)), UnorderedElementsAre(0, 1, 3, 4, 5));
  q.modes = {DeliveryMode::kRemote};
  EXPECT_THAT(Docs(engine_->Search(q)), ElementsAre(5));
  q = Query();
  q.professions = {"web-developer"};
  EXPECT_THAT(Docs(engine_->Search(q)), UnorderedElementsAre(0, 1, 4));
  q.levels = {6};
  EXPECT_THAT(Docs(engine_->Search(q)), ElementsAre(4));
  q = Query();
  q.levels = {0};
  EXPECT_THAT(Docs(engine_->Search(q)), ElementsAre(6));
  q = Query();
  q.max_duration_weeks = 26;
  EXPECT_THAT(Docs(engine_->Search(q)), UnorderedElementsAre(0, 1, 5, 6));
}

TEST_P(EngineTest, FacetsAreDisjunctive) {
  SearchQuery q = Query();
  SearchResult all = engine_->Search(q);
  q.families = {"development"};
  SearchResult filtered = engine_->Search(q);
  EXPECT_EQ(filtered.total, 4);
  // The family facet ignores the family filter, so the other families can still be added.
  EXPECT_EQ(Facet(filtered, "family"), Facet(all, "family"));
  EXPECT_EQ(Facet(all, "family"), (std::map<std::string, int>{{"data", 1},
                                                              {"development", 4},
                                                              {"digital-communication", 1},
                                                              {"maintenance-support", 1}}));
  // The other facets count within the family filter.
  EXPECT_EQ(Facet(all, "mode"),
            (std::map<std::string, int>{{"blended", 1}, {"onsite", 4}, {"remote", 2}}));
  EXPECT_EQ(Facet(filtered, "mode"), (std::map<std::string, int>{{"onsite", 3}, {"remote", 1}}));
  EXPECT_EQ(Facet(filtered, "level"), (std::map<std::string, int>{{"5", 3}, {"6", 1}}));
}

TEST_P(EngineTest, FacetValuesWithMoreCoursesComeFirst) {
  SearchResult r = engine_->Search(Query());
  const std::vector<FacetCount>& family = r.facets.at("family");
  ASSERT_FALSE(family.empty());
  EXPECT_EQ(family[0].value, "development");
  for (size_t i = 1; i < family.size(); ++i) EXPECT_GE(family[i - 1].count, family[i].count);
}

TEST_P(EngineTest, SingleValuedFacetsAddUpToTheTotal) {
  for (SearchQuery q : {Query(), AroundLille(30), AroundLille(120)}) {
    q.widen_radius = false;
    SearchResult r = engine_->Search(q);
    EXPECT_EQ(r.total, r.nearby_total + r.remote_total);
    EXPECT_EQ(Sum(Facet(r, "family")), r.total);
    EXPECT_EQ(Sum(Facet(r, "mode")), r.total);
    EXPECT_EQ(Sum(Facet(r, "level")), r.total);
    // Remote courses have no region or department.
    EXPECT_EQ(Sum(Facet(r, "region")), r.nearby_total);
    EXPECT_EQ(Sum(Facet(r, "department")), r.nearby_total);
  }
}

TEST_P(EngineTest, ProfessionFacetCountsEachProfessionOfACourse) {
  SearchResult r = engine_->Search(Query());
  EXPECT_EQ(Facet(r, "profession")["web-developer"], 3);
  EXPECT_EQ(Facet(r, "profession")["software-developer"], 1);
}

TEST_P(EngineTest, MaxMonthsFacetIsCumulative) {
  SearchResult r = engine_->Search(Query());
  const std::vector<FacetCount>& months = r.facets.at("max_months");
  ASSERT_EQ(months.size(), 4u);
  EXPECT_EQ(months[0].value, "3");
  EXPECT_EQ(months[1].value, "6");
  EXPECT_EQ(months[2].value, "12");
  EXPECT_EQ(months[3].value, "24");
  // Durations 8, 13, 26, 26, 40, 52 and 78 weeks.
  EXPECT_EQ(months[0].count, 2);  // ≤ 13 weeks
  EXPECT_EQ(months[1].count, 4);  // ≤ 26 weeks
  EXPECT_EQ(months[2].count, 6);  // ≤ 52 weeks
  EXPECT_EQ(months[3].count, 7);
  // The duration filter does not change its own facet.
  SearchQuery q = Query();
  q.max_duration_weeks = 13;
  SearchResult filtered = engine_->Search(q);
  EXPECT_EQ(filtered.total, 2);
  EXPECT_EQ(filtered.facets.at("max_months")[3].count, 7);
}

TEST_P(EngineTest, StartsAfterKeepsCoursesWithALaterSession) {
  SearchQuery q = Query();
  q.starts_after = D("2027-04-01");
  SearchResult r = engine_->Search(q);
  EXPECT_THAT(Docs(r), UnorderedElementsAre(0, 3, 4));
  for (const Hit& h : r.hits) {
    ASSERT_TRUE(h.next_start.has_value());
    EXPECT_GE(*h.next_start, D("2027-04-01"));
  }
  q.starts_after = D("2027-09-02");
  EXPECT_EQ(engine_->Search(q).total, 0);
}

TEST_P(EngineTest, NextStartSkipsPastSessions) {
  SearchResult r = engine_->Search(Query());
  std::map<DocId, std::optional<Date>> next;
  for (const Hit& h : r.hits) next[h.doc] = h.next_start;
  EXPECT_EQ(next[3], D("2027-05-01"));  // 2026-12-01 is past
  EXPECT_EQ(next[0], D("2027-03-01"));
  EXPECT_FALSE(next[6].has_value());
}

TEST_P(EngineTest, SortByDistance) {
  SearchQuery q = Query();
  q.place = Commune("62041", kArras);
  q.radius_km = 200;
  q.sort = SortOrder::kDistance;
  SearchResult r = engine_->Search(q);
  EXPECT_EQ(r.sort, SortOrder::kDistance);
  // Arras, Lille (43 km), Roubaix (53 km), Amiens (56 km), Paris (162 km); then remote ones.
  EXPECT_THAT(Docs(r), ElementsAre(3, 0, 2, 4, 1, 5, 6));
  for (size_t i = 1; i < 5; ++i) EXPECT_LE(*r.hits[i - 1].distance_km, *r.hits[i].distance_km);
}

TEST_P(EngineTest, SortByDistanceWithoutACommuneFallsBackToRelevance) {
  SearchQuery q = Query();
  q.text = "développeur web";
  q.sort = SortOrder::kRelevance;
  std::vector<DocId> by_relevance = Docs(engine_->Search(q));
  q.sort = SortOrder::kDistance;
  SearchResult r = engine_->Search(q);
  EXPECT_EQ(r.sort, SortOrder::kRelevance);
  EXPECT_EQ(Docs(r), by_relevance);
}

TEST_P(EngineTest, SortByStart) {
  SearchQuery q = Query();
  q.sort = SortOrder::kStart;
  SearchResult r = engine_->Search(q);
  EXPECT_EQ(r.sort, SortOrder::kStart);
  // Nearby: 02-01 (course 1 Paris, course 2: by course id), 03-01, 04-01, 05-01; then remote:
  // 01-20, then the course without a session.
  EXPECT_THAT(Docs(r), ElementsAre(1, 2, 0, 4, 3, 5, 6));
}

TEST_P(EngineTest, SortByRelevance) {
  SearchQuery q = Query();
  q.text = "développeur web";
  SearchResult r = engine_->Search(q);
  // Course 1 has both words in its professions and title; course 4 only "développeur" (with
  // "web-developer" as an id, not as text), so it does not match "web".
  ASSERT_THAT(Docs(r), ElementsAre(1, 0));
  EXPECT_EQ(r.hits[0].score, r.hits[1].score);  // tie: the earlier start first
  for (size_t i = 1; i < r.hits.size(); ++i) EXPECT_GE(r.hits[i - 1].score, r.hits[i].score);
  q.text = "développeur";
  r = engine_->Search(q);
  ASSERT_EQ(r.hits.size(), 5u);
  // Roubaix has the word only in its description: last of the nearby ones.
  EXPECT_EQ(r.hits[3].doc, 2u);
  EXPECT_LT(r.hits[3].score, r.hits[2].score);
}

TEST_P(EngineTest, RelevanceTiesBreakByNextStartThenDistance) {
  SearchQuery q = Query();
  q.place = Commune("62041", kArras);
  q.radius_km = 200;
  q.text = "développeur web";
  // Same text match: Paris (162 km) starts on 1 February, before Lille (43 km) on 1 March.
  ASSERT_THAT(Docs(engine_->Search(q)), ElementsAre(1, 0));
  // From 1 March on, both next start on 1 March (Lille) and 1 September… only Lille is left
  // with a session; with the same next start, the nearer comes first.
  q.starts_after = D("2027-02-15");
  ASSERT_THAT(Docs(engine_->Search(q)), ElementsAre(0));
}

TEST(MemoryEngine, TiesBreakByCourseIdThenCommune) {
  std::vector<Document> docs = {
      At(2, "59350", "59", "32", kLille), At(1, "75056", "75", "11", kParis),
      At(1, "59350", "59", "32", kLille), At(1, "59512", "59", "32", kRoubaix)};
  for (Document& d : docs) d.session_starts = {D("2027-03-01")};
  std::unique_ptr<SearchEngine> engine = MakeMemoryEngine(docs);
  for (SortOrder sort : {SortOrder::kRelevance, SortOrder::kStart}) {
    SearchQuery q;
    q.today = D("2027-01-10");
    q.sort = sort;
    SearchResult r = engine->Search(q);
    std::vector<DocId> order;
    for (const Hit& h : r.hits) order.push_back(h.doc);
    EXPECT_THAT(order, ElementsAre(2, 3, 1, 0)) << ToString(sort);
  }
}

TEST_P(EngineTest, Pagination) {
  SearchQuery q = Query();
  std::vector<DocId> all = Docs(engine_->Search(q));
  ASSERT_EQ(all.size(), 7u);
  q.per_page = 3;
  std::vector<DocId> paged;
  for (int page = 1; page <= 3; ++page) {
    q.page = page;
    SearchResult r = engine_->Search(q);
    EXPECT_EQ(r.total, 7);
    EXPECT_EQ(r.hits.size(), page < 3 ? 3u : 1u);
    for (const Hit& h : r.hits) paged.push_back(h.doc);
  }
  EXPECT_EQ(paged, all);
  q.page = 4;
  SearchResult beyond = engine_->Search(q);
  EXPECT_THAT(beyond.hits, IsEmpty());
  EXPECT_EQ(beyond.total, 7);
  EXPECT_EQ(beyond.nearby_total, 5);
  EXPECT_EQ(beyond.remote_total, 2);
  EXPECT_FALSE(beyond.facets.at("family").empty());
  q.page = 1000;
  EXPECT_THAT(engine_->Search(q).hits, IsEmpty());
}

// ---- Widening --------------------------------------------------------------------------------

constexpr GeoPoint kCentre{47.0, 2.0};

// A point `km` kilometres north of kCentre.
GeoPoint North(double km) {
  return {kCentre.lat + km / (std::numbers::pi * core::kEarthRadiusKm / 180), kCentre.lon};
}

class WideningTest : public ::testing::TestWithParam<std::string> {
 protected:
  SearchResult Search(std::vector<Document> docs, double radius, bool widen = true,
                      std::vector<std::string> families = {}) {
    docs_ = docs;
    engine_ = GetParam() == "reference" ? MakeMemoryEngine(std::move(docs))
                                        : MakeSearchEngine(std::move(docs));
    SearchQuery q;
    q.today = D("2027-01-10");
    q.place = Commune("18000", kCentre);
    q.radius_km = radius;
    q.widen_radius = widen;
    q.families = std::move(families);
    return engine_->Search(q);
  }
  static Document Near(int64_t id, double km, std::string family = "data") {
    Document d = At(id, "c" + std::to_string(id), "18", "24", North(km));
    d.family_id = std::move(family);
    return d;
  }
  std::vector<Document> docs_;
  std::unique_ptr<SearchEngine> engine_;
};

INSTANTIATE_TEST_SUITE_P(Engines, WideningTest, ::testing::Values("indexed", "reference"),
                         [](const auto& info) { return info.param; });

TEST_P(WideningTest, NothingNearWidensToTheFirstStepWithSomething) {
  SearchResult r = Search({Near(1, 25), Near(2, 60)}, 10);
  EXPECT_TRUE(r.radius_widened);
  EXPECT_EQ(r.radius_km, 30);
  EXPECT_EQ(r.nearby_total, 1);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_NEAR(*r.hits[0].distance_km, 25, 0.01);
}

TEST_P(WideningTest, StepsStartAboveTheRequestedRadius) {
  SearchResult r = Search({Near(1, 60)}, 30);
  EXPECT_TRUE(r.radius_widened);
  EXPECT_EQ(r.radius_km, 75);
  EXPECT_EQ(r.nearby_total, 1);
}

TEST_P(WideningTest, NoWideningWhenSomethingIsNear) {
  SearchResult r = Search({Near(1, 5), Near(2, 25)}, 10);
  EXPECT_FALSE(r.radius_widened);
  EXPECT_EQ(r.radius_km, 10);
  EXPECT_EQ(r.nearby_total, 1);
}

TEST_P(WideningTest, NeverBeyond200Km) {
  SearchResult r = Search({Near(1, 250), Remote(2)}, 10);
  EXPECT_TRUE(r.radius_widened);
  EXPECT_EQ(r.radius_km, kMaxRadiusKm);
  EXPECT_EQ(r.nearby_total, 0);
  EXPECT_EQ(r.remote_total, 1);
  r = Search({Near(1, 199)}, 10);
  EXPECT_EQ(r.radius_km, 200);
  EXPECT_EQ(r.nearby_total, 1);
}

TEST_P(WideningTest, RemoteCoursesDoNotStopTheWidening) {
  SearchResult r = Search({Near(1, 45), Remote(2)}, 10);
  EXPECT_EQ(r.radius_km, 50);
  EXPECT_EQ(r.nearby_total, 1);
  EXPECT_EQ(r.remote_total, 1);
}

TEST_P(WideningTest, OnlyCoursesPassingTheFiltersStopTheWidening) {
  SearchResult r = Search({Near(1, 15, "development"), Near(2, 60, "data")}, 10, true, {"data"});
  EXPECT_EQ(r.radius_km, 75);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(docs_[r.hits[0].doc].course_id, 2);
}

TEST_P(WideningTest, CanBeTurnedOff) {
  SearchResult r = Search({Near(1, 25)}, 10, false);
  EXPECT_FALSE(r.radius_widened);
  EXPECT_EQ(r.radius_km, 10);
  EXPECT_EQ(r.total, 0);
}

TEST_P(WideningTest, NotAroundARegion) {
  engine_ = MakeMemoryEngine({Near(1, 25)});
  SearchQuery q;
  q.place = Area(core::PlaceKind::kRegion, "11");
  SearchResult r = engine_->Search(q);
  EXPECT_FALSE(r.radius_widened);
  EXPECT_EQ(r.radius_km, 0);
  EXPECT_EQ(r.total, 0);
}

// ---- Document --------------------------------------------------------------------------------

TEST(Document, NextStartIsTheFirstSessionOnOrAfterTheDate) {
  Document d;
  d.session_starts = {D("2027-01-10"), D("2027-03-01")};
  EXPECT_EQ(d.NextStart(D("2027-01-01")), D("2027-01-10"));
  EXPECT_EQ(d.NextStart(D("2027-01-10")), D("2027-01-10"));
  EXPECT_EQ(d.NextStart(D("2027-01-11")), D("2027-03-01"));
  EXPECT_FALSE(d.NextStart(D("2027-03-02")).has_value());
  EXPECT_FALSE(Document{}.NextStart(D("2027-01-01")).has_value());
}

}  // namespace
}  // namespace tremplin::search
