// The production engine beyond the semantics shared with the reference engine: incremental
// upserts and removals (through the small segment of recent changes and the full rebuild past
// its threshold), DocIds of new documents, explanations, the relaxation to fewer words, and the
// order of the ranking criteria on small fixtures.
#include "search/indexed_engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>

namespace tremplin::search {
namespace {

using core::Date;
using core::DeliveryMode;
using core::GeoPoint;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr GeoPoint kLille{50.6292, 3.0573};
constexpr GeoPoint kRoubaix{50.6942, 3.1746};
constexpr GeoPoint kArras{50.2910, 2.7775};
constexpr GeoPoint kAmiens{49.8942, 2.2957};
constexpr GeoPoint kParis{48.8566, 2.3522};

Date D(const char* iso) { return *Date::Parse(iso); }
const Date kToday = D("2027-01-10");

Document At(int64_t course, std::string commune, GeoPoint point, std::string department = "59",
            std::string region = "32") {
  Document d;
  d.course_id = course;
  d.commune_code = std::move(commune);
  d.department_code = std::move(department);
  d.region_code = std::move(region);
  d.point = point;
  d.family_id = "development";
  d.session_starts = {D("2027-03-01")};
  return d;
}

Document AtLille(int64_t course) { return At(course, "59350", kLille); }
Document AtRoubaix(int64_t course) { return At(course, "59512", kRoubaix); }
Document AtArras(int64_t course) { return At(course, "62041", kArras, "62"); }
Document AtParis(int64_t course) { return At(course, "75056", kParis, "75", "11"); }

Document Remote(int64_t course) {
  Document d;
  d.course_id = course;
  d.remote = true;
  d.mode = DeliveryMode::kRemote;
  d.family_id = "development";
  d.session_starts = {D("2027-03-01")};
  return d;
}

Document Titled(Document d, std::string title) {
  d.title = std::move(title);
  return d;
}

core::Place Commune(std::string code, GeoPoint point) {
  core::Place p;
  p.kind = core::PlaceKind::kCommune;
  p.code = std::move(code);
  p.point = point;
  return p;
}

SearchQuery Query(std::string text = "") {
  SearchQuery q;
  q.text = std::move(text);
  q.today = kToday;
  q.per_page = kMaxPerPage;
  return q;
}

std::vector<int64_t> Courses(const SearchResult& r) {
  std::vector<int64_t> out;
  for (const Hit& h : r.hits) out.push_back(h.course_id);
  return out;
}

std::vector<DocId> Docs(const SearchResult& r) {
  std::vector<DocId> out;
  for (const Hit& h : r.hits) out.push_back(h.doc);
  return out;
}

// (course, commune) of each hit: what identifies a document across engines.
using Key = std::pair<int64_t, std::string>;
std::vector<Key> Keys(const SearchResult& r) {
  std::vector<Key> out;
  for (const Hit& h : r.hits) out.emplace_back(h.course_id, h.commune_code);
  return out;
}

std::map<std::string, int> Facet(const SearchResult& r, const std::string& name) {
  std::map<std::string, int> out;
  auto it = r.facets.find(name);
  if (it != r.facets.end())
    for (const FacetCount& c : it->second) out[c.value] = c.count;
  return out;
}

// Everything but DocIds (and scores, which engines compute differently) must agree.
void ExpectSameAnswer(const SearchResult& actual, const SearchResult& expected,
                      bool compare_scores) {
  EXPECT_EQ(actual.total, expected.total);
  EXPECT_EQ(actual.nearby_total, expected.nearby_total);
  EXPECT_EQ(actual.remote_total, expected.remote_total);
  EXPECT_EQ(actual.radius_km, expected.radius_km);
  EXPECT_EQ(actual.radius_widened, expected.radius_widened);
  EXPECT_EQ(actual.sort, expected.sort);
  ASSERT_EQ(actual.facets.size(), expected.facets.size());
  for (const auto& [name, counts] : expected.facets) {
    ASSERT_TRUE(actual.facets.count(name)) << name;
    const std::vector<FacetCount>& a = actual.facets.at(name);
    ASSERT_EQ(a.size(), counts.size()) << name;
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].value, counts[i].value) << name << " #" << i;
      EXPECT_EQ(a[i].count, counts[i].count) << name << " " << counts[i].value;
    }
  }
  ASSERT_EQ(Keys(actual), Keys(expected));
  for (size_t i = 0; i < actual.hits.size(); ++i) {
    const Hit& a = actual.hits[i];
    const Hit& e = expected.hits[i];
    EXPECT_EQ(a.remote, e.remote);
    EXPECT_EQ(a.next_start, e.next_start);
    EXPECT_EQ(a.distance_km.has_value(), e.distance_km.has_value());
    if (a.distance_km && e.distance_km) {
      EXPECT_NEAR(*a.distance_km, *e.distance_km, 1e-9);
    }
    if (compare_scores) {
      EXPECT_EQ(a.score, e.score);
    }
  }
}

// A small catalogue: six courses, seven documents (course 1 in Lille and Paris).
std::vector<Document> Catalogue() {
  std::vector<Document> docs;
  Document d = AtLille(1);  // 0
  d.title = "Développeur web et web mobile";
  d.professions = "Développeur web · programmeur";
  d.organisation = "École du code";
  d.body = "HTML, CSS et JavaScript.";
  d.profession_ids = {"web-developer"};
  d.certification_level = 5;
  docs.push_back(d);
  Document paris = d;  // 1
  paris.commune_code = "75056";
  paris.department_code = "75";
  paris.region_code = "11";
  paris.point = kParis;
  paris.session_starts = {D("2027-02-01")};
  docs.push_back(paris);
  d = AtRoubaix(2);  // 2
  d.title = "Technicien d’assistance informatique";
  d.professions = "Technicien support";
  d.organisation = "Atelier numérique de Roubaix";
  d.body = "Dépannage et réseaux.";
  d.family_id = "maintenance-support";
  d.mode = DeliveryMode::kBlended;
  docs.push_back(d);
  d = AtArras(3);  // 3
  d.title = "Data analyst";
  d.professions = "Analyste de données";
  d.organisation = "Campus Artois";
  d.family_id = "data";
  docs.push_back(d);
  d = At(4, "80021", kAmiens, "80");  // 4
  d.title = "Développeur d’applications";
  d.professions = "Développeur logiciel";
  d.organisation = "Picardie Formation";
  docs.push_back(d);
  d = Remote(5);  // 5
  d.title = "Développeur full stack à distance";
  d.organisation = "En ligne";
  docs.push_back(d);
  d = Remote(6);  // 6
  d.title = "Référent digital";
  d.family_id = "digital-communication";
  docs.push_back(d);
  return docs;
}

// ---- Upserts and removals -------------------------------------------------------------------

TEST(IndexedEngineUpsert, ANewCourseIsSearchableAtOnceByTextPlaceAndFilters) {
  IndexedEngine engine(Catalogue());
  ASSERT_EQ(engine.document_count(), 7u);
  EXPECT_EQ(engine.Search(Query("soudeur")).total, 0);

  Document d = Titled(AtRoubaix(100), "Soudeur numérique");
  d.family_id = "maker";
  d.session_starts = {D("2027-01-15")};
  engine.Upsert(100, {d});
  EXPECT_EQ(engine.document_count(), 8u);

  SearchResult r = engine.Search(Query("soudeur"));
  ASSERT_EQ(r.total, 1);
  EXPECT_EQ(r.hits[0].course_id, 100);
  EXPECT_EQ(r.hits[0].doc, 7u);  // the next DocId after the seven built ones
  EXPECT_EQ(r.hits[0].commune_code, "59512");
  EXPECT_EQ(r.hits[0].next_start, D("2027-01-15"));
  // Typed live, with a typo, by place, by filter and in the facets.
  EXPECT_THAT(Courses(engine.Search(Query("soud"))), ElementsAre(100));
  EXPECT_THAT(Courses(engine.Search(Query("soudeyr"))), ElementsAre(100));
  SearchQuery near = Query();
  near.place = Commune("59512", kRoubaix);
  near.radius_km = 1;
  near.widen_radius = false;
  EXPECT_THAT(Courses(engine.Search(near)), ElementsAre(100, 2, 5, 6));
  SearchQuery family = Query();
  family.families = {"maker"};
  EXPECT_THAT(Courses(engine.Search(family)), ElementsAre(100));
  EXPECT_EQ(Facet(engine.Search(Query()), "family")["maker"], 1);
  EXPECT_EQ(engine.Search(Query()).total, 8);
}

TEST(IndexedEngineUpsert, ABatchIsPublishedTogetherAndACourseListedTwiceKeepsItsLast) {
  IndexedEngine engine(Catalogue());
  std::vector<IndexedEngine::CourseDocuments> batch;
  batch.push_back({1, {Titled(AtArras(1), "Soudeur numérique")}});
  batch.push_back({3, {}});  // removed
  batch.push_back({100, {Titled(AtRoubaix(100), "Menuisier numérique")}});
  batch.push_back({100, {Titled(AtRoubaix(100), "Ébéniste numérique")}});
  engine.Upsert(std::move(batch));
  EXPECT_EQ(engine.document_count(), 6u);  // 7 - 2 (course 1) + 1 - 1 (course 3) + 1
  EXPECT_THAT(Courses(engine.Search(Query("soudeur"))), ElementsAre(1));
  EXPECT_THAT(Courses(engine.Search(Query("ébéniste"))), ElementsAre(100));
  EXPECT_EQ(engine.Search(Query("menuisier")).total, 0);
  EXPECT_EQ(engine.Search(Query("data")).total, 0);
  EXPECT_EQ(engine.Search(Query("web")).total, 0);
}

TEST(IndexedEngineUpsert, APinnedViewKeepsTheIndexAsItWas) {
  IndexedEngine engine(Catalogue());
  std::shared_ptr<const SearchEngine> before = engine.Pinned();
  engine.Upsert(1, {Titled(AtArras(1), "Soudeur numérique")});
  std::shared_ptr<const SearchEngine> after = engine.Pinned();
  EXPECT_THAT(Courses(before->Search(Query("web"))), ElementsAre(1, 1));
  EXPECT_EQ(before->Search(Query("soudeur")).total, 0);
  EXPECT_EQ(before->document_count(), 7u);
  EXPECT_EQ(after->Search(Query("web")).total, 0);
  EXPECT_THAT(Courses(after->Search(Query("soudeur"))), ElementsAre(1));
  EXPECT_EQ(after->document_count(), 6u);
}

TEST(IndexedEngineUpsert, AnUpdateReplacesEveryDocumentOfTheCourse) {
  IndexedEngine engine(Catalogue());
  SearchQuery web = Query("web");
  ASSERT_THAT(Courses(engine.Search(web)), ElementsAre(1, 1));

  // Course 1 leaves Lille and Paris for Arras, with another title.
  Document d = Titled(AtArras(999), "Analyste en cybersécurité");
  engine.Upsert(1, {d});
  EXPECT_EQ(engine.document_count(), 6u);
  EXPECT_EQ(engine.Search(web).total, 0);
  SearchResult cyber = engine.Search(Query("cybersécurité"));
  ASSERT_EQ(cyber.total, 1);
  EXPECT_EQ(cyber.hits[0].course_id, 1);  // the documents' own course ids are ignored
  EXPECT_EQ(cyber.hits[0].commune_code, "62041");
  EXPECT_EQ(cyber.hits[0].doc, 7u);
  SearchQuery paris = Query();
  paris.place = Commune("75056", kParis);
  paris.radius_km = 10;
  paris.widen_radius = false;
  EXPECT_EQ(engine.Search(paris).nearby_total, 0);

  // Updated again (now from the recent segment): back to two places, new DocIds.
  engine.Upsert(1,
                {Titled(AtLille(1), "Intégrateur web"), Titled(AtRoubaix(1), "Intégrateur web")});
  EXPECT_EQ(engine.document_count(), 7u);
  EXPECT_EQ(engine.Search(Query("cybersécurité")).total, 0);
  SearchResult integrateur = engine.Search(Query("intégrateur"));
  EXPECT_THAT(Keys(integrateur), UnorderedElementsAre(Key{1, "59350"}, Key{1, "59512"}));
  EXPECT_THAT(Docs(integrateur), UnorderedElementsAre(8u, 9u));
  // Other courses are untouched.
  EXPECT_THAT(Courses(engine.Search(Query("développeur"))), UnorderedElementsAre(4, 5));
}

TEST(IndexedEngineUpsert, RemoveDropsTheCourseFromTextPlaceFiltersAndFacets) {
  IndexedEngine engine(Catalogue());
  engine.Remove(1);  // from the main segment
  EXPECT_EQ(engine.document_count(), 5u);
  EXPECT_EQ(engine.Search(Query("web")).total, 0);
  SearchResult all = engine.Search(Query());
  EXPECT_EQ(all.total, 5);
  EXPECT_EQ(all.nearby_total, 3);
  EXPECT_EQ(Facet(all, "region"), (std::map<std::string, int>{{"32", 3}}));
  EXPECT_EQ(Facet(all, "level"), (std::map<std::string, int>{{"0", 5}}));
  SearchQuery profession = Query();
  profession.professions = {"web-developer"};
  EXPECT_EQ(engine.Search(profession).total, 0);

  engine.Upsert(50, {Titled(AtLille(50), "Soudeur"), Titled(Remote(50), "Soudeur")});
  EXPECT_EQ(engine.document_count(), 7u);
  engine.Remove(50);  // from the recent segment
  EXPECT_EQ(engine.document_count(), 5u);
  EXPECT_EQ(engine.Search(Query("soudeur")).total, 0);
  EXPECT_EQ(engine.Search(Query()).total, 5);

  engine.Remove(12345);  // unknown: nothing changes
  engine.Remove(1);      // already removed
  EXPECT_EQ(engine.document_count(), 5u);
  EXPECT_EQ(engine.Search(Query()).total, 5);

  // Everything removed.
  for (int64_t course : {2, 3, 4, 5, 6}) engine.Remove(course);
  EXPECT_EQ(engine.document_count(), 0u);
  SearchResult none = engine.Search(Query("développeur"));
  EXPECT_EQ(none.total, 0);
  EXPECT_THAT(none.hits, IsEmpty());
  EXPECT_EQ(engine.Search(Query()).total, 0);
}

TEST(IndexedEngineUpsert, NewDocumentsGetNewDocIdsThatSurviveARebuild) {
  IndexedEngine engine(Catalogue());
  engine.Upsert(100, {Titled(AtLille(100), "Soudeur"), Titled(AtArras(100), "Soudeur")});
  engine.Upsert(101, {Titled(AtLille(101), "Menuisier")});
  SearchResult soudeur = engine.Search(Query("soudeur"));
  EXPECT_THAT(Docs(soudeur), UnorderedElementsAre(7u, 8u));
  EXPECT_THAT(Docs(engine.Search(Query("menuisier"))), ElementsAre(9u));
  std::map<Key, DocId> before;
  for (const Hit& h : engine.Search(Query()).hits) before[{h.course_id, h.commune_code}] = h.doc;

  // More than 2048 recent documents: everything is rebuilt into one segment.
  std::vector<Document> many;
  for (int i = 0; i < 2100; ++i) {
    many.push_back(Titled(AtLille(7), "Cours massif"));
    many.back().commune_code = "c" + std::to_string(i);
    many.back().family_id = "massive";
  }
  engine.Upsert(7, many);
  EXPECT_EQ(engine.document_count(), 10u + 2100u);
  SearchQuery all = Query();
  all.families = {"development", "maintenance-support", "data", "digital-communication"};
  SearchResult after = engine.Search(all);
  for (const Hit& h : after.hits) {
    if (h.course_id == 7) continue;
    EXPECT_EQ(h.doc, before.at({h.course_id, h.commune_code})) << h.course_id;
  }
  SearchQuery massive = Query("massif");
  massive.per_page = 1;
  massive.page = 2100;
  SearchResult last = engine.Search(massive);
  EXPECT_EQ(last.total, 2100);
  ASSERT_EQ(last.hits.size(), 1u);
  EXPECT_GE(last.hits[0].doc, 10u);
  EXPECT_LT(last.hits[0].doc, 10u + 2100u);
  // And the next new document continues the numbering.
  engine.Upsert(102, {Titled(AtLille(102), "Ébéniste")});
  EXPECT_THAT(Docs(engine.Search(Query("ébéniste"))), ElementsAre(10u + 2100u));
}

TEST(IndexedEngineUpsert, SearchesAboutOtherCoursesAreUnaffectedByAnUpdate) {
  IndexedEngine engine(Catalogue());
  // Changes in Lille, Paris and Amiens; questions about Arras, the remote courses and texts.
  std::vector<SearchQuery> queries;
  SearchQuery artois = Query();
  artois.place.kind = core::PlaceKind::kDepartment;
  artois.place.code = "62";
  queries.push_back(artois);
  queries.push_back(Query("technicien"));
  SearchQuery arras = Query("analyste");
  arras.place = Commune("62041", kArras);
  queries.push_back(arras);
  std::vector<SearchResult> before;
  for (const SearchQuery& q : queries) before.push_back(engine.Search(q));
  engine.Upsert(1, {Titled(AtLille(1), "Développeur Python")});
  engine.Upsert(200, {Titled(AtLille(200), "Menuisier")});
  engine.Remove(4);
  for (size_t i = 0; i < queries.size(); ++i) {
    SCOPED_TRACE(i);
    SearchResult after = engine.Search(queries[i]);
    ExpectSameAnswer(after, before[i], /*compare_scores=*/true);
    EXPECT_EQ(Docs(after), Docs(before[i]));
  }
}

// Courses as the test knows them; the engines are compared with a fresh build of the same.
class IncrementalTest : public ::testing::Test {
 protected:
  std::vector<Document> All() const {
    std::vector<Document> docs;
    for (const auto& [course, list] : courses_)
      for (const Document& d : list) docs.push_back(d);
    return docs;
  }

  Document RandomDocument(int64_t course, int place) {
    static constexpr const char* kWords[] = {
        "développeur", "web",   "données",   "réseaux",   "technicien",   "cybersécurité",
        "analyste",    "cloud", "design",    "mobile",    "support",      "administrateur",
        "python",      "java",  "formation", "numérique", "intelligence", "artificielle"};
    static constexpr std::pair<const char*, GeoPoint> kPlaces[] = {{"59350", kLille},
                                                                   {"59512", kRoubaix},
                                                                   {"62041", kArras},
                                                                   {"80021", kAmiens},
                                                                   {"75056", kParis}};
    Document d;
    if (place < 0) {
      d = Remote(course);
    } else {
      const auto& [code, point] = kPlaces[place];
      d = At(course, code, point, std::string(code).substr(0, 2), code[0] == '7' ? "11" : "32");
    }
    std::uniform_int_distribution<int> word(0, static_cast<int>(std::size(kWords)) - 1);
    d.title = std::string(kWords[word(rng_)]) + " " + kWords[word(rng_)];
    d.body = std::string(kWords[word(rng_)]) + " et " + kWords[word(rng_)];
    const char* kFamilies[] = {"development", "data", "maintenance-support"};
    d.family_id = kFamilies[course % 3];
    d.certification_level = static_cast<int>(course % 4) + 3;
    d.duration_weeks = static_cast<int>(course % 60) + 4;
    d.session_starts = {kToday.AddDays(static_cast<int>(course % 90) - 20)};
    return d;
  }

  // One random change: a new course, an update or a removal.
  void RandomChange(IndexedEngine& engine) {
    std::uniform_int_distribution<int> action(0, 9), places(0, 2), place(-1, 4);
    int a = action(rng_);
    int64_t course;
    if (a < 2 && !courses_.empty()) {
      auto it = courses_.begin();
      std::advance(it, std::uniform_int_distribution<size_t>(0, courses_.size() - 1)(rng_));
      course = it->first;
      engine.Remove(course);
      courses_.erase(course);
      return;
    }
    if (a < 6 && !courses_.empty()) {
      auto it = courses_.begin();
      std::advance(it, std::uniform_int_distribution<size_t>(0, courses_.size() - 1)(rng_));
      course = it->first;
    } else {
      course = next_course_++;
    }
    std::vector<Document> docs;
    std::set<int> used;
    for (int n = places(rng_) + 1; n > 0; --n) {
      int p = place(rng_);
      if (!used.insert(p).second) continue;
      docs.push_back(RandomDocument(course, p));
    }
    // The text of a course is the same in all its places.
    for (Document& d : docs) {
      d.title = docs[0].title;
      d.body = docs[0].body;
    }
    engine.Upsert(course, docs);
    if (docs.empty())
      courses_.erase(course);
    else
      courses_[course] = docs;
  }

  std::vector<SearchQuery> Queries() const {
    std::vector<SearchQuery> out;
    for (const char* text : {"", "développeur", "donnees ", "réseau", "analyste python", "cyber",
                             "developeur web", "java clou"}) {
      for (int place = 0; place < 3; ++place) {
        SearchQuery q = Query(text);
        q.per_page = 15;
        if (place == 1) q.place = Commune("59350", kLille);
        if (place == 1) q.radius_km = 10;
        if (place == 2) {
          q.place.kind = core::PlaceKind::kRegion;
          q.place.code = "32";
          q.sort = SortOrder::kStart;
          q.families = {"data", "development"};
        }
        out.push_back(q);
      }
    }
    SearchQuery deep = Query();
    deep.per_page = 7;
    deep.page = 3;
    deep.levels = {3, 5};
    out.push_back(deep);
    return out;
  }

  // The engine answers like one built from scratch (text) and like the reference (no text).
  void ExpectSameAsFreshEngines(const IndexedEngine& engine, const std::string& when) {
    SCOPED_TRACE(when);
    std::vector<Document> docs = All();
    ASSERT_EQ(engine.document_count(), docs.size());
    IndexedEngine fresh(docs);
    std::unique_ptr<SearchEngine> reference = MakeMemoryEngine(docs);
    int answered = 0;
    for (const SearchQuery& q : Queries()) {
      SCOPED_TRACE("query \"" + q.text + "\" place " + std::string(core::ToString(q.place.kind)));
      SearchResult actual = engine.Search(q);
      ExpectSameAnswer(actual, fresh.Search(q), /*compare_scores=*/true);
      if (q.text.empty()) ExpectSameAnswer(actual, reference->Search(q), false);
      answered += actual.total > 0;
    }
    EXPECT_GT(answered, 15);  // the questions are not all empty
  }

  std::mt19937 rng_{20270110};
  std::map<int64_t, std::vector<Document>> courses_;
  int64_t next_course_ = 1;
};

TEST_F(IncrementalTest, ManyChangesInARowKeepResultsRight) {
  for (int i = 0; i < 150; ++i) {
    std::vector<Document> docs = {RandomDocument(next_course_, i % 6 - 1)};
    courses_[next_course_++] = docs;
  }
  IndexedEngine engine(All());
  ExpectSameAsFreshEngines(engine, "built");
  for (int step = 1; step <= 400; ++step) {
    RandomChange(engine);
    if (step % 50 == 0) ExpectSameAsFreshEngines(engine, "step " + std::to_string(step));
  }
}

TEST_F(IncrementalTest, CrossingTheRebuildThresholdKeepsResultsRight) {
  for (int i = 0; i < 100; ++i) {
    courses_[next_course_] = {RandomDocument(next_course_, i % 5)};
    ++next_course_;
  }
  IndexedEngine engine(All());
  // Big courses pushed into the recent segment until it passes 2048 documents, with ordinary
  // changes in between; checked before and after each rebuild.
  for (int round = 0; round < 3; ++round) {
    for (int big = 0; big < 3; ++big) {
      int64_t course = 10000 + round * 10 + big;
      std::vector<Document> docs;
      for (int i = 0; i < 800; ++i) {
        Document d = RandomDocument(course, i % 5);
        d.commune_code = "b" + std::to_string(i);
        d.title = "Grand cours " + std::to_string(course);
        d.body = "réseaux";
        docs.push_back(d);
      }
      engine.Upsert(course, docs);
      courses_[course] = docs;
      for (int k = 0; k < 10; ++k) RandomChange(engine);
      ExpectSameAsFreshEngines(engine,
                               "round " + std::to_string(round) + " big " + std::to_string(big));
    }
    // Remove one big course (from the main segment after a rebuild) and update another.
    int64_t removed = 10000 + round * 10;
    engine.Remove(removed);
    courses_.erase(removed);
    ExpectSameAsFreshEngines(engine, "round " + std::to_string(round) + " removed");
  }
}

// ---- More than the reference: professions beyond three, many values -----------------------

TEST(IndexedEngineAttributes, EveryProfessionOfADocumentIsFilterable) {
  // Nothing limits how many professions a course names; the reference engine reads them all.
  Document d = Titled(AtLille(1), "Développeur");
  d.profession_ids = {"web-developer", "software-developer", "devops", "full-stack-developer"};
  std::vector<Document> docs = {d, Titled(AtLille(2), "Autre")};
  IndexedEngine engine(docs);
  std::unique_ptr<SearchEngine> reference = MakeMemoryEngine(docs);
  SearchQuery q = Query();
  q.professions = {"full-stack-developer"};
  ExpectSameAnswer(engine.Search(q), reference->Search(q), false);
  EXPECT_EQ(engine.Search(q).total, 1);
  EXPECT_EQ(Facet(engine.Search(Query()), "profession")["full-stack-developer"], 1);
}

TEST(IndexedEngineAttributes, HundredsOfProfessionsAreFilterableAndCounted) {
  // At national scale professions are ROME codes: well over 255 distinct values.
  std::vector<Document> docs;
  for (int i = 0; i < 400; ++i) {
    Document d = Titled(AtLille(i + 1), "Cours");
    char code[16];
    std::snprintf(code, sizeof code, "M%04d", i);
    d.profession_ids = {code};
    docs.push_back(d);
  }
  IndexedEngine engine(docs);
  std::unique_ptr<SearchEngine> reference = MakeMemoryEngine(docs);
  for (const char* code : {"M0000", "M0254", "M0300", "M0399"}) {
    SCOPED_TRACE(code);
    SearchQuery q = Query();
    q.professions = {code};
    ExpectSameAnswer(engine.Search(q), reference->Search(q), false);
  }
  EXPECT_EQ(Facet(engine.Search(Query()), "profession").size(), 400u);
}

// ---- Explanations ----------------------------------------------------------------------------

TEST(IndexedEngineExplain, SaysWhyEachResultRanks) {
  IndexedEngine engine(Catalogue());
  SearchQuery q = Query("développeur web");
  q.explain = true;
  SearchResult r = engine.Search(q);
  ASSERT_EQ(r.hits.size(), 2u);
  for (const Hit& h : r.hits) {
    ASSERT_TRUE(h.explanation.has_value());
    const Explanation& e = *h.explanation;
    EXPECT_EQ(e.words_in_query, 2);
    EXPECT_EQ(e.words_matched, 2);
    EXPECT_EQ(e.typos, 0);
    EXPECT_EQ(e.proximity, 0);      // "Développeur web", side by side
    EXPECT_EQ(e.field_weight, 16);  // both words in the professions
    EXPECT_EQ(e.exact_words, 2);
    ASSERT_EQ(e.terms.size(), 2u);
    EXPECT_EQ(e.terms[0].query_word, "developpeur");
    EXPECT_EQ(e.terms[0].matched_word, "developpeur");
    EXPECT_EQ(e.terms[0].kind, "exact");
    EXPECT_EQ(e.terms[0].typos, 0);
    EXPECT_EQ(e.terms[0].field, "professions");
    EXPECT_EQ(e.terms[1].query_word, "web");
    EXPECT_EQ(e.terms[1].matched_word, "web");
    EXPECT_EQ(e.terms[1].field, "professions");
  }
  // Without explain, no explanation.
  q.explain = false;
  for (const Hit& h : engine.Search(q).hits) EXPECT_FALSE(h.explanation.has_value());
  // Without text, an empty one.
  SearchQuery all = Query();
  all.explain = true;
  for (const Hit& h : engine.Search(all).hits) {
    ASSERT_TRUE(h.explanation.has_value());
    EXPECT_EQ(h.explanation->words_in_query, 0);
    EXPECT_THAT(h.explanation->terms, IsEmpty());
  }
}

TEST(IndexedEngineExplain, NamesTheKindOfEachMatch) {
  std::vector<Document> docs = {
      Titled(AtLille(1), "Développeurs"), Titled(AtLille(2), "Programmeuse"),
      Titled(AtLille(3), "Administrateur"), Titled(AtLille(4), "Réseaux")};
  docs[3].organisation = "Telecom";
  IndexedEngine engine(docs);
  auto explain = [&](const char* text) {
    SearchQuery q = Query(text);
    q.explain = true;
    SearchResult r = engine.Search(q);
    EXPECT_EQ(r.hits.size(), 1u) << text;
    return r.hits.empty() ? Explanation{} : r.hits[0].explanation.value_or(Explanation{});
  };
  Explanation stem = explain("développeur ");
  ASSERT_EQ(stem.terms.size(), 1u);
  EXPECT_EQ(stem.terms[0].kind, "stem");
  EXPECT_EQ(stem.terms[0].matched_word, "developpeurs");
  EXPECT_EQ(stem.terms[0].field, "title");
  EXPECT_EQ(stem.exact_words, 0);
  Explanation prefix = explain("programm");
  ASSERT_EQ(prefix.terms.size(), 1u);
  EXPECT_EQ(prefix.terms[0].kind, "prefix");
  EXPECT_EQ(prefix.terms[0].matched_word, "programmeuse");
  Explanation typo = explain("adminstrateur");
  ASSERT_EQ(typo.terms.size(), 1u);
  EXPECT_EQ(typo.terms[0].kind, "typo");
  EXPECT_EQ(typo.terms[0].typos, 1);
  EXPECT_EQ(typo.terms[0].matched_word, "administrateur");
  EXPECT_EQ(typo.typos, 1);
  Explanation two = explain("reseaux telecom");
  ASSERT_EQ(two.terms.size(), 2u);
  EXPECT_EQ(two.terms[1].field, "organisation");
  EXPECT_EQ(two.field_weight, 6 + 3);
  EXPECT_EQ(two.proximity, 9);  // "telecom" is not in the title or professions
}

// ---- Relaxation to fewer words ---------------------------------------------------------------

TEST(IndexedEngineRelaxation, WhenNoCourseHasEveryWordCoursesWithOneOfThemAreShown) {
  std::vector<Document> docs = {Titled(AtLille(1), "Soudeur"), Titled(AtLille(2), "Cuisinier"),
                                Titled(AtLille(3), "Menuisier")};
  IndexedEngine engine(docs);
  SearchQuery q = Query("soudeur cuisinier");
  q.explain = true;
  SearchResult r = engine.Search(q);
  EXPECT_EQ(r.total, 2);
  EXPECT_THAT(Courses(r), UnorderedElementsAre(1, 2));
  for (const Hit& h : r.hits) {
    ASSERT_TRUE(h.explanation.has_value());
    EXPECT_EQ(h.explanation->words_in_query, 2);
    EXPECT_EQ(h.explanation->words_matched, 1);
  }
  EXPECT_EQ(Facet(r, "family")["development"], 2);
  // Nothing relaxes when a course has every word.
  engine.Upsert(4, {Titled(AtLille(4), "Soudeur et cuisinier")});
  EXPECT_THAT(Courses(engine.Search(q)), ElementsAre(4));
}

TEST(IndexedEngineRelaxation, KeepsOnlyTheCoursesWithTheMostWords) {
  std::vector<Document> docs = {Titled(AtLille(1), "Java et Python"),
                                Titled(AtLille(2), "Python et Rust"), Titled(AtLille(3), "Java"),
                                Titled(AtLille(4), "Cuisine")};
  IndexedEngine engine(docs);
  EXPECT_THAT(Courses(engine.Search(Query("java python rust"))), UnorderedElementsAre(1, 2));
  EXPECT_THAT(Courses(engine.Search(Query("java cobol fortran"))), ElementsAre(1, 3));
  EXPECT_EQ(engine.Search(Query("cobol fortran")).total, 0);
}

TEST(IndexedEngineRelaxation, RelaxesWhenTheCoursesWithEveryWordAreFilteredOut) {
  Document both = Titled(AtLille(1), "Soudeur cuisinier");
  both.family_id = "data";
  std::vector<Document> docs = {both, Titled(AtLille(2), "Soudeur"), Titled(AtLille(3), "Autre")};
  IndexedEngine engine(docs);
  SearchQuery q = Query("soudeur cuisinier");
  EXPECT_THAT(Courses(engine.Search(q)), ElementsAre(1));
  q.families = {"development"};
  EXPECT_THAT(Courses(engine.Search(q)), ElementsAre(2));
}

// ---- Ranking criteria, in order ----------------------------------------------------------------

// Each fixture gives the course that should lose the earlier start and the smaller id, so that
// only the criterion under test can put it first.
TEST(IndexedEngineRanking, FewerTyposBeatMoreWhateverTheField) {
  std::vector<Document> docs = {AtLille(1), AtLille(2), AtLille(3)};
  docs[0].professions = "devlopeur";  // two typos from "developpeur", best field
  docs[0].session_starts = {D("2027-01-20")};
  docs[1].title = "developeur";  // one typo
  docs[1].session_starts = {D("2027-02-20")};
  docs[2].body = "développeur";  // exact, in the body
  docs[2].session_starts = {D("2027-04-20")};
  IndexedEngine engine(docs);
  EXPECT_THAT(Courses(engine.Search(Query("développeur"))), ElementsAre(3, 2, 1));
}

TEST(IndexedEngineRanking, ProximityBeatsFields) {
  std::vector<Document> docs = {AtLille(1), AtLille(2), AtLille(3)};
  docs[0].professions = "analyste";  // professions + title: heavier, but apart
  docs[0].title = "Métiers du numérique : données";
  docs[1].title = "Analyste de données";  // side by side ("de" is a stop word)
  docs[1].session_starts = {D("2027-06-01")};
  docs[2].body = "analyste données";  // side by side but in the body only
  IndexedEngine engine(docs);
  SearchQuery q = Query("analyste données");
  q.explain = true;
  SearchResult r = engine.Search(q);
  ASSERT_THAT(Courses(r), ElementsAre(2, 1, 3));
  EXPECT_EQ(r.hits[0].explanation->proximity, 0);
  EXPECT_GT(r.hits[1].explanation->proximity, 0);
  EXPECT_GT(r.hits[1].explanation->field_weight, r.hits[0].explanation->field_weight);
}

TEST(IndexedEngineRanking, ProfessionsThenTitleThenOrganisationThenBody) {
  std::vector<Document> docs = {AtLille(1), AtLille(2), AtLille(3), AtLille(4)};
  docs[0].body = "java";
  docs[1].organisation = "Java";
  docs[2].title = "Java";
  docs[3].professions = "Java";
  for (int i = 0; i < 4; ++i) docs[i].session_starts = {kToday.AddDays(10 + i)};
  IndexedEngine engine(docs);
  SearchResult r = engine.Search(Query("java"));
  EXPECT_THAT(Courses(r), ElementsAre(4, 3, 2, 1));
  for (size_t i = 1; i < r.hits.size(); ++i) EXPECT_GT(r.hits[i - 1].score, r.hits[i].score);
}

TEST(IndexedEngineRanking, ExactBeatsStemAndPrefixButNotABetterField) {
  std::vector<Document> docs = {AtLille(1), AtLille(2), AtLille(3), AtLille(4)};
  docs[0].title = "formation";   // same stem as "formations"
  docs[1].title = "formations";  // exact
  docs[1].session_starts = {D("2027-09-01")};
  IndexedEngine engine(docs);
  EXPECT_THAT(Courses(engine.Search(Query("formations "))), ElementsAre(2, 1));

  std::vector<Document> data = {AtLille(1), AtLille(2), AtLille(3)};
  data[0].title = "Database";  // prefix of the word being typed
  data[1].title = "Data";      // exact
  data[1].session_starts = {D("2027-09-01")};
  data[2].professions = "Database";  // prefix, in a better field
  data[2].session_starts = {D("2027-10-01")};
  IndexedEngine by_prefix(data);
  EXPECT_THAT(Courses(by_prefix.Search(Query("data"))), ElementsAre(3, 2, 1));
}

TEST(IndexedEngineRanking, AnExtraExactMatchNeverRanksACourseLower) {
  // Both courses have "développeurs" in their title; the first also has "développeur", as typed,
  // in its body. Every criterion is at least as good for it, and it has one more exact word.
  std::vector<Document> docs = {AtLille(1), AtLille(2)};
  docs[0].title = "Développeurs";
  docs[1].title = "Développeurs";
  docs[1].body = "Devenez développeur.";
  docs[1].session_starts = {D("2027-09-01")};
  IndexedEngine engine(docs);
  SearchQuery q = Query("développeur ");
  q.explain = true;
  SearchResult r = engine.Search(q);
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].course_id, 2);
  // Its best field is the title, as for the other course.
  const Hit& richer = r.hits[0].course_id == 2 ? r.hits[0] : r.hits[1];
  EXPECT_EQ(richer.explanation->field_weight, 6);
  EXPECT_EQ(richer.explanation->exact_words, 1);
}

TEST(IndexedEngineRanking, OneTitleWordReachedByTwoQueryWordsIsSideBySide) {
  // "développeur" is both the first query word and a word the second ("dév", being typed)
  // begins: the narrowest window holding both is that one word, as close as words can be.
  std::vector<Document> docs = {Titled(AtLille(1), "Développeur"),
                                Titled(AtLille(2), "Développeur devops")};
  IndexedEngine engine(docs);
  SearchQuery q = Query("développeur dév");
  q.explain = true;
  SearchResult r = engine.Search(q);
  ASSERT_EQ(r.hits.size(), 2u);
  for (const Hit& h : r.hits) {
    ASSERT_TRUE(h.explanation.has_value());
    EXPECT_EQ(h.explanation->words_matched, 2);
    EXPECT_EQ(h.explanation->proximity, 0) << "course " << h.course_id;
  }
}

TEST(IndexedEngineRanking, TiesBreakByNextStartThenDistanceThenCourseThenCommune) {
  // Same text everywhere.
  auto same = [](Document d) { return Titled(std::move(d), "Technicien réseaux"); };
  // Next start: the later one has the smaller id.
  {
    std::vector<Document> docs = {same(AtLille(1)), same(AtLille(2))};
    docs[0].session_starts = {D("2027-05-01")};
    docs[1].session_starts = {D("2027-04-01")};
    IndexedEngine engine(docs);
    EXPECT_THAT(Courses(engine.Search(Query("technicien"))), ElementsAre(2, 1));
  }
  // Distance, around a commune: the farther one has the smaller id.
  {
    std::vector<Document> docs = {same(AtArras(1)), same(AtRoubaix(2))};
    IndexedEngine engine(docs);
    SearchQuery q = Query("technicien");
    q.place = Commune("59350", kLille);
    q.radius_km = 100;
    EXPECT_THAT(Courses(engine.Search(q)), ElementsAre(2, 1));
  }
  // Course id, then commune code.
  {
    std::vector<Document> docs = {same(AtRoubaix(2)), same(AtLille(2)), same(AtArras(1)),
                                  same(AtParis(3))};
    IndexedEngine engine(docs);
    EXPECT_THAT(Keys(engine.Search(Query("technicien"))),
                ElementsAre(Key{1, "62041"}, Key{2, "59350"}, Key{2, "59512"}, Key{3, "75056"}));
  }
}

TEST(IndexedEngineRanking, OtherSortsPutTheirCriterionFirst) {
  std::vector<Document> docs = {AtArras(1), AtRoubaix(2), AtLille(3)};
  docs[0].professions = "Technicien";  // best text, farthest, latest
  docs[0].session_starts = {D("2027-06-01")};
  docs[1].title = "Technicien";  // nearest but one, earliest
  docs[1].session_starts = {D("2027-02-01")};
  docs[2].body = "technicien";  // nearest, in between
  docs[2].session_starts = {D("2027-04-01")};
  IndexedEngine engine(docs);
  SearchQuery q = Query("technicien");
  q.place = Commune("59350", kLille);
  q.radius_km = 100;
  EXPECT_THAT(Courses(engine.Search(q)), ElementsAre(1, 2, 3));
  q.sort = SortOrder::kDistance;
  EXPECT_THAT(Courses(engine.Search(q)), ElementsAre(3, 2, 1));
  q.sort = SortOrder::kStart;
  EXPECT_THAT(Courses(engine.Search(q)), ElementsAre(2, 3, 1));
}

// ---- The word being typed ----------------------------------------------------------------------

TEST(IndexedEngineText, TheLastWordIsAPrefixEvenWhenItEndsWithAnAccent) {
  std::vector<Document> docs = {Titled(AtLille(1), "Télécommunications"),
                                Titled(AtLille(2), "Géomaticien")};
  IndexedEngine engine(docs);
  EXPECT_THAT(Courses(engine.Search(Query("tele"))), ElementsAre(1));
  EXPECT_THAT(Courses(engine.Search(Query("geo"))), ElementsAre(2));
  EXPECT_THAT(Courses(engine.Search(Query("télé"))), ElementsAre(1));
  EXPECT_THAT(Courses(engine.Search(Query("TÉLÉ"))), ElementsAre(1));
  EXPECT_THAT(Courses(engine.Search(Query("géo"))), ElementsAre(2));
  // Followed by a space, the word is complete.
  EXPECT_EQ(engine.Search(Query("tele ")).total, 0);
}

TEST(IndexedEngineText, OnlyTheLastWordIsAPrefix) {
  std::vector<Document> docs = {Titled(AtLille(1), "Développement web"),
                                Titled(AtLille(2), "Développement webdesign")};
  IndexedEngine engine(docs);
  EXPECT_THAT(Courses(engine.Search(Query("web développement"))), UnorderedElementsAre(1));
  EXPECT_THAT(Courses(engine.Search(Query("développement web"))), UnorderedElementsAre(1, 2));
}

TEST(IndexedEngine, IndexBytesFollowTheIndex) {
  IndexedEngine engine(Catalogue());
  size_t built = engine.IndexBytes();
  EXPECT_GT(built, 0u);
  std::vector<Document> many;
  for (int i = 0; i < 200; ++i) many.push_back(Titled(AtLille(9), "Soudeur " + std::to_string(i)));
  engine.Upsert(9, many);
  EXPECT_GT(engine.IndexBytes(), built);
}

}  // namespace
}  // namespace tremplin::search
