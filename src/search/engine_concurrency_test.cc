// Readers searching while writers upsert and remove courses: every search sees the index either
// before or after each change, never in between — a course's documents appear all together or
// not at all, with the same version — and concurrent writers lose nothing. Meant to be run under
// ThreadSanitizer too (the tsan preset).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "search/indexed_engine.h"

namespace tremplin::search {
namespace {

using core::Date;
using core::GeoPoint;

const Date kToday = *Date::Parse("2027-01-10");
constexpr GeoPoint kLille{50.6292, 3.0573};
constexpr GeoPoint kArras{50.2910, 2.7775};

constexpr int kRegularCourses = 300;  // one document each, updated but never removed
constexpr int64_t kFirstTwin = 100001;
constexpr int kTwins = 10;  // two documents each, always changed together
constexpr int64_t kBigCourse = 200000;
constexpr int kBigDocuments = 2100;  // past the recent segment's limit: a full rebuild

Document At(int64_t course, std::string commune, GeoPoint point, std::string department) {
  Document d;
  d.course_id = course;
  d.commune_code = std::move(commune);
  d.department_code = std::move(department);
  d.region_code = "32";
  d.point = point;
  return d;
}

// A regular course: its place and text change, its family and the word "stable" stay.
Document Regular(int64_t course, int version) {
  static const char* kWords[] = {"développeur", "réseaux", "données", "cloud", "design"};
  Document d = version % 2 ? At(course, "59350", kLille, "59") : At(course, "62041", kArras, "62");
  d.family_id = "regular";
  d.title = std::string(kWords[version % 5]) + " stable";
  d.body = "Version " + std::to_string(version);
  d.session_starts = {kToday.AddDays(version % 200)};
  return d;
}

// A twin course's two documents, carrying `version` as their next session.
std::vector<Document> Twins(int64_t course, int version) {
  std::vector<Document> docs = {At(course, "59350", kLille, "59"),
                                At(course, "62041", kArras, "62")};
  for (Document& d : docs) {
    d.family_id = "twin";
    d.title = "Jumeau";
    d.session_starts = {kToday.AddDays(1 + version % 300)};
  }
  return docs;
}

std::vector<Document> Big() {
  std::vector<Document> docs;
  for (int i = 0; i < kBigDocuments; ++i) {
    Document d = At(kBigCourse, "b" + std::to_string(i), kLille, "59");
    d.family_id = "big";
    d.title = "Grand programme";
    docs.push_back(d);
  }
  return docs;
}

SearchQuery Query(std::string text, std::vector<std::string> families = {}) {
  SearchQuery q;
  q.text = std::move(text);
  q.families = std::move(families);
  q.today = kToday;
  q.per_page = kMaxPerPage;
  return q;
}

// Problems seen by a thread, kept short.
class Problems {
 public:
  void Add(std::string what) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (list_.size() < 20) list_.push_back(std::move(what));
    ++count_;
  }
  std::string Report() const {
    std::string out = std::to_string(count_) + " problems:";
    for (const std::string& p : list_) out += "\n  " + p;
    return out;
  }
  int count() const { return count_; }

 private:
  std::mutex mutex_;
  std::vector<std::string> list_;
  int count_ = 0;
};

TEST(EngineConcurrency, ReadersAlwaysSeeWholeUpdates) {
  std::vector<Document> docs;
  for (int c = 1; c <= kRegularCourses; ++c) docs.push_back(Regular(c, 0));
  for (int t = 0; t < kTwins; ++t)
    for (Document& d : Twins(kFirstTwin + t, 0)) docs.push_back(d);
  IndexedEngine engine(docs);

  std::atomic<bool> stop{false};
  std::atomic<int> writes{0}, rebuilds{0};
  Problems problems;
  std::thread writer([&] {
    std::mt19937 rng(7);
    bool big = false;
    for (int i = 1; !stop.load(); ++i) {
      int64_t twin = kFirstTwin + static_cast<int64_t>(rng() % kTwins);
      if (rng() % 4 == 0)
        engine.Remove(twin);
      else
        engine.Upsert(twin, Twins(twin, i));
      int64_t regular = 1 + static_cast<int64_t>(rng() % kRegularCourses);
      engine.Upsert(regular, {Regular(regular, i)});
      if (i % 10 == 1) {  // the big course arrives first, then leaves and comes back
        if (big)
          engine.Remove(kBigCourse);
        else
          engine.Upsert(kBigCourse, Big());
        big = !big;
        rebuilds += big;
      }
      ++writes;
    }
  });

  struct Seen {
    int searches = 0, twins_present = 0, twins_absent = 0, big_present = 0, big_absent = 0;
  };
  std::vector<Seen> seen(3);
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&, r] {
      Seen& s = seen[r];
      std::mt19937 rng(100 + r);
      while (!stop.load()) {
        switch (rng() % 5) {
          case 0: {  // Twins by text: both documents, with the same next session, or none.
            SearchResult found = engine.Search(Query("jumeau"));
            std::map<int64_t, std::vector<const Hit*>> by_course;
            for (const Hit& h : found.hits) by_course[h.course_id].push_back(&h);
            if (found.total != static_cast<int>(found.hits.size()) ||
                found.nearby_total != found.total || found.remote_total != 0)
              problems.Add("twins: total " + std::to_string(found.total) + " for " +
                           std::to_string(found.hits.size()) + " hits");
            for (const auto& [course, hits] : by_course) {
              if (course < kFirstTwin || course >= kFirstTwin + kTwins)
                problems.Add("course " + std::to_string(course) + " found as a twin");
              if (hits.size() != 2 || hits[0]->next_start != hits[1]->next_start ||
                  hits[0]->commune_code == hits[1]->commune_code)
                problems.Add("twin " + std::to_string(course) + " seen half updated (" +
                             std::to_string(hits.size()) + " documents)");
            }
            (by_course.empty() ? s.twins_absent : s.twins_present)++;
            break;
          }
          case 1: {  // Twins by family: an even total, every one counted in the facet.
            SearchResult found = engine.Search(Query("", {"twin"}));
            int facet = 0;
            for (const FacetCount& c : found.facets["family"])
              if (c.value == "twin") facet = c.count;
            if (found.total % 2 != 0 || found.total < 0 || found.total > 2 * kTwins ||
                facet != found.total)
              problems.Add("twin family: total " + std::to_string(found.total) + ", facet " +
                           std::to_string(facet));
            break;
          }
          case 2: {  // The big course: all its documents or none.
            SearchResult found = engine.Search(Query("", {"big"}));
            if (found.total != 0 && found.total != kBigDocuments)
              problems.Add("big course with " + std::to_string(found.total) + " documents");
            (found.total == 0 ? s.big_absent : s.big_present)++;
            SearchResult text = engine.Search(Query("programme"));
            if (text.total != 0 && text.total != kBigDocuments)
              problems.Add("big course by text with " + std::to_string(text.total));
            break;
          }
          case 3: {  // Regular courses: always all of them, wherever they are now.
            SearchResult by_family = engine.Search(Query("", {"regular"}));
            SearchResult by_text = engine.Search(Query("stable"));
            if (by_family.total != kRegularCourses || by_text.total != kRegularCourses)
              problems.Add("regular courses: " + std::to_string(by_family.total) + " by family, " +
                           std::to_string(by_text.total) + " by text");
            break;
          }
          case 4: {  // Around a commune, widened, deep pages; the counts add up.
            SearchQuery q = Query(rng() % 2 ? "développeur" : "");
            q.place.kind = core::PlaceKind::kCommune;
            q.place.code = "59350";
            q.place.point = kLille;
            q.radius_km = 5;
            q.per_page = 10;
            q.page = 1 + static_cast<int>(rng() % 30);
            q.sort = static_cast<SortOrder>(rng() % 3);
            SearchResult found = engine.Search(q);
            int family = 0;
            for (const FacetCount& c : found.facets["family"]) family += c.count;
            if (found.total < 0 || found.total != found.nearby_total + found.remote_total ||
                found.hits.size() > 10 || family != found.total)
              problems.Add("around Lille: total " + std::to_string(found.total) +
                           ", family facet " + std::to_string(family));
            size_t count = engine.document_count();
            if (count < kRegularCourses || count > kRegularCourses + 2 * kTwins + kBigDocuments)
              problems.Add("document count " + std::to_string(count));
            if (engine.IndexBytes() == 0) problems.Add("no index bytes");
            break;
          }
        }
        ++s.searches;
      }
    });
  }

  // About 1.5 s, longer when the machine is slow (as under ThreadSanitizer), so that every
  // kind of change happens while the readers read.
  auto start = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  while (writes.load() < 25 && std::chrono::steady_clock::now() - start < std::chrono::seconds(20))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  stop = true;
  writer.join();
  for (std::thread& t : readers) t.join();

  EXPECT_EQ(problems.count(), 0) << problems.Report();
  int searches = 0;
  for (const Seen& s : seen) searches += s.searches;
  RecordProperty("writes", writes.load());
  RecordProperty("rebuilds", rebuilds.load());
  RecordProperty("searches", searches);
  // The run was long enough to mix reads with every kind of change.
  EXPECT_GE(writes.load(), 20);
  EXPECT_GE(rebuilds.load(), 1);
  Seen total;
  for (const Seen& s : seen) {
    EXPECT_GT(s.searches, 20);
    total.twins_present += s.twins_present;
    total.big_present += s.big_present;
    total.big_absent += s.big_absent;
  }
  EXPECT_GT(total.twins_present, 0);
  EXPECT_GT(total.big_present, 0);
  EXPECT_GT(total.big_absent, 0);
}

TEST(EngineConcurrency, ConcurrentWritersLoseNothing) {
  IndexedEngine engine(std::vector<Document>{});
  constexpr int kWriters = 3, kCoursesEach = 60;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int c = 0; c < kCoursesEach; ++c) {
        int64_t course = w * 1000 + c + 1;
        engine.Upsert(course, Twins(course, c));
        if (c % 3 == 0) engine.Remove(course);
      }
    });
  }
  // A reader alongside, as in production.
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    while (!stop.load()) {
      SearchResult r = engine.Search(Query("jumeau"));
      ASSERT_EQ(r.total % 2, 0);
    }
  });
  for (std::thread& t : writers) t.join();
  stop = true;
  reader.join();
  const int kept = kWriters * (kCoursesEach - kCoursesEach / 3);
  EXPECT_EQ(engine.document_count(), static_cast<size_t>(2 * kept));
  SearchQuery all = Query("", {"twin"});
  all.per_page = kMaxPerPage;
  EXPECT_EQ(engine.Search(all).total, 2 * kept);
  std::map<int64_t, int> documents;
  SearchQuery page = Query("", {"twin"});
  for (page.page = 1;; ++page.page) {
    SearchResult r = engine.Search(page);
    if (r.hits.empty()) break;
    for (const Hit& h : r.hits) ++documents[h.course_id];
  }
  for (int w = 0; w < kWriters; ++w) {
    for (int c = 0; c < kCoursesEach; ++c) {
      int64_t course = w * 1000 + c + 1;
      EXPECT_EQ(documents[course], c % 3 == 0 ? 0 : 2) << course;
    }
  }
}

}  // namespace
}  // namespace tremplin::search
