// Tests of the benchmark's query set on a small synthetic geography: the same set for the same
// seed, the announced shares, every query a valid search, and the variety the benchmark needs.
#include "search/query_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/place.h"
#include "text/edit_distance.h"
#include "text/fold.h"
#include "text/stop_words.h"
#include "text/utf8.h"

namespace tremplin::search {
namespace {

core::Commune MakeCommune(std::string code, std::string name, std::string department,
                          std::string region, std::vector<std::string> postcodes, int population,
                          core::GeoPoint point) {
  core::Commune c;
  c.code = std::move(code);
  c.name = std::move(name);
  c.department_code = std::move(department);
  c.region_code = std::move(region);
  c.zone = "metro";
  c.postcodes = std::move(postcodes);
  c.population = population;
  c.point = point;
  return c;
}

// Two regions, three departments; two communes named Saint-Denis (a name that designates the
// more populous one only) and one commune without postcode.
core::Geography SmallGeography() {
  return core::Geography(
      {{"32", "Hauts-de-France"}, {"11", "Île-de-France"}},
      {{"59", "Nord", "32"}, {"62", "Pas-de-Calais", "32"}, {"93", "Seine-Saint-Denis", "11"}},
      {MakeCommune("59350", "Lille", "59", "32", {"59000", "59800"}, 236234, {50.6292, 3.0573}),
       MakeCommune("59512", "Roubaix", "59", "32", {"59100"}, 98828, {50.6942, 3.1746}),
       MakeCommune("62041", "Arras", "62", "32", {"62000"}, 41019, {50.2910, 2.7775}),
       MakeCommune("62193", "Calais", "62", "32", {}, 67544, {50.9513, 1.8587}),
       MakeCommune("93066", "Saint-Denis", "93", "11", {"93200"}, 113942, {48.9362, 2.3574}),
       MakeCommune("62758", "Saint-Denis", "62", "32", {"62990"}, 200, {50.4200, 1.8100})});
}

const std::vector<std::string> kCommunes = {"59350", "59512", "62041", "62193", "93066", "62758"};

class QuerySetTest : public ::testing::Test {
 protected:
  std::vector<BenchQuery> Make(uint64_t seed, size_t count) {
    return MakeBenchQueries(seed, today_, count, core::GenTaxonomy(), geo_, kCommunes);
  }

  static std::vector<std::string> Values(const BenchQuery& q, std::string_view name) {
    std::vector<std::string> out;
    for (const auto& [k, v] : q.params)
      if (k == name) out.push_back(v);
    return out;
  }

  core::Geography geo_ = SmallGeography();
  core::PlaceDirectory places_{geo_};
  core::Date today_ = core::Date::FromYmd(2026, 3, 16);
};

TEST_F(QuerySetTest, SameSeedGivesTheSameQueriesAndAnotherSeedOthers) {
  std::vector<BenchQuery> a = Make(1, 1000), b = Make(1, 1000), c = Make(2, 1000);
  ASSERT_EQ(a.size(), b.size());
  int differ = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].kind, b[i].kind);
    EXPECT_EQ(a[i].params, b[i].params);
    EXPECT_EQ(a[i].filter_only, b[i].filter_only);
    differ += a[i].params != c[i].params;
  }
  EXPECT_GT(differ, 900);
}

TEST_F(QuerySetTest, HasTheCountAskedAndEachKindItsShare) {
  std::vector<BenchQuery> queries = Make(7, 1000);
  ASSERT_EQ(queries.size(), 1000u);
  std::map<std::string, int> kinds;
  for (const BenchQuery& q : queries) ++kinds[q.kind];
  int percent = 0;
  for (const BenchQueryKind& k : kBenchQueryKinds) {
    EXPECT_EQ(kinds[std::string(k.name)], k.percent * 10) << k.name;
    percent += k.percent;
  }
  EXPECT_EQ(percent, 100);
  EXPECT_EQ(kinds.size(), std::size(kBenchQueryKinds));

  // Any count, shares rounded by largest remainders.
  EXPECT_EQ(Make(7, 1234).size(), 1234u);
  EXPECT_EQ(Make(7, 3).size(), 3u);
}

TEST_F(QuerySetTest, EveryQueryParsesWithoutErrorOrUnknownParameter) {
  for (const BenchQuery& q : Make(3, 2000)) {
    SearchParams parsed = ParseSearchParams(q.params, places_, core::GenTaxonomy(), today_);
    EXPECT_TRUE(parsed.errors.empty()) << ToQueryString(q.params) << ": " << parsed.errors[0].id;
    EXPECT_TRUE(parsed.unknown.empty()) << ToQueryString(q.params);
  }
}

TEST_F(QuerySetTest, FilterOnlyMeansNoTextAndIsAGoodShare) {
  int filter_only = 0;
  for (const BenchQuery& q : Make(4, 1000)) {
    EXPECT_EQ(q.filter_only, Values(q, "q").empty()) << ToQueryString(q.params);
    if (q.kind == "text" || q.kind == "text_typo") {
      EXPECT_FALSE(q.filter_only);
    }
    if (q.kind == "broad") {
      EXPECT_TRUE(Values(q, "where").empty());
      EXPECT_EQ(q.params.size(), Values(q, "sort").size()) << ToQueryString(q.params);
    }
    filter_only += q.filter_only;
  }
  EXPECT_GE(filter_only, 500);
  EXPECT_LE(filter_only, 700);
}

TEST_F(QuerySetTest, PlacesComeAtEveryLevelWithRadiiFromTenToAHundred) {
  std::map<std::string, int> levels;
  std::set<std::string> radii;
  for (const BenchQuery& q : Make(5, 1000)) {
    std::vector<std::string> where = Values(q, "where");
    std::string level = "none";
    if (!where.empty()) {
      const std::string& w = where[0];
      if (w.starts_with("dep:"))
        level = "department";
      else if (w.starts_with("reg:"))
        level = "region";
      else if (geo_.FindCommune(w))
        level = "insee_code";
      else if (!geo_.CommunesWithPostcode(w).empty())
        level = "postcode";
      else
        level = "name";
      core::Result<core::Place> place = places_.Parse(w);
      ASSERT_TRUE(place.ok()) << w;
      if (level == "name") {
        EXPECT_EQ(place->kind, core::PlaceKind::kCommune);
        EXPECT_NE(place->code, "62758") << "the small Saint-Denis cannot be named alone";
      }
    }
    ++levels[level];
    for (const std::string& r : Values(q, "radius_km")) {
      int km = std::stoi(r);
      EXPECT_GE(km, 10);
      EXPECT_LE(km, 100);
      radii.insert(r);
      EXPECT_TRUE(level == "insee_code" || level == "postcode" || level == "name") << level;
    }
  }
  for (const char* level : {"none", "insee_code", "postcode", "name", "department", "region"})
    EXPECT_GE(levels[level], 40) << level;
  EXPECT_GE(radii.size(), 8u);
}

TEST_F(QuerySetTest, FiltersSortsAndPagesAreVaried) {
  std::map<size_t, int> filter_counts;
  std::map<std::string, int> filters, sorts;
  int deep = 0, repeated = 0;
  const std::vector<std::string> kFilters = {"family",     "profession",   "mode",  "level",
                                             "max_months", "starts_after", "region"};
  for (const BenchQuery& q : Make(6, 1000)) {
    size_t n = 0;
    for (const std::string& f : kFilters) {
      std::vector<std::string> values = Values(q, f);
      n += !values.empty();
      filters[f] += !values.empty();
      repeated += values.size() > 1;
    }
    EXPECT_LE(n, 3u) << ToQueryString(q.params);
    ++filter_counts[n];
    std::vector<std::string> sort = Values(q, "sort");
    ++sorts[sort.empty() ? "default" : sort[0]];
    std::vector<std::string> page = Values(q, "page");
    if (q.kind == "deep_page") {
      ASSERT_EQ(page.size(), 1u);
      EXPECT_GE(std::stoi(page[0]), 5);
      EXPECT_LE(std::stoi(page[0]), 50);
      ++deep;
    } else {
      EXPECT_TRUE(page.empty());
    }
  }
  for (size_t n = 0; n <= 3; ++n) EXPECT_GE(filter_counts[n], 30) << n << " filters";
  for (const std::string& f : kFilters) EXPECT_GE(filters[f], 15) << f;
  for (const char* s : {"default", "relevance", "distance", "start"}) EXPECT_GE(sorts[s], 30) << s;
  EXPECT_EQ(deep, 80);
  EXPECT_GT(repeated, 20);  // OR within a filter
}

TEST_F(QuerySetTest, TextsHaveOneToThreeWordsWithAndWithoutAccentsAndTypos) {
  std::map<size_t, int> word_counts;
  int accented = 0, plain = 0, texts = 0;
  for (const BenchQuery& q : Make(8, 1000)) {
    std::vector<std::string> text = Values(q, "q");
    if (text.empty()) continue;
    ++texts;
    size_t words = 1 + std::count(text[0].begin(), text[0].end(), ' ');
    EXPECT_GE(words, 1u) << text[0];
    EXPECT_LE(words, 4u) << text[0];  // "à distance" counts two
    ++word_counts[std::min<size_t>(words, 3)];
    std::string folded = text::Fold(text[0]);
    std::string first = folded.substr(0, folded.find(' '));
    std::string last = folded.substr(folded.rfind(' ') + 1);
    EXPECT_FALSE(text::IsStopWord(first)) << text[0];
    EXPECT_FALSE(text::IsStopWord(last)) << text[0];
    bool has_accent = folded != text::LowerCase(text[0]);
    accented += has_accent;
    plain += !has_accent;
  }
  EXPECT_GE(texts, 380);
  for (size_t n = 1; n <= 3; ++n) EXPECT_GE(word_counts[n], 30) << n << " words";
  EXPECT_GE(accented, texts / 5);
  EXPECT_GE(plain, texts / 5);
}

TEST(WithTypo, MakesOneEditAfterTheFirstLetter) {
  core::Random rng(1);
  std::map<int, int> length_change;
  for (int i = 0; i < 400; ++i) {
    for (std::string_view word : {"developpeur", "réseaux", "données", "ciel"}) {
      std::string typo = WithTypo(word, rng);
      if (word == "ciel") {
        EXPECT_EQ(typo, "ciel");  // too short for a typo
        continue;
      }
      ASSERT_TRUE(text::IsValidUtf8(typo)) << typo;
      EXPECT_NE(typo, word);
      EXPECT_EQ(typo.substr(0, 1), word.substr(0, 1)) << typo;
      // One edit on characters: folded, accents count as one letter each.
      EXPECT_EQ(text::EditDistance(text::Fold(word), text::Fold(typo), 3), 1)
          << word << " " << typo;
      ++length_change[static_cast<int>(text::CharacterCount(typo)) -
                      static_cast<int>(text::CharacterCount(word))];
    }
  }
  EXPECT_GT(length_change[-1], 50);  // deletions
  EXPECT_GT(length_change[1], 50);   // insertions
  EXPECT_GT(length_change[0], 150);  // substitutions and swaps
}

TEST(ToQueryString, EncodesLikeAnHtmlForm) {
  EXPECT_EQ(ToQueryString({{"q", "développeur web"}, {"where", "dep:59"}, {"page", "2"}}),
            "q=d%C3%A9veloppeur+web&where=dep%3A59&page=2");
  EXPECT_EQ(ToQueryString({{"q", "c++ & c#"}}), "q=c%2B%2B+%26+c%23");
  EXPECT_EQ(ToQueryString({}), "");
}

TEST_F(QuerySetTest, NoKnownCommuneGivesNoQuery) {
  EXPECT_TRUE(MakeBenchQueries(1, today_, 1000, core::GenTaxonomy(), geo_, {"00000"}).empty());
}

}  // namespace
}  // namespace tremplin::search
