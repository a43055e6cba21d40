// Random catalogues and thousands of random queries. Without text, the production engine must
// answer exactly like the reference engine: totals, radius, every facet count and the page of
// hits in order. With text, it must find exactly the courses a brute force over the documented
// rule finds (each query word reaches a word of the course as typed, by stem, as the prefix being
// typed or within its typo allowance; every word required, or the most words any course has when
// none has them all). The same holds for an engine that received half its courses as updates.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>

#include "search/engine.h"
#include "search/indexed_engine.h"
#include "text/analyzer.h"
#include "text/fold.h"
#include "text/stop_words.h"
#include "text/utf8.h"
#include "text/words.h"

namespace tremplin::search {
namespace {

using core::Date;
using core::DeliveryMode;
using core::GeoPoint;

const Date kToday = *Date::Parse("2027-01-10");

// ---- Random catalogues -------------------------------------------------------------------------

struct Centre {
  GeoPoint point;
  const char* region;
  const char* departments[2];
};

constexpr Centre kCentres[] = {
    {{50.63, 3.06}, "32", {"59", "62"}},   // Lille
    {{45.76, 4.84}, "84", {"69", "01"}},   // Lyon
    {{43.60, 1.44}, "76", {"31", "82"}},   // Toulouse
    {{48.11, -1.68}, "53", {"35", "22"}},  // Rennes: west of Greenwich
    {{48.57, 7.75}, "44", {"67", "68"}},   // Strasbourg
};

const std::vector<std::string> kFamilies = {"development", "data",   "cybersecurity",
                                            "support",     "design", "network"};
const std::vector<std::string> kProfessions = {
    "web-developer", "data-analyst",  "soc-analyst",     "support-technician",  "ux-designer",
    "devops",        "network-admin", "cloud-architect", "fullstack-developer", "data-engineer"};
const std::vector<int> kLevels = {0, 3, 4, 5, 6, 7};
// Durations on and around the thresholds of the "max_months" facet (13, 26, 52, 104 weeks).
const std::vector<int> kDurations = {2, 8, 12, 13, 14, 26, 27, 40, 52, 53, 78, 104, 105, 130};

// A small French vocabulary: accents, plurals and feminine forms, words sharing stems or
// prefixes, and words a typo or two apart.
const std::vector<std::string> kVocabulary = {"développeur",
                                              "développeuse",
                                              "développeurs",
                                              "développement",
                                              "web",
                                              "webdesign",
                                              "mobile",
                                              "applications",
                                              "application",
                                              "données",
                                              "donnée",
                                              "analyste",
                                              "analystes",
                                              "analyse",
                                              "cybersécurité",
                                              "sécurité",
                                              "réseaux",
                                              "réseau",
                                              "technicien",
                                              "technicienne",
                                              "techniciens",
                                              "support",
                                              "assistance",
                                              "informatique",
                                              "numérique",
                                              "cloud",
                                              "design",
                                              "designer",
                                              "intégrateur",
                                              "intégratrice",
                                              "administrateur",
                                              "administratrice",
                                              "systèmes",
                                              "système",
                                              "python",
                                              "java",
                                              "javascript",
                                              "data",
                                              "database",
                                              "formation",
                                              "formations",
                                              "formateur",
                                              "télécommunications",
                                              "maintenance",
                                              "dépannage",
                                              "logiciel",
                                              "logiciels",
                                              "programmeur",
                                              "programmation",
                                              "intelligence",
                                              "artificielle",
                                              "projet",
                                              "gestion",
                                              "marketing",
                                              "digital",
                                              "référent",
                                              "inclusion",
                                              "école",
                                              "campus",
                                              "atelier",
                                              "médiateur",
                                              "médiation",
                                              "graphiste",
                                              "infographie",
                                              "devops",
                                              "linux"};
const std::vector<std::string> kFillers = {"et", "de", "la", "pour", "l'", "d'", "les", "à"};

struct Corpus {
  std::vector<Document> documents;
  std::vector<std::pair<std::string, GeoPoint>> communes;  // code, point
  std::map<std::string, std::string> commune_department;
  std::vector<std::string> regions, departments;
};

std::string Pick(std::mt19937& rng, const std::vector<std::string>& list) {
  return list[std::uniform_int_distribution<size_t>(0, list.size() - 1)(rng)];
}

std::string RandomText(std::mt19937& rng, int min_words, int max_words) {
  std::string text;
  int n = std::uniform_int_distribution<int>(min_words, max_words)(rng);
  for (int i = 0; i < n; ++i) {
    if (!text.empty() && text.back() != '\'') text += ' ';
    if (std::uniform_int_distribution<int>(0, 4)(rng) == 0) {
      std::string filler = Pick(rng, kFillers);
      text += filler;
      if (filler.back() != '\'') text += ' ';
    }
    std::string word = Pick(rng, kVocabulary);
    if (std::uniform_int_distribution<int>(0, 6)(rng) == 0)
      word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    text += word;
  }
  if (std::uniform_int_distribution<int>(0, 3)(rng) == 0) text += ".";
  return text;
}

Corpus MakeCorpus(uint32_t seed, int courses) {
  std::mt19937 rng(seed);
  Corpus corpus;
  for (const Centre& c : kCentres) {
    corpus.regions.push_back(c.region);
    for (const char* d : c.departments) corpus.departments.push_back(d);
    std::uniform_real_distribution<double> dlat(-0.7, 0.7), dlon(-1.0, 1.0);
    for (int i = 0; i < 12; ++i) {
      const char* department = c.departments[i % 2];
      char code[16];
      std::snprintf(code, sizeof code, "%s%03d", department, 100 + i);
      GeoPoint p{c.point.lat + dlat(rng), c.point.lon + dlon(rng)};
      if (i == 0) p = c.point;
      corpus.communes.emplace_back(code, p);
      corpus.commune_department[code] = department;
    }
  }
  auto chance = [&](int percent) {
    return std::uniform_int_distribution<int>(0, 99)(rng) < percent;
  };
  for (int id = 1; id <= courses; ++id) {
    Document base;
    base.course_id = id * 7;  // ids not in document order
    base.family_id = Pick(rng, kFamilies);
    int professions = std::uniform_int_distribution<int>(0, 3)(rng);
    std::set<std::string> chosen;
    while (static_cast<int>(chosen.size()) < professions) chosen.insert(Pick(rng, kProfessions));
    base.profession_ids.assign(chosen.begin(), chosen.end());
    std::shuffle(base.profession_ids.begin(), base.profession_ids.end(), rng);
    base.certification_level =
        kLevels[std::uniform_int_distribution<size_t>(0, kLevels.size() - 1)(rng)];
    base.duration_weeks =
        kDurations[std::uniform_int_distribution<size_t>(0, kDurations.size() - 1)(rng)];
    base.title = RandomText(rng, 1, 4);
    base.professions = RandomText(rng, 0, 3);
    base.organisation = RandomText(rng, 0, 2);
    base.body = chance(80) ? RandomText(rng, 2, 10) : "";
    bool remote = chance(15);
    base.mode = remote ? DeliveryMode::kRemote
                       : (chance(30) ? DeliveryMode::kBlended : DeliveryMode::kOnSite);
    std::vector<int> places;
    if (remote) {
      places = {-1};
    } else {
      int n = std::uniform_int_distribution<int>(1, 3)(rng);
      std::set<int> set;
      while (static_cast<int>(set.size()) < n)
        set.insert(std::uniform_int_distribution<int>(0, corpus.communes.size() - 1)(rng));
      places.assign(set.begin(), set.end());
    }
    for (int place : places) {
      Document d = base;
      if (place < 0) {
        d.remote = true;
      } else {
        const auto& [code, point] = corpus.communes[place];
        d.commune_code = code;
        d.department_code = corpus.commune_department[code];
        d.point = point;
        for (const Centre& c : kCentres)
          for (const char* dep : c.departments)
            if (d.department_code == dep) d.region_code = c.region;
      }
      int sessions = std::uniform_int_distribution<int>(0, 3)(rng);
      for (int s = 0; s < sessions; ++s)
        d.session_starts.push_back(
            kToday.AddDays(std::uniform_int_distribution<int>(-120, 300)(rng)));
      std::sort(d.session_starts.begin(), d.session_starts.end());
      corpus.documents.push_back(std::move(d));
    }
  }
  // Shuffled, so that DocIds follow no order of place or course.
  std::shuffle(corpus.documents.begin(), corpus.documents.end(), rng);
  return corpus;
}

// ---- Random queries ----------------------------------------------------------------------------

class QueryMaker {
 public:
  QueryMaker(const Corpus& corpus, uint32_t seed) : corpus_(corpus), rng_(seed) {}

  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(int percent) { return Uniform(0, 99) < percent; }

  // Place, radius, filters, sort and page; no text.
  SearchQuery Filters(int max_filters) {
    SearchQuery q;
    q.today = kToday;
    int place = Uniform(0, 99);
    if (place < 25) {
      // All of France.
    } else if (place < 40) {
      q.place.kind = core::PlaceKind::kRegion;
      q.place.code = Chance(90) ? Pick(rng_, corpus_.regions) : "99";
    } else if (place < 55) {
      q.place.kind = core::PlaceKind::kDepartment;
      q.place.code = Chance(90) ? Pick(rng_, corpus_.departments) : "2A";
    } else {
      q.place.kind = core::PlaceKind::kCommune;
      int where = Uniform(0, 99);
      if (where < 60) {
        const auto& [code, point] =
            corpus_.communes[Uniform(0, static_cast<int>(corpus_.communes.size()) - 1)];
        q.place.code = code;
        q.place.point = point;
      } else if (where < 90) {
        const Centre& c = kCentres[Uniform(0, std::size(kCentres) - 1)];
        q.place.code = "00000";
        q.place.point = GeoPoint{c.point.lat + Uniform(-150, 150) / 100.0,
                                 c.point.lon + Uniform(-200, 200) / 100.0};
      } else {
        q.place.code = "2A004";  // Ajaccio: far from everything
        q.place.point = GeoPoint{41.9192, 8.7386};
      }
    }
    static constexpr double kRadii[] = {0, 1, 5, 10, 20, 30, 50, 75, 100, 150, 200, 250};
    q.radius_km = Chance(70) ? kRadii[Uniform(0, std::size(kRadii) - 1)] : Uniform(0, 1200) / 10.0;
    q.widen_radius = Chance(80);
    int filters = Uniform(0, max_filters);
    std::vector<int> kinds = {0, 1, 2, 3, 4, 5, 6, 7};
    std::shuffle(kinds.begin(), kinds.end(), rng_);
    for (int f = 0; f < filters; ++f) {
      int values = Uniform(1, 2);
      for (int v = 0; v < values; ++v) {
        switch (kinds[f]) {
          case 0:
            q.families.push_back(Chance(90) ? Pick(rng_, kFamilies) : "unknown");
            break;
          case 1:
            q.professions.push_back(Chance(90) ? Pick(rng_, kProfessions) : "unknown");
            break;
          case 2:
            q.modes.push_back(static_cast<DeliveryMode>(Uniform(0, 2)));
            break;
          case 3:
            q.regions.push_back(Chance(90) ? Pick(rng_, corpus_.regions) : "99");
            break;
          case 4:
            q.departments.push_back(Chance(90) ? Pick(rng_, corpus_.departments) : "2B");
            break;
          case 5:
            q.levels.push_back(Chance(95) ? kLevels[Uniform(0, kLevels.size() - 1)] : 9);
            break;
          case 6:
            q.max_duration_weeks =
                Chance(50) ? kDurations[Uniform(0, kDurations.size() - 1)] : Uniform(0, 140);
            break;
          case 7:
            q.starts_after = kToday.AddDays(Uniform(-60, 320));
            break;
        }
      }
    }
    q.sort = static_cast<SortOrder>(Uniform(0, 2));
    static constexpr int kPerPage[] = {1, 3, 10, 20, 100};
    q.per_page = kPerPage[Uniform(0, std::size(kPerPage) - 1)];
    q.page = Chance(85) ? Uniform(1, 3) : Uniform(4, 60);
    return q;
  }

  // Free text of one to three words: as written, folded, upper-cased, with typos, plurals, a word
  // cut short while being typed, or a word no course has.
  std::string Text() {
    for (;;) {
      int n = Uniform(1, 3);
      std::string text;
      for (int i = 0; i < n; ++i) {
        bool last = i + 1 == n;
        std::string word = Pick(rng_, kVocabulary);
        std::string folded = text::Fold(word);
        int how = Uniform(0, 99);
        if (how < 30) {
          // As written.
        } else if (how < 40) {
          word = folded;
        } else if (how < 48) {
          word = text::Fold(word);
          for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        } else if (how < 68) {
          word = Typo(folded);
        } else if (how < 76) {
          word = folded.back() == 's' ? folded.substr(0, folded.size() - 1) : folded + "s";
        } else if (how < 90 && last) {
          word = folded.substr(0, Uniform(1, static_cast<int>(folded.size())));
        } else if (how < 95) {
          static const std::vector<std::string> kUnknown = {"cobol", "plombier", "zzz",
                                                            "boulangerie", "fortran"};
          word = Pick(rng_, kUnknown);
        }
        if (!text.empty()) text += Chance(10) ? ", " : " ";
        text += word;
      }
      if (Chance(25)) text += " ";
      // The last word must be one the analysis keeps, so that "the word being typed" is the
      // last query word; and must not end with an accented letter (a known defect, tested on
      // its own in indexed_engine_test).
      std::vector<std::string_view> words = text::Words(text);
      if (words.empty() || text::IsStopWord(text::Fold(words.back()))) continue;
      if (static_cast<unsigned char>(text.back()) >= 0x80) continue;
      if (text::Analyze(text).empty()) continue;
      return text;
    }
  }

 private:
  // One or two random edits of a folded word, anywhere (the first letter included).
  std::string Typo(std::string w) {
    int edits = Uniform(1, 2);
    for (int e = 0; e < edits && w.size() > 1; ++e) {
      size_t i = Uniform(0, static_cast<int>(w.size()) - 1);
      char letter = static_cast<char>('a' + Uniform(0, 25));
      switch (Uniform(0, 3)) {
        case 0:
          w.erase(i, 1);
          break;
        case 1:
          w.insert(i, 1, letter);
          break;
        case 2:
          w[i] = letter;
          break;
        case 3:
          if (i + 1 < w.size()) std::swap(w[i], w[i + 1]);
          break;
      }
    }
    return w;
  }

  const Corpus& corpus_;
  std::mt19937 rng_;
};

// ---- The brute-force text rule -----------------------------------------------------------------

int Osa(std::string_view a, std::string_view b) {
  constexpr size_t kMax = 40;
  if (a.size() >= kMax || b.size() >= kMax) return 99;
  int d[kMax][kMax];
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

// Typos from query word `q` to word `w` within the allowance (0 up to 4 characters, 1 up to 8,
// 2 from 9; an edit of the first letter costs 2 and leaves nothing else to change), or -1.
int OracleTypos(std::string_view q, std::string_view w) {
  size_t characters = text::CharacterCount(q);
  int allowed = characters <= 4 ? 0 : characters <= 8 ? 1 : 2;
  if (allowed == 0 || q.empty() || w.empty() || q == w) return -1;
  if (q[0] == w[0]) {
    int d = Osa(q, w);
    return d <= allowed ? d : -1;
  }
  if (allowed < 2) return -1;
  std::string_view rest = q.substr(1);
  bool one_edit = (w.size() == q.size() && w.substr(1) == rest) || w == rest ||
                  (w.size() == q.size() + 1 && w.substr(1) == q) ||
                  (q.size() >= 2 && w.size() == q.size() && w[0] == q[1] && w[1] == q[0] &&
                   w.substr(2) == q.substr(2));
  return one_edit ? 2 : -1;
}

struct QueryWord {
  std::string word, stem;
  bool prefix;
};

// The query words and which of them is being typed: the last, unless a space or a punctuation
// mark follows it.
std::vector<QueryWord> QueryWords(const std::string& text) {
  std::vector<QueryWord> out;
  for (const text::Term& t : text::Analyze(text)) out.push_back({t.word, t.stem, false});
  unsigned char last = text.empty() ? ' ' : static_cast<unsigned char>(text.back());
  if (!out.empty() && std::isalnum(last)) out.back().prefix = true;
  return out;
}

// How a query word reaches a word of a course, best first; nullopt when it does not.
enum class Kind { kExact, kStem, kPrefix, kTypo };
std::optional<std::pair<Kind, int>> Reach(const QueryWord& q, const std::string& word,
                                          const std::string& stem) {
  if (word == q.word) return std::pair{Kind::kExact, 0};
  if (stem == q.stem) return std::pair{Kind::kStem, 0};
  if (q.prefix && text::CharacterCount(q.word) >= 2 && word.starts_with(q.word))
    return std::pair{Kind::kPrefix, 0};
  if (int typos = OracleTypos(q.word, word); typos >= 0) return std::pair{Kind::kTypo, typos};
  return std::nullopt;
}

// The words of each course, by field, as the analysis gives them.
struct CourseWords {
  std::map<std::string, std::string> stems;             // word → stem
  std::map<std::string, std::set<std::string>> fields;  // word → fields holding it
};

std::map<int64_t, CourseWords> WordsOfCourses(const std::vector<Document>& docs) {
  std::map<int64_t, CourseWords> out;
  for (const Document& d : docs) {
    CourseWords& c = out[d.course_id];
    const std::pair<const std::string*, const char*> fields[] = {{&d.title, "title"},
                                                                 {&d.professions, "professions"},
                                                                 {&d.organisation, "organisation"},
                                                                 {&d.body, "body"}};
    for (const auto& [text, name] : fields) {
      for (const text::Term& t : text::Analyze(*text)) {
        c.stems[t.word] = t.stem;
        c.fields[t.word].insert(name);
      }
    }
  }
  return out;
}

// ---- Comparing answers -------------------------------------------------------------------------

using Key = std::pair<int64_t, std::string>;  // (course, commune): a document in any engine

std::string Describe(const SearchQuery& q) {
  std::string s = "text=\"" + q.text + "\" place=" + std::string(core::ToString(q.place.kind)) +
                  ":" + q.place.code;
  if (q.place.point)
    s += "@" + std::to_string(q.place.point->lat) + "," + std::to_string(q.place.point->lon);
  s += " radius=" + std::to_string(q.radius_km) + (q.widen_radius ? " widen" : "");
  auto list = [&](const char* name, const auto& values) {
    if (values.empty()) return;
    s += std::string(" ") + name + "=";
    for (const auto& v : values) {
      if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>)
        s += v + ",";
      else if constexpr (std::is_same_v<std::decay_t<decltype(v)>, DeliveryMode>)
        s += std::string(core::ToString(v)) + ",";
      else
        s += std::to_string(v) + ",";
    }
  };
  list("families", q.families);
  list("professions", q.professions);
  list("modes", q.modes);
  list("regions", q.regions);
  list("departments", q.departments);
  list("levels", q.levels);
  if (q.max_duration_weeks) s += " max_weeks=" + std::to_string(*q.max_duration_weeks);
  if (q.starts_after) s += " starts_after=" + q.starts_after->ToIso();
  s += " sort=" + std::string(ToString(q.sort)) + " page=" + std::to_string(q.page) + "x" +
       std::to_string(q.per_page);
  return s;
}

// Totals, radius, sort and every facet (values, counts and order).
::testing::AssertionResult SameCounts(const SearchResult& a, const SearchResult& e) {
  auto fail = [](const std::string& what, auto actual, auto expected) {
    return ::testing::AssertionFailure() << what << ": " << ::testing::PrintToString(actual)
                                         << " instead of " << ::testing::PrintToString(expected);
  };
  if (a.total != e.total) return fail("total", a.total, e.total);
  if (a.nearby_total != e.nearby_total) return fail("nearby_total", a.nearby_total, e.nearby_total);
  if (a.remote_total != e.remote_total) return fail("remote_total", a.remote_total, e.remote_total);
  if (a.radius_km != e.radius_km) return fail("radius_km", a.radius_km, e.radius_km);
  if (a.radius_widened != e.radius_widened)
    return fail("radius_widened", a.radius_widened, e.radius_widened);
  if (a.sort != e.sort) return fail("sort", ToString(a.sort), ToString(e.sort));
  if (a.facets.size() != e.facets.size()) return fail("facets", a.facets.size(), e.facets.size());
  for (const auto& [name, counts] : e.facets) {
    auto it = a.facets.find(name);
    if (it == a.facets.end()) return fail("facet " + name, "absent", "present");
    std::vector<std::pair<std::string, int>> x, y;
    for (const FacetCount& c : it->second) x.emplace_back(c.value, c.count);
    for (const FacetCount& c : counts) y.emplace_back(c.value, c.count);
    if (x != y) return fail("facet " + name, x, y);
  }
  return ::testing::AssertionSuccess();
}

// The page of hits, in order: same documents (by DocId when `same_ids`), places, distances
// and next starts.
::testing::AssertionResult SameHits(const SearchResult& a, const SearchResult& e, bool same_ids) {
  if (a.hits.size() != e.hits.size())
    return ::testing::AssertionFailure() << a.hits.size() << " hits instead of " << e.hits.size();
  for (size_t i = 0; i < a.hits.size(); ++i) {
    const Hit& x = a.hits[i];
    const Hit& y = e.hits[i];
    auto hit = [](const Hit& h) {
      return "doc " + std::to_string(h.doc) + " course " + std::to_string(h.course_id) + " at " +
             (h.remote ? "remote" : h.commune_code) +
             (h.next_start ? " start " + h.next_start->ToIso() : "") +
             (h.distance_km ? " " + std::to_string(*h.distance_km) + " km" : "");
    };
    bool same =
        x.course_id == y.course_id && x.commune_code == y.commune_code && x.remote == y.remote &&
        x.next_start == y.next_start && (!same_ids || x.doc == y.doc) &&
        x.distance_km.has_value() == y.distance_km.has_value() &&
        (!x.distance_km || std::abs(*x.distance_km - *y.distance_km) < 1e-9) && x.score == y.score;
    if (!same)
      return ::testing::AssertionFailure()
             << "hit " << i << ": " << hit(x) << " instead of " << hit(y);
  }
  return ::testing::AssertionSuccess();
}

// ---- The properties ----------------------------------------------------------------------------

class EnginePropertyTest : public ::testing::TestWithParam<uint32_t> {
 protected:
  void SetUp() override {
    corpus_ = MakeCorpus(GetParam(), 170);
    reference_ = MakeMemoryEngine(corpus_.documents);
    built_ = MakeSearchEngine(corpus_.documents);
    // Another engine gets 60 % of the courses at once and the rest one course at a time, with
    // a few courses first published wrong and then corrected or withdrawn, and some of the
    // first ones published again (their documents move from the main segment to the recent one).
    std::map<int64_t, std::vector<Document>> by_course;
    for (const Document& d : corpus_.documents) by_course[d.course_id].push_back(d);
    std::vector<Document> first;
    std::vector<int64_t> later, again;
    size_t i = 0;
    for (const auto& [course, docs] : by_course) {
      if (i++ % 5 < 3) {
        first.insert(first.end(), docs.begin(), docs.end());
        if (i % 4 == 0) again.push_back(course);
      } else {
        later.push_back(course);
      }
    }
    updated_ = std::make_unique<IndexedEngine>(first);
    for (int64_t course : again) updated_->Upsert(course, by_course[course]);
    std::mt19937 rng(GetParam() + 1);
    for (int64_t course : later) {
      if (rng() % 4 == 0) {
        std::vector<Document> wrong = by_course[course];
        for (Document& d : wrong) d.title = "Brouillon";
        updated_->Upsert(course, wrong);
      }
      updated_->Upsert(course, by_course[course]);
    }
    updated_->Upsert(999999, {by_course.begin()->second});  // published by mistake…
    updated_->Remove(999999);                               // …and withdrawn
    ASSERT_EQ(updated_->document_count(), corpus_.documents.size());
    ASSERT_EQ(built_->document_count(), corpus_.documents.size());
    course_words_ = WordsOfCourses(corpus_.documents);
    for (const auto& [course, cw] : course_words_)
      all_words_.insert(cw.stems.begin(), cw.stems.end());
  }

  Corpus corpus_;
  std::unique_ptr<SearchEngine> reference_, built_;
  std::unique_ptr<IndexedEngine> updated_;
  std::map<int64_t, CourseWords> course_words_;
  std::map<std::string, std::string> all_words_;  // every word of every course → its stem
};

INSTANTIATE_TEST_SUITE_P(Seeds, EnginePropertyTest, ::testing::Values(1u, 2027u, 424242u));

TEST_P(EnginePropertyTest, WithoutTextEveryEngineAnswersExactlyLikeTheReference) {
  QueryMaker maker(corpus_, GetParam() * 31 + 7);
  int failures = 0, nonempty = 0, widened = 0, deep = 0;
  for (int n = 0; n < 1200 && failures < 10; ++n) {
    SearchQuery q = maker.Filters(3);
    SearchResult expected = reference_->Search(q);
    nonempty += expected.total > 0;
    widened += expected.radius_widened;
    deep += expected.hits.empty() && expected.total > 0;
    for (const auto& [name, engine] :
         {std::pair<const char*, const SearchEngine*>{"built", built_.get()},
          {"updated", updated_.get()}}) {
      SearchResult actual = engine->Search(q);
      ::testing::AssertionResult counts = SameCounts(actual, expected);
      ::testing::AssertionResult hits = SameHits(actual, expected, engine == built_.get());
      if (!counts || !hits) {
        ++failures;
        ADD_FAILURE() << name << " engine, query #" << n << " " << Describe(q) << "\n  "
                      << (counts ? "" : counts.message()) << (hits ? "" : hits.message());
      }
    }
  }
  // The random queries reach all kinds of answers.
  EXPECT_GT(nonempty, 600);
  EXPECT_GT(widened, 20);
  EXPECT_GT(deep, 20);
}

// Ranking keys as the explanation states them, compared in the order of the sort.
std::tuple<int, int, int, int, int> TextKey(const Explanation& e) {
  return {-e.words_matched, e.typos, e.proximity, -e.field_weight, -e.exact_words};
}

TEST_P(EnginePropertyTest, WithTextEveryEngineFindsWhatTheDocumentedRuleFinds) {
  QueryMaker maker(corpus_, GetParam() * 17 + 3);
  // Documents without text, to let the reference engine count filters, place and facets over
  // exactly the documents the text rule selects.
  std::vector<Document> textless = corpus_.documents;
  for (Document& d : textless) d.title = d.professions = d.organisation = d.body = "";
  int failures = 0, relaxed = 0, found = 0, typos = 0, prefixes = 0;
  for (int n = 0; n < 800 && failures < 10; ++n) {
    SearchQuery q = maker.Filters(2);
    q.text = maker.Text();
    q.per_page = kMaxPerPage;
    q.page = 1;
    q.explain = true;
    std::vector<QueryWord> words = QueryWords(q.text);
    ASSERT_FALSE(words.empty()) << q.text;

    // Query words each course reaches, then the most words any course passing the rest has.
    std::vector<std::set<std::string>> reachable(words.size());
    for (size_t t = 0; t < words.size(); ++t)
      for (const auto& [word, stem] : all_words_)
        if (Reach(words[t], word, stem)) reachable[t].insert(word);
    std::map<int64_t, int> reached;
    for (const auto& [course, cw] : course_words_) {
      int count = 0;
      for (size_t t = 0; t < words.size(); ++t)
        count += std::any_of(cw.stems.begin(), cw.stems.end(),
                             [&](const auto& ws) { return reachable[t].count(ws.first) > 0; });
      reached[course] = count;
    }
    SearchQuery no_text = q;
    no_text.text.clear();
    no_text.explain = false;
    no_text.per_page = 1 << 20;  // every expected document, to compare with the page
    SearchResult expected;
    std::set<Key> expected_keys;
    int level = static_cast<int>(words.size());
    for (; level >= 1; --level) {
      std::vector<Document> subset;
      for (const Document& d : textless)
        if (reached[d.course_id] >= level) subset.push_back(d);
      expected = MakeMemoryEngine(subset)->Search(no_text);
      expected_keys.clear();
      for (const Hit& h : expected.hits) expected_keys.insert({h.course_id, h.commune_code});
      if (expected.total > 0 || level == 1) break;
    }
    relaxed += level < static_cast<int>(words.size()) && expected.total > 0;
    found += expected.total > 0;

    for (const auto& [name, engine] :
         {std::pair<const char*, const SearchEngine*>{"built", built_.get()},
          {"updated", updated_.get()}}) {
      SearchResult actual = engine->Search(q);
      std::string why;
      if (::testing::AssertionResult counts = SameCounts(actual, expected); !counts)
        why += counts.message();
      // The same documents (all of them when they fit on the page).
      std::set<Key> actual_keys;
      for (const Hit& h : actual.hits) actual_keys.insert({h.course_id, h.commune_code});
      if (actual.hits.size() != std::min<size_t>(expected.total, kMaxPerPage))
        why += " " + std::to_string(actual.hits.size()) + " hits for a total of " +
               std::to_string(expected.total) + ";";
      for (const Key& k : actual_keys)
        if (!expected_keys.count(k))
          why += " unexpected course " + std::to_string(k.first) + " at " + k.second + ";";
      if (expected.total <= kMaxPerPage)
        for (const Key& k : expected_keys)
          if (!actual_keys.count(k))
            why += " missing course " + std::to_string(k.first) + " at " + k.second + ";";
      // Nearby first, then remote; each hit explained in words the rule accepts; the order
      // follows the explanation.
      for (size_t i = 0; i < actual.hits.size(); ++i) {
        const Hit& h = actual.hits[i];
        if (i > 0 && actual.hits[i - 1].remote && !h.remote) why += " nearby after remote;";
        if (!h.explanation) {
          why += " no explanation;";
          continue;
        }
        const Explanation& e = *h.explanation;
        if (e.words_in_query != static_cast<int>(words.size()) || e.words_matched != level)
          why += " course " + std::to_string(h.course_id) + " explained with " +
                 std::to_string(e.words_matched) + "/" + std::to_string(e.words_in_query) +
                 " words;";
        if (e.terms.size() != words.size()) {
          why += " terms;";
          continue;
        }
        const CourseWords& cw = course_words_.at(h.course_id);
        for (size_t t = 0; t < words.size(); ++t) {
          const Explanation::TermMatch& m = e.terms[t];
          if (m.query_word != words[t].word) why += " query word " + m.query_word + ";";
          if (m.matched_word.empty()) continue;
          auto stem = cw.stems.find(m.matched_word);
          auto how =
              stem == cw.stems.end() ? std::nullopt : Reach(words[t], m.matched_word, stem->second);
          static constexpr const char* kKinds[] = {"exact", "stem", "prefix", "typo"};
          if (!how || kKinds[static_cast<int>(how->first)] != m.kind || how->second != m.typos ||
              !cw.fields.at(m.matched_word).count(m.field))
            why += " \"" + words[t].word + "\" explained as reaching \"" + m.matched_word + "\" (" +
                   m.kind + ", " + std::to_string(m.typos) + " typos, " + m.field + ") in course " +
                   std::to_string(h.course_id) + ";";
          typos += m.kind == "typo";
          prefixes += m.kind == "prefix";
        }
        if (i > 0 && actual.hits[i - 1].remote == h.remote && actual.hits[i - 1].explanation &&
            actual.sort == SortOrder::kRelevance &&
            TextKey(*actual.hits[i - 1].explanation) > TextKey(e))
          why += " hit " + std::to_string(i) + " ranks above a better text match;";
      }
      if (!why.empty()) {
        ++failures;
        ADD_FAILURE() << name << " engine, query #" << n << " " << Describe(q) << " (words "
                      << level << "/" << words.size() << ")\n " << why;
      }
    }
  }
  EXPECT_GT(found, 300);
  EXPECT_GT(relaxed, 30);
  EXPECT_GT(typos, 50);
  EXPECT_GT(prefixes, 50);
}

}  // namespace
}  // namespace tremplin::search
