// One index segment: documents in place order (region, department, commune, remote last) so that
// every area is a contiguous run, packed attributes, postings over course texts, the sessions of
// each document, communes within a radius, and the documents exported again for a merge.
#include "search/segment.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <random>
#include <set>
#include <string>
#include <tuple>

#include "text/analyzer.h"

namespace tremplin::search {
namespace {

using core::Date;
using core::GeoPoint;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

Date D(const char* iso) { return *Date::Parse(iso); }
int32_t Day(const char* iso) { return static_cast<int32_t>(D(iso).DaysSinceEpoch()); }

Document At(int64_t course, std::string commune, std::string department, std::string region,
            GeoPoint point) {
  Document d;
  d.course_id = course;
  d.commune_code = std::move(commune);
  d.department_code = std::move(department);
  d.region_code = std::move(region);
  d.point = point;
  d.title = "Cours " + std::to_string(course);
  return d;
}

Document Remote(int64_t course) {
  Document d;
  d.course_id = course;
  d.remote = true;
  d.mode = core::DeliveryMode::kRemote;
  d.title = "Cours " + std::to_string(course);
  return d;
}

std::shared_ptr<const Segment> Build(const std::vector<Document>& docs,
                                     std::vector<DocId> ids = {}) {
  std::vector<const Document*> pointers;
  for (const Document& d : docs) pointers.push_back(&d);
  if (ids.empty())
    for (DocId i = 0; i < docs.size(); ++i) ids.push_back(i);
  return Segment::Build(pointers, ids);
}

constexpr GeoPoint kLille{50.6292, 3.0573};
constexpr GeoPoint kRoubaix{50.6942, 3.1746};
constexpr GeoPoint kArras{50.2910, 2.7775};
constexpr GeoPoint kParis{48.8566, 2.3522};
constexpr GeoPoint kLyon{45.7640, 4.8357};

// Documents given out of place order, with their external ids 100, 101, …
std::vector<Document> Scrambled() {
  return {
      At(7, "69123", "69", "84", kLyon),     // 100
      Remote(3),                             // 101
      At(1, "59350", "59", "32", kLille),    // 102
      At(2, "75056", "75", "11", kParis),    // 103
      At(3, "62041", "62", "32", kArras),    // 104
      At(1, "59512", "59", "32", kRoubaix),  // 105
      Remote(9),                             // 106
      At(4, "59350", "59", "32", kLille),    // 107
      At(5, "75056", "75", "11", kParis),    // 108
  };
}

using Key = std::pair<int64_t, std::string>;  // (course, commune)

std::vector<DocId> Ids(size_t n, DocId first) {
  std::vector<DocId> ids;
  for (size_t i = 0; i < n; ++i) ids.push_back(first + static_cast<DocId>(i));
  return ids;
}

TEST(Segment, LaysDocumentsOutByRegionDepartmentCommuneThenCourseWithRemoteLast) {
  std::vector<Document> docs = Scrambled();
  auto s = Build(docs, Ids(docs.size(), 100));
  ASSERT_EQ(s->size(), docs.size());
  // Regions "11" < "32" < "84"; in "32": department "59" (Lille 59350 then Roubaix 59512), "62".
  EXPECT_THAT(s->external, ElementsAre(103, 108, 102, 107, 105, 104, 100, 101, 106));
  EXPECT_EQ(s->remote_begin, 7u);
  for (uint32_t i = 0; i < s->size(); ++i) {
    const Document& d = docs[s->external[i] - 100];
    const DocRecord& r = s->records[i];
    EXPECT_EQ(s->course_ids[r.course], d.course_id) << i;
    EXPECT_EQ(r.remote() != 0, d.remote) << i;
    if (d.remote) {
      EXPECT_EQ(r.commune, kNoCommune);
      EXPECT_EQ(r.region, kNoValue);
      EXPECT_EQ(r.department, kNoValue);
    } else {
      EXPECT_EQ(s->commune_codes[r.commune], d.commune_code) << i;
      EXPECT_EQ(s->regions.value(r.region), d.region_code) << i;
      EXPECT_EQ(s->departments.value(r.department), d.department_code) << i;
    }
  }
}

TEST(Segment, EveryCommuneDepartmentAndRegionIsOneRun) {
  std::vector<Document> docs = Scrambled();
  auto s = Build(docs, Ids(docs.size(), 100));
  ASSERT_EQ(s->commune_codes.size(), 5u);
  EXPECT_THAT(s->commune_codes, ElementsAre("75056", "59350", "59512", "62041", "69123"));
  ASSERT_EQ(s->commune_offsets.size(), s->commune_codes.size() + 1);
  EXPECT_THAT(s->commune_offsets, ElementsAre(0, 2, 4, 5, 6, 7));
  EXPECT_NEAR(s->commune_points[1].lat, kLille.lat, 1e-12);
  ASSERT_EQ(s->regions.size(), 3u);
  ASSERT_EQ(s->region_offsets.size(), 4u);
  ASSERT_EQ(s->departments.size(), 4u);
  ASSERT_EQ(s->department_offsets.size(), 5u);
  // Each run holds exactly the documents of that area.
  for (uint8_t id = 0; id < s->regions.size(); ++id)
    for (uint32_t i = 0; i < s->remote_begin; ++i)
      EXPECT_EQ(s->records[i].region == id,
                i >= s->region_offsets[id] && i < s->region_offsets[id + 1])
          << s->regions.value(id) << " " << i;
  for (uint8_t id = 0; id < s->departments.size(); ++id)
    for (uint32_t i = 0; i < s->remote_begin; ++i)
      EXPECT_EQ(s->records[i].department == id,
                i >= s->department_offsets[id] && i < s->department_offsets[id + 1])
          << s->departments.value(id) << " " << i;
  for (uint16_t c = 0; c < s->commune_codes.size(); ++c)
    for (uint32_t i = 0; i < s->remote_begin; ++i)
      EXPECT_EQ(s->records[i].commune == c,
                i >= s->commune_offsets[c] && i < s->commune_offsets[c + 1])
          << s->commune_codes[c] << " " << i;
  uint8_t region32 = s->regions.Find("32");
  ASSERT_NE(region32, kNoValue);
  EXPECT_EQ(s->region_offsets[region32 + 1] - s->region_offsets[region32], 4u);
  EXPECT_EQ(s->regions.Find("99"), ValueDictionary::kAbsent);
}

TEST(Segment, OnlyRemoteDocuments) {
  auto s = Build({Remote(1), Remote(2)});
  EXPECT_EQ(s->remote_begin, 0u);
  EXPECT_TRUE(s->commune_codes.empty());
  EXPECT_THAT(s->commune_offsets, ElementsAre(0));
  EXPECT_THAT(s->region_offsets, ElementsAre(0));
  EXPECT_TRUE(s->CommunesWithin(kLille, 200).empty());
}

TEST(Segment, EmptySegment) {
  auto s = Build({});
  EXPECT_EQ(s->size(), 0u);
  EXPECT_EQ(s->remote_begin, 0u);
  EXPECT_EQ(s->vocabulary.size(), 0u);
  EXPECT_TRUE(s->CommunesWithin(kLille, 50).empty());
}

TEST(Segment, PacksAttributes) {
  Document d = At(1, "59350", "59", "32", kLille);
  d.family_id = "data";
  d.profession_ids = {"data-analyst", "data-engineer"};
  d.mode = core::DeliveryMode::kBlended;
  d.certification_level = 6;
  d.duration_weeks = 40;
  Document e = At(2, "59350", "59", "32", kLille);
  e.family_id = "development";
  e.profession_ids = {"data-engineer"};
  auto s = Build({d, e});
  const DocRecord& r = s->records[0];
  EXPECT_EQ(s->families.value(r.family), "data");
  std::span<const uint16_t> professions = s->CourseProfessions(r.course);
  ASSERT_EQ(professions.size(), 2u);
  EXPECT_EQ(s->professions.value(professions[0]), "data-analyst");
  EXPECT_EQ(s->professions.value(professions[1]), "data-engineer");
  EXPECT_EQ(r.mode(), static_cast<uint8_t>(core::DeliveryMode::kBlended));
  EXPECT_EQ(r.level, 6);
  EXPECT_EQ(r.weeks, 40);
  // Values are shared between documents.
  std::span<const uint16_t> other = s->CourseProfessions(s->records[1].course);
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0], professions[1]);
  EXPECT_EQ(s->professions.size(), 2u);
}

TEST(ValueDictionary, NumbersValuesInOrderOfAppearanceUntilTheIdsRunOut) {
  ValueDictionary dictionary;
  EXPECT_EQ(dictionary.Add("b"), 0);
  EXPECT_EQ(dictionary.Add("a"), 1);
  EXPECT_EQ(dictionary.Add("b"), 0);
  EXPECT_EQ(dictionary.Find("a"), 1);
  EXPECT_EQ(dictionary.Find("c"), ValueDictionary::kAbsent);
  // Every id below kAbsent is a value; later values get kAbsent.
  for (int i = 0; i < 70000; ++i) dictionary.Add("v" + std::to_string(i));
  EXPECT_EQ(dictionary.size(), size_t{ValueDictionary::kAbsent});
  EXPECT_EQ(dictionary.Find("v65532"), ValueDictionary::kAbsent - 1);
  EXPECT_EQ(dictionary.value(ValueDictionary::kAbsent - 1), "v65532");
  EXPECT_EQ(dictionary.Find("v65533"), ValueDictionary::kAbsent);
  EXPECT_EQ(dictionary.Add("v69999"), ValueDictionary::kAbsent);
}

TEST(Segment, ListsEachCourseOnceWithItsDocuments) {
  std::vector<Document> docs = Scrambled();
  auto s = Build(docs, Ids(docs.size(), 100));
  EXPECT_EQ(s->course_ids.size(), 7u);
  ASSERT_EQ(s->course_doc_offsets.size(), 8u);
  ASSERT_EQ(s->sequence_offsets.size(), 8u);
  // Courses in id order, each with its documents by commune code (remote: no code, first).
  EXPECT_TRUE(std::is_sorted(s->course_ids.begin(), s->course_ids.end()));
  EXPECT_EQ(s->FindCourse(12345), -1);
  for (uint32_t c = 0; c < s->course_ids.size(); ++c) {
    EXPECT_EQ(s->FindCourse(s->course_ids[c]), c);
    std::vector<std::string> codes;
    for (uint32_t k = s->course_doc_offsets[c]; k < s->course_doc_offsets[c + 1]; ++k) {
      const DocRecord& r = s->records[s->course_docs[k]];
      codes.push_back(r.remote() ? "" : s->commune_codes[r.commune]);
    }
    EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end())) << s->course_ids[c];
    std::set<uint32_t> expected;
    for (uint32_t i = 0; i < s->size(); ++i)
      if (s->records[i].course == c) expected.insert(i);
    std::set<uint32_t> listed(s->course_docs.begin() + s->course_doc_offsets[c],
                              s->course_docs.begin() + s->course_doc_offsets[c + 1]);
    EXPECT_EQ(listed, expected) << s->course_ids[c];
    // The title "Cours N" is kept as the course's sequence of words.
    std::vector<std::string> words;
    for (uint32_t i = s->sequence_offsets[c]; i < s->sequence_offsets[c + 1]; ++i)
      words.push_back(s->vocabulary.word(s->sequences[i]));
    EXPECT_THAT(words, ElementsAre("cours", std::to_string(s->course_ids[c])));
  }
  // Course 1 is at Lille and Roubaix, course 3 at Arras and remote.
  ASSERT_GE(s->FindCourse(1), 0);
  ASSERT_GE(s->FindCourse(3), 0);
  EXPECT_EQ(s->course_doc_offsets[s->FindCourse(1) + 1] - s->course_doc_offsets[s->FindCourse(1)],
            2u);
  EXPECT_EQ(s->course_doc_offsets[s->FindCourse(3) + 1] - s->course_doc_offsets[s->FindCourse(3)],
            2u);
}

// The postings of word `w`: (course index, fields), in the order stored.
std::vector<std::pair<uint32_t, uint8_t>> Read(const Segment& s, WordId w) {
  std::vector<std::pair<uint32_t, uint8_t>> out;
  Segment::PostingReader reader = s.Postings(w);
  uint32_t course;
  uint8_t fields;
  while (reader.Next(course, fields)) out.emplace_back(course, fields);
  return out;
}

// Courses holding `word` according to the postings, with their field masks.
std::map<int64_t, uint8_t> Postings(const Segment& s, std::string_view word) {
  std::map<int64_t, uint8_t> out;
  int64_t id = s.vocabulary.Find(word);
  if (id < 0) return out;
  for (const auto& [course, fields] : Read(s, static_cast<WordId>(id))) {
    EXPECT_LT(course, s.course_ids.size()) << word;
    if (course < s.course_ids.size()) out[s.course_ids[course]] = fields;
  }
  return out;
}

constexpr uint8_t Bit(TextField f) { return static_cast<uint8_t>(1u << f); }

TEST(Segment, PostingsListCoursesInOrderWithTheirFields) {
  Document a = At(10, "59350", "59", "32", kLille);
  a.title = "Développeur web";
  a.professions = "Développeur · programmeur";
  a.organisation = "École du Web";
  a.body = "HTML, CSS et l'informatique.";
  Document a2 = a;  // the same course elsewhere: its text is counted once
  a2.commune_code = "59512";
  a2.point = kRoubaix;
  Document b = At(20, "62041", "62", "32", kArras);
  b.title = "Technicien informatique";
  b.body = "Développeurs en herbe";
  Document c = Remote(30);
  c.title = "Web design";
  auto s = Build({c, a2, b, a});
  ASSERT_EQ(s->posting_offsets.size(), s->vocabulary.size() + 1);
  ASSERT_EQ(s->postings.size(), s->posting_offsets.back());
  for (WordId w = 0; w < s->vocabulary.size(); ++w) {
    std::vector<std::pair<uint32_t, uint8_t>> postings = Read(*s, w);
    EXPECT_FALSE(postings.empty()) << s->vocabulary.word(w);
    for (size_t p = 1; p < postings.size(); ++p)
      EXPECT_LT(postings[p - 1].first, postings[p].first) << s->vocabulary.word(w);
    for (const auto& [course, fields] : postings) {
      EXPECT_NE(fields, 0) << s->vocabulary.word(w);
      EXPECT_EQ(fields & ~0x0F, 0) << s->vocabulary.word(w);
    }
  }
  EXPECT_EQ(Postings(*s, "developpeur"),
            (std::map<int64_t, uint8_t>{{10, Bit(kTitle) | Bit(kProfessions)}}));
  EXPECT_EQ(Postings(*s, "developpeurs"), (std::map<int64_t, uint8_t>{{20, Bit(kBody)}}));
  EXPECT_EQ(Postings(*s, "web"), (std::map<int64_t, uint8_t>{{10, Bit(kTitle) | Bit(kOrganisation)},
                                                             {30, Bit(kTitle)}}));
  EXPECT_EQ(Postings(*s, "informatique"),
            (std::map<int64_t, uint8_t>{{10, Bit(kBody)}, {20, Bit(kTitle)}}));
  EXPECT_EQ(Postings(*s, "ecole"), (std::map<int64_t, uint8_t>{{10, Bit(kOrganisation)}}));
  // Stop words and elisions are not indexed.
  EXPECT_EQ(s->vocabulary.Find("du"), -1);
  EXPECT_EQ(s->vocabulary.Find("et"), -1);
  EXPECT_EQ(s->vocabulary.Find("l"), -1);
  // The stems are those of the analysis.
  EXPECT_EQ(s->vocabulary.stem(s->vocabulary.Find("developpeurs")), "developpeur");
}

TEST(Segment, SequencesHoldProfessionsThenTitleWords) {
  Document a = At(10, "59350", "59", "32", kLille);
  a.title = "Développeur d'applications";
  a.professions = "Programmeur";
  a.body = "Ignoré";
  auto s = Build({a});
  ASSERT_EQ(s->sequence_offsets.size(), 2u);
  std::vector<std::string> words;
  for (uint32_t i = s->sequence_offsets[0]; i < s->sequence_offsets[1]; ++i)
    words.push_back(s->vocabulary.word(s->sequences[i]));
  EXPECT_THAT(words, ElementsAre("programmeur", "developpeur", "applications"));
}

TEST(Segment, PostingsAreTheSameWhenCoursesAreAnalysedInParallel) {
  // From 2048 courses the texts are analysed on several threads and the vocabularies merged.
  const char* kWords[] = {"reseau", "donnees", "web", "cloud", "securite", "java", "design"};
  std::vector<Document> docs;
  for (int c = 0; c < 3000; ++c) {
    Document d = At(c, "59350", "59", "32", kLille);
    d.title = std::string(kWords[c % 7]) + " " + kWords[(c / 7) % 7] + " n" + std::to_string(c);
    docs.push_back(d);
  }
  auto s = Build(docs);
  for (const char* w : kWords) {
    std::map<int64_t, uint8_t> postings = Postings(*s, w);
    std::map<int64_t, uint8_t> expected;
    for (const Document& d : docs)
      for (const text::Term& t : text::Analyze(d.title))
        if (t.word == w) expected[d.course_id] = Bit(kTitle);
    EXPECT_EQ(postings, expected) << w;
  }
  for (int c : {0, 1500, 2047, 2048, 2999})
    EXPECT_EQ(Postings(*s, "n" + std::to_string(c)),
              (std::map<int64_t, uint8_t>{{c, Bit(kTitle)}}));
  for (uint32_t c = 0; c < s->course_ids.size(); ++c) {
    std::vector<std::string> words;
    for (uint32_t i = s->sequence_offsets[c]; i < s->sequence_offsets[c + 1]; ++i)
      words.push_back(s->vocabulary.word(s->sequences[i]));
    std::vector<std::string> expected;
    for (const text::Term& t : text::Analyze(docs[s->course_ids[c]].title))
      expected.push_back(t.word);
    ASSERT_EQ(words, expected) << s->course_ids[c];
  }
}

TEST(Segment, NextStartIsTheFirstSessionOnOrAfterTheDay) {
  Document a = At(1, "59350", "59", "32", kLille);
  a.session_starts = {D("2027-01-10"), D("2027-03-01")};
  Document b = At(2, "59350", "59", "32", kLille);
  auto s = Build({a, b});
  ASSERT_EQ(s->external[0], 0u);
  EXPECT_EQ(s->NextStart(0, Day("2027-01-01")), Day("2027-01-10"));
  EXPECT_EQ(s->NextStart(0, Day("2027-01-10")), Day("2027-01-10"));
  EXPECT_EQ(s->NextStart(0, Day("2027-01-11")), Day("2027-03-01"));
  EXPECT_EQ(s->NextStart(0, Day("2027-03-01")), Day("2027-03-01"));
  EXPECT_EQ(s->NextStart(0, Day("2027-03-02")), INT32_MAX);
  EXPECT_EQ(s->NextStart(1, Day("2020-01-01")), INT32_MAX);  // no session
  EXPECT_THAT(s->start_offsets, ElementsAre(0, 2, 2));
}

// ---- Communes within a radius ------------------------------------------------------------------

constexpr double kKmPerDegreeOfLatitude = std::numbers::pi * core::kEarthRadiusKm / 180;

// A segment with one document in each of `points`, communes "c0", "c1", …
std::shared_ptr<const Segment> CommunesAt(const std::vector<GeoPoint>& points) {
  std::vector<Document> docs;
  for (size_t i = 0; i < points.size(); ++i) {
    char code[32];
    std::snprintf(code, sizeof code, "c%04zu", i);
    docs.push_back(At(static_cast<int64_t>(i), code, "00", "00", points[i]));
  }
  return Build(docs);
}

// What CommunesWithin should answer, by brute force: (code, distance), nearest first.
std::vector<std::pair<std::string, double>> BruteForce(const Segment& s, GeoPoint center,
                                                       double radius) {
  std::vector<std::pair<std::string, double>> out;
  for (size_t c = 0; c < s.commune_points.size(); ++c) {
    double d = core::DistanceKm(center, s.commune_points[c]);
    if (d <= radius) out.emplace_back(s.commune_codes[c], d);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  return out;
}

std::vector<std::pair<std::string, double>> Within(const Segment& s, GeoPoint center,
                                                   double radius) {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& [c, d] : s.CommunesWithin(center, radius))
    out.emplace_back(s.commune_codes[c], d);
  return out;
}

TEST(CommunesWithin, ExactDistancesNearestFirst) {
  auto s = CommunesAt({kParis, kLille, kRoubaix, kArras, kLyon});
  std::vector<std::pair<std::string, double>> found = Within(*s, kLille, 50);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].first, "c0001");
  EXPECT_EQ(found[0].second, 0);
  EXPECT_EQ(found[1].first, "c0002");
  EXPECT_DOUBLE_EQ(found[1].second, core::DistanceKm(kLille, kRoubaix));
  EXPECT_EQ(found[2].first, "c0003");
  EXPECT_DOUBLE_EQ(found[2].second, core::DistanceKm(kLille, kArras));
  EXPECT_EQ(Within(*s, kLille, 0).size(), 1u);
  EXPECT_EQ(Within(*s, kLille, 1000).size(), 5u);
}

TEST(CommunesWithin, TheBoundaryIsIncluded) {
  auto s = CommunesAt({kParis, kLille, kRoubaix, kArras, kLyon});
  double to_arras = core::DistanceKm(kLille, kArras);
  EXPECT_EQ(Within(*s, kLille, to_arras).size(), 3u);
  EXPECT_EQ(Within(*s, kLille, to_arras - 1e-6).size(), 2u);
}

// Many communes spread over France, so that the grid (not the scan of every commune) answers.
std::vector<GeoPoint> SpreadOverFrance(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> lat(42.5, 51), lon(-4.5, 8);
  std::vector<GeoPoint> points;
  for (size_t i = 0; i < n; ++i) points.push_back({lat(rng), lon(rng)});
  return points;
}

TEST(CommunesWithin, AgreesWithABruteForceEverywhere) {
  std::vector<GeoPoint> points = SpreadOverFrance(3000, 7);
  auto s = CommunesAt(points);
  ASSERT_GT(s->grid.size(), 300u);
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> radius(0, 200);
  std::uniform_int_distribution<size_t> pick(0, points.size() - 1);
  std::vector<GeoPoint> centers = SpreadOverFrance(150, 13);
  for (int i = 0; i < 150; ++i) centers.push_back(points[pick(rng)]);
  for (const GeoPoint& center : centers) {
    for (double r : {1.0, 5.0, 10.0, 30.0, radius(rng), 200.0}) {
      auto expected = BruteForce(*s, center, r);
      auto found = Within(*s, center, r);
      ASSERT_EQ(found.size(), expected.size()) << center.lat << "," << center.lon << " " << r;
      for (size_t k = 0; k < found.size(); ++k) {
        EXPECT_DOUBLE_EQ(found[k].second, expected[k].second);
        if (k > 0) {
          EXPECT_LE(found[k - 1].second, found[k].second);
        }
      }
    }
  }
}

TEST(CommunesWithin, ACommuneOnTheCircleIsFoundAcrossACellEdge) {
  // Communes on every 0.5° cell around, so that the grid answers; the one tested lies exactly
  // `radius` km north (then east) of the centre, just across a cell edge from it.
  std::vector<GeoPoint> points;
  for (double lat = 43; lat < 48; lat += 0.5)
    for (double lon = 1.25; lon < 8; lon += 0.5) points.push_back({lat + 0.25, lon});
  const double radius = 30;
  GeoPoint north{45.0, 5.1};  // on the edge between cell rows 89 and 90
  GeoPoint center{45.0 - radius / kKmPerDegreeOfLatitude, 5.1};
  points.push_back(north);
  auto s = CommunesAt(points);
  double exact = core::DistanceKm(center, north);
  ASSERT_NEAR(exact, radius, 1e-6);
  // Asking for exactly the distance, or a metre more: the commune is on or inside the circle.
  for (double r : {exact, exact + 0.001}) {
    auto expected = BruteForce(*s, center, r);
    auto found = Within(*s, center, r);
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(found, expected) << "radius " << r;
  }
  // East: the circle reaches slightly further in longitude than r / (km per degree · cos lat).
  GeoPoint west_center{44.75, 5.0};
  double km_per_degree_lon = kKmPerDegreeOfLatitude * std::cos(44.75 * std::numbers::pi / 180);
  GeoPoint east{44.75, 5.0 + radius / km_per_degree_lon};
  // Move the centre so that `east` sits exactly on the cell edge at 5.5°.
  double shift = 5.5 - east.lon;
  west_center.lon += shift;
  east.lon += shift;
  points.push_back(east);
  s = CommunesAt(points);
  double to_east = core::DistanceKm(west_center, east);
  auto expected = BruteForce(*s, west_center, to_east);
  auto found = Within(*s, west_center, to_east);
  EXPECT_EQ(found, expected) << "east, radius " << to_east;
}

// ---- Export ------------------------------------------------------------------------------------

Document Full(int64_t course, std::string commune, GeoPoint point) {
  Document d = At(course, std::move(commune), "59", "32", point);
  d.mode = core::DeliveryMode::kBlended;
  d.family_id = "data";
  d.profession_ids = {"data-analyst", "data-engineer", "data-scientist"};
  d.duration_weeks = 52;
  d.certification_level = 6;
  d.session_starts = {D("2027-01-10"), D("2027-03-01")};
  d.title = "Data analyst " + std::to_string(course);
  d.professions = "Analyste de données";
  d.organisation = "Campus";
  d.body = "SQL, Python.\nStatistiques.";
  return d;
}

// Attributes only: an export carries the text as the course's analysed words.
void ExpectSameAttributes(const Document& a, const Document& b) {
  EXPECT_EQ(a.course_id, b.course_id);
  EXPECT_EQ(a.commune_code, b.commune_code);
  EXPECT_EQ(a.department_code, b.department_code);
  EXPECT_EQ(a.region_code, b.region_code);
  EXPECT_EQ(a.point.has_value(), b.point.has_value());
  if (a.point && b.point) {
    EXPECT_EQ(a.point->lat, b.point->lat);
    EXPECT_EQ(a.point->lon, b.point->lon);
  }
  EXPECT_EQ(a.remote, b.remote);
  EXPECT_EQ(a.mode, b.mode);
  EXPECT_EQ(a.family_id, b.family_id);
  EXPECT_EQ(a.profession_ids, b.profession_ids);
  EXPECT_EQ(a.duration_weeks, b.duration_weeks);
  EXPECT_EQ(a.certification_level, b.certification_level);
  EXPECT_EQ(a.session_starts, b.session_starts);
}

// Word → fields of each course, read from the postings: the text as the segment holds it.
std::map<int64_t, std::map<std::string, uint8_t>> TextByCourse(const Segment& s) {
  std::map<int64_t, std::map<std::string, uint8_t>> out;
  for (WordId w = 0; w < s.vocabulary.size(); ++w)
    for (const auto& [course, fields] : Read(s, w))
      out[s.course_ids[course]][s.vocabulary.word(w)] = fields;
  return out;
}

std::map<int64_t, std::vector<std::string>> SequenceByCourse(const Segment& s) {
  std::map<int64_t, std::vector<std::string>> out;
  for (uint32_t c = 0; c < s.course_ids.size(); ++c)
    for (uint32_t i = s.sequence_offsets[c]; i < s.sequence_offsets[c + 1]; ++i)
      out[s.course_ids[c]].push_back(s.vocabulary.word(s.sequences[i]));
  return out;
}

std::vector<Document> ExportFixture() {
  std::vector<Document> docs = {Full(1, "59350", kLille), Full(2, "59512", kRoubaix),
                                Full(1, "59512", kRoubaix), Remote(3), Full(4, "59350", kLille)};
  docs[3].family_id = "development";
  docs[3].session_starts = {D("2027-02-01")};
  docs[3].body = "Cours en ligne";
  docs[4].profession_ids.clear();
  docs[4].certification_level = 0;
  docs[4].mode = core::DeliveryMode::kOnSite;
  docs[4].family_id.clear();
  return docs;
}

TEST(Segment, ExportGivesTheDocumentsBackWithTheirIdsAndTheirCoursesWords) {
  std::vector<Document> docs = ExportFixture();
  std::vector<DocId> ids = {40, 41, 42, 43, 44};
  auto s = Build(docs, ids);
  ExportedDocuments out = s->Export();
  ASSERT_EQ(out.documents.size(), docs.size());
  ASSERT_EQ(out.ids.size(), docs.size());
  ASSERT_EQ(out.course.size(), docs.size());
  ASSERT_EQ(out.terms.size(), 4u);
  ASSERT_EQ(out.course_ids.size(), out.terms.size());
  for (size_t i = 0; i < out.documents.size(); ++i) {
    SCOPED_TRACE(out.ids[i]);
    ASSERT_GE(out.ids[i], 40u);
    ASSERT_LT(out.ids[i], 45u);
    ExpectSameAttributes(out.documents[i], docs[out.ids[i] - 40]);
    ASSERT_LT(out.course[i], out.terms.size());
    EXPECT_EQ(out.course_ids[out.course[i]], out.documents[i].course_id);
    EXPECT_EQ(out.terms[out.course[i]].vocabulary, &s->vocabulary);
  }
  // A segment built again from the export holds the same documents, words and sequences.
  auto again = Segment::Build(out.Inputs());
  EXPECT_EQ(again->external, s->external);
  EXPECT_EQ(again->commune_codes, s->commune_codes);
  EXPECT_EQ(again->starts, s->starts);
  EXPECT_EQ(TextByCourse(*again), TextByCourse(*s));
  EXPECT_EQ(SequenceByCourse(*again), SequenceByCourse(*s));
  // And the same as a segment built from the original documents.
  EXPECT_EQ(TextByCourse(*again), TextByCourse(*Build(docs, ids)));
  EXPECT_EQ(TextByCourse(*s)[3],
            (std::map<std::string, uint8_t>{
                {"cours", Bit(kTitle) | Bit(kBody)}, {"3", Bit(kTitle)}, {"ligne", Bit(kBody)}}));
}

TEST(Segment, ExportSkipsDocumentsAndCoursesLeftWithoutOne) {
  std::vector<Document> docs = ExportFixture();
  auto s = Build(docs, {40, 41, 42, 43, 44});
  // Skip, by position in the segment, both documents of course 1 and the remote course 3.
  std::vector<bool> skip(s->size(), false);
  for (uint32_t i = 0; i < s->size(); ++i) {
    int64_t course = s->course_ids[s->records[i].course];
    skip[i] = course == 1 || course == 3;
  }
  ExportedDocuments some = s->Export(&skip);
  std::set<DocId> kept(some.ids.begin(), some.ids.end());
  EXPECT_EQ(kept, (std::set<DocId>{41, 44}));
  EXPECT_EQ(std::set<int64_t>(some.course_ids.begin(), some.course_ids.end()),
            (std::set<int64_t>{2, 4}));
  auto again = Segment::Build(some.Inputs());
  EXPECT_EQ(again->size(), 2u);
  EXPECT_EQ(again->vocabulary.Find("ligne"), -1);  // only course 3 had it
  std::map<int64_t, std::map<std::string, uint8_t>> text = TextByCourse(*s);
  text.erase(1);
  text.erase(3);
  EXPECT_EQ(TextByCourse(*again), text);
}

TEST(Segment, ExportKeepsEveryProfessionOfADocument) {
  // A course may name more professions than a record has slots for.
  Document d = Full(1, "59350", kLille);
  d.profession_ids = {"p1", "p2", "p3", "p4"};
  auto s = Build({d});
  ExportedDocuments out = s->Export();
  ASSERT_EQ(out.documents.size(), 1u);
  EXPECT_EQ(out.documents[0].profession_ids, d.profession_ids);
}

// The professions ForEachProfession gives for document `index`, by value.
std::vector<std::string> ProfessionsOf(const Segment& s, size_t index) {
  std::vector<std::string> out;
  s.ForEachProfession(s.records[index], [&](uint16_t p) { out.push_back(s.professions.value(p)); });
  return out;
}

TEST(Segment, EveryProfessionIsFoundWhetherKeptInTheRecordOrReadFromTheCourse) {
  Document four = At(1, "59350", "59", "32", kLille);
  four.profession_ids = {"p1", "p2", "p3", "p4"};
  Document five = At(2, "59350", "59", "32", kLille);
  five.profession_ids = {"p1", "p2", "p3", "p4", "p5"};
  auto s = Build({four, five});
  EXPECT_FALSE(s->records[0].professions_in_course());
  EXPECT_EQ(ProfessionsOf(*s, 0), four.profession_ids);
  EXPECT_TRUE(s->records[1].professions_in_course());
  EXPECT_EQ(ProfessionsOf(*s, 1), five.profession_ids);

  // Past 254 distinct professions, ids no longer fit in a byte: read from the course.
  std::vector<Document> many;
  for (int i = 0; i < 300; ++i) {
    Document d = At(10 + i, "59350", "59", "32", kLille);
    d.profession_ids = {"p" + std::to_string(i)};
    many.push_back(d);
  }
  auto t = Build(many);
  for (size_t i = 0; i < t->size(); ++i) {
    EXPECT_EQ(t->records[i].professions_in_course(), t->CourseProfessions(t->records[i].course)[0] >= 255);
    EXPECT_EQ(ProfessionsOf(*t, i), many[t->records[i].course].profession_ids);
  }
}

TEST(Segment, TotalsAndOrdersForSearchesWithoutTextOrFilter) {
  std::vector<Document> docs = Scrambled();
  const char* kStarts[] = {"2027-03-01", "2027-01-20", "", "2027-03-01", "2027-02-01",
                           "2027-05-01", "2027-03-01", "", "2026-12-01"};
  for (size_t i = 0; i < docs.size(); ++i) {
    docs[i].family_id = i % 2 ? "data" : "development";
    if (*kStarts[i]) docs[i].session_starts = {D(kStarts[i])};
  }
  docs[5].session_starts.push_back(D("2027-01-15"));
  std::sort(docs[5].session_starts.begin(), docs[5].session_starts.end());
  auto s = Build(docs, Ids(docs.size(), 100));
  EXPECT_EQ(s->totals[0].documents, 7);
  EXPECT_EQ(s->totals[1].documents, 2);
  int data_nearby = s->totals[0].family[s->families.Find("data")];
  int data_remote = s->totals[1].family[s->families.Find("data")];
  EXPECT_EQ(data_nearby + data_remote, 4);
  EXPECT_EQ(data_remote, 1);  // document 101 (remote course 3)
  EXPECT_EQ(s->totals[0].region[s->regions.Find("32")], 4);
  EXPECT_EQ(s->totals[1].region[s->regions.Find("32")], 0);
  // Documents course by course, by commune code: by course id, then commune code.
  std::vector<Key> by_course;
  for (uint32_t d : s->course_docs)
    by_course.emplace_back(s->course_ids[s->records[d].course],
                           s->records[d].remote() ? "" : s->commune_codes[s->records[d].commune]);
  EXPECT_TRUE(std::is_sorted(by_course.begin(), by_course.end()));
  EXPECT_EQ(by_course.size(), docs.size());
  // Sessions by start, then course and commune; each belongs to its document.
  ASSERT_EQ(s->sessions_by_start.size(), s->starts.size());
  std::vector<std::tuple<int32_t, int64_t, std::string>> sessions;
  for (uint32_t k : s->sessions_by_start) {
    uint32_t d = s->DocumentOfSession(k);
    ASSERT_LT(d, s->size());
    EXPECT_GE(k, s->start_offsets[d]);
    EXPECT_LT(k, s->start_offsets[d + 1]);
    sessions.emplace_back(s->starts[k], s->course_ids[s->records[d].course],
                          s->records[d].remote() ? "" : s->commune_codes[s->records[d].commune]);
  }
  EXPECT_TRUE(std::is_sorted(sessions.begin(), sessions.end()));
  EXPECT_EQ(sessions.size(), 8u);  // seven documents with one, one with two
}

TEST(Segment, IndexBytesGrowWithTheDocuments) {
  std::vector<Document> few = {Full(1, "59350", kLille)};
  std::vector<Document> many;
  for (int c = 0; c < 500; ++c) many.push_back(Full(c, "c" + std::to_string(c % 50), kLille));
  size_t small = Build(few)->IndexBytes();
  size_t large = Build(many)->IndexBytes();
  EXPECT_GT(small, 0u);
  EXPECT_GT(large, small + 500 * sizeof(DocRecord));
}

}  // namespace
}  // namespace tremplin::search
