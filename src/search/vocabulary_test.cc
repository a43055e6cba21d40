// How a query word reaches the words of a segment's vocabulary: the same word, a word with the
// same stem, a word it begins (the last word, as typed), or a word within its typo allowance
// (none up to 4 characters, 1 from 5 to 8, 2 from 9; a typo on the first letter counts two).
#include "search/vocabulary.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "text/stem.h"

namespace tremplin::search {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

// How a word was reached: its kind and typos.
struct Reached {
  MatchKind kind;
  int typos;
  bool operator==(const Reached&) const = default;
};

void PrintTo(const Reached& r, std::ostream* os) { *os << ToString(r.kind) << "/" << r.typos; }

class VocabularyTest : public ::testing::Test {
 protected:
  // Adds folded `words` with their French stems, then prepares the lookups.
  void Build(std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) vocabulary_.Add(w, text::StemFrench(w));
    vocabulary_.Finish();
  }

  // Word → how `query` reached it.
  std::map<std::string, Reached> Expand(std::string_view query, bool as_prefix = false) const {
    std::map<std::string, Reached> out;
    for (const WordMatch& m : vocabulary_.Expand(query, text::StemFrench(query), as_prefix)) {
      bool added = out.emplace(vocabulary_.word(m.word), Reached{m.kind, m.typos}).second;
      EXPECT_TRUE(added) << "\"" << vocabulary_.word(m.word) << "\" listed twice for " << query;
    }
    return out;
  }

  // The words `query` reaches, whatever the way.
  std::set<std::string> Words(std::string_view query, bool as_prefix = false) const {
    std::set<std::string> out;
    for (const auto& [word, reached] : Expand(query, as_prefix)) out.insert(word);
    return out;
  }

  Vocabulary vocabulary_;
};

const Reached kExact{MatchKind::kExact, 0};
const Reached kStem{MatchKind::kStem, 0};
const Reached kPrefix{MatchKind::kPrefix, 0};
Reached Typo(int n) { return {MatchKind::kTypo, n}; }

TEST(AllowedTypos, NoneUpToFourCharactersOneUpToEightTwoFromNine) {
  EXPECT_EQ(AllowedTypos(0), 0);
  EXPECT_EQ(AllowedTypos(1), 0);
  EXPECT_EQ(AllowedTypos(4), 0);
  EXPECT_EQ(AllowedTypos(5), 1);
  EXPECT_EQ(AllowedTypos(8), 1);
  EXPECT_EQ(AllowedTypos(9), 2);
  EXPECT_EQ(AllowedTypos(30), 2);
}

TEST(MatchKind, Names) {
  EXPECT_EQ(ToString(MatchKind::kExact), "exact");
  EXPECT_EQ(ToString(MatchKind::kStem), "stem");
  EXPECT_EQ(ToString(MatchKind::kPrefix), "prefix");
  EXPECT_EQ(ToString(MatchKind::kTypo), "typo");
}

TEST_F(VocabularyTest, AddReturnsTheSameIdForTheSameWord) {
  WordId a = vocabulary_.Add("reseau", "reseau");
  WordId b = vocabulary_.Add("donnees", "donne");
  EXPECT_NE(a, b);
  EXPECT_EQ(vocabulary_.Add("reseau", "reseau"), a);
  vocabulary_.Finish();
  EXPECT_EQ(vocabulary_.size(), 2u);
  EXPECT_EQ(vocabulary_.Find("reseau"), a);
  EXPECT_EQ(vocabulary_.Find("donnees"), b);
  EXPECT_EQ(vocabulary_.Find("reseaux"), -1);
  EXPECT_EQ(vocabulary_.word(b), "donnees");
  EXPECT_EQ(vocabulary_.stem(b), "donne");
}

TEST_F(VocabularyTest, FindsTheExactWord) {
  Build({"developpeur", "java", "web"});
  EXPECT_THAT(Expand("java"), ElementsAre(Pair("java", kExact)));
  EXPECT_THAT(Expand("web"), ElementsAre(Pair("web", kExact)));
  EXPECT_THAT(Expand("developpeur"), ElementsAre(Pair("developpeur", kExact)));
  EXPECT_THAT(Expand("python"), IsEmpty());
  EXPECT_THAT(Expand(""), IsEmpty());
  EXPECT_THAT(Expand("", true), IsEmpty());
}

TEST_F(VocabularyTest, FindsWordsSharingTheStem) {
  ASSERT_EQ(text::StemFrench("formations"), text::StemFrench("formation"));
  ASSERT_EQ(text::StemFrench("developpeuses"), text::StemFrench("developpeur"));
  Build({"formation", "formations", "developpeuses", "developpeur", "format", "information"});
  // "format" is a word of its own whose stem happens to be the same.
  ASSERT_EQ(text::StemFrench("format"), text::StemFrench("formation"));
  EXPECT_THAT(Expand("formations"),
              UnorderedElementsAre(Pair("formations", kExact), Pair("formation", kStem),
                                   Pair("format", kStem)));
  EXPECT_THAT(Expand("developpeur"),
              UnorderedElementsAre(Pair("developpeur", kExact), Pair("developpeuses", kStem)));
  // A word absent from the vocabulary still reaches the words of its stem.
  EXPECT_THAT(Expand("developpeurs"),
              UnorderedElementsAre(Pair("developpeur", kStem), Pair("developpeuses", kStem)));
}

TEST_F(VocabularyTest, PrefixesOnlyWhenAskedAndFromTwoCharacters) {
  Build({"developpeur", "developpement", "devops", "data", "design"});
  EXPECT_THAT(Expand("dev", true),
              UnorderedElementsAre(Pair("developpeur", kPrefix), Pair("developpement", kPrefix),
                                   Pair("devops", kPrefix)));
  EXPECT_THAT(Expand("dev", false), IsEmpty());
  EXPECT_THAT(Words("de", true),
              UnorderedElementsAre("developpeur", "developpement", "devops", "design"));
  EXPECT_THAT(Expand("d", true), IsEmpty());
  // "developpe" and "developpement" share their stem, which beats the prefix.
  ASSERT_EQ(text::StemFrench("developpe"), text::StemFrench("developpement"));
  EXPECT_THAT(Expand("developpe", true),
              UnorderedElementsAre(Pair("developpeur", kPrefix), Pair("developpement", kStem)));
  // A whole word typed is still an exact match, not a prefix of itself.
  EXPECT_THAT(Expand("data", true), ElementsAre(Pair("data", kExact)));
}

TEST_F(VocabularyTest, PrefixCountsCharactersNotBytes) {
  // Folded text keeps letters of other scripts: "ж" is one character in two bytes.
  Build({"жук", "жёлтый"});
  EXPECT_THAT(Expand("ж", true), IsEmpty());
  EXPECT_THAT(Words("жу", true), ElementsAre("жук"));
}

TEST_F(VocabularyTest, NoTypoUpToFourCharacters) {
  Build({"java", "jaca", "css", "html"});
  EXPECT_THAT(Expand("java"), ElementsAre(Pair("java", kExact)));    // not "jaca"
  EXPECT_THAT(Expand("jvaa"), IsEmpty());                            // transposition
  EXPECT_THAT(Expand("jaa"), IsEmpty());                             // deletion
  EXPECT_THAT(Expand("jbva"), IsEmpty());                            // substitution
  EXPECT_THAT(Expand("jaava"), ElementsAre(Pair("java", Typo(1))));  // five letters: one typo
  EXPECT_THAT(Expand("htmml"), ElementsAre(Pair("html", Typo(1))));
  EXPECT_THAT(Expand("htm"), IsEmpty());
}

TEST_F(VocabularyTest, OneTypoFromFiveToEightCharacters) {
  Build({"reseau", "analyste"});
  EXPECT_THAT(Expand("reseu"), ElementsAre(Pair("reseau", Typo(1))));    // deletion, 5 letters
  EXPECT_THAT(Expand("resseau"), ElementsAre(Pair("reseau", Typo(1))));  // insertion
  EXPECT_THAT(Expand("resuau"), ElementsAre(Pair("reseau", Typo(1))));   // substitution
  EXPECT_THAT(Expand("rseeau"), ElementsAre(Pair("reseau", Typo(1))));   // transposition
  EXPECT_THAT(Expand("rseau"), ElementsAre(Pair("reseau", Typo(1))));
  EXPECT_THAT(Expand("rseu"), IsEmpty());   // 4 letters: no typo at all
  EXPECT_THAT(Expand("rseeu"), IsEmpty());  // two typos
  EXPECT_THAT(Expand("ressau"), ElementsAre(Pair("reseau", Typo(1))));
  EXPECT_THAT(Expand("anlaiste"), IsEmpty());  // 8 letters, two typos
  EXPECT_THAT(Expand("analyste"), ElementsAre(Pair("analyste", kExact)));
  EXPECT_THAT(Expand("analysste"), ElementsAre(Pair("analyste", Typo(1))));  // 9 letters
}

TEST_F(VocabularyTest, TwoTyposFromNineCharacters) {
  Build({"developpeur", "administrateur"});
  EXPECT_THAT(Expand("developeur"), ElementsAre(Pair("developpeur", Typo(1))));   // deletion
  EXPECT_THAT(Expand("devloppeeur"), ElementsAre(Pair("developpeur", Typo(2))));  // del + ins
  EXPECT_THAT(Expand("devlopeur"), ElementsAre(Pair("developpeur", Typo(2))));    // 9 letters
  EXPECT_THAT(Expand("dvelopeurr"), IsEmpty());                                   // three typos
  EXPECT_THAT(Expand("devleopepur"), ElementsAre(Pair("developpeur", Typo(2))));  // 2 swaps
  EXPECT_THAT(Expand("devxloppeyr"), ElementsAre(Pair("developpeur", Typo(2))));  // 2 subst.
  EXPECT_THAT(Expand("administrateru"), ElementsAre(Pair("administrateur", Typo(1))));
  EXPECT_THAT(Expand("adminstrateurs"), ElementsAre(Pair("administrateur", Typo(2))));
  // Eight letters allow one typo only, whatever the length of the word reached.
  EXPECT_THAT(Expand("devlopeu"), IsEmpty());
}

TEST_F(VocabularyTest, ATypoOnTheFirstLetterCountsTwo) {
  Build({"developpeur", "analyste", "reseau"});
  // Nine letters or more, and nothing else wrong.
  EXPECT_THAT(Expand("xeveloppeur"), ElementsAre(Pair("developpeur", Typo(2))));   // replaced
  EXPECT_THAT(Expand("eveloppeur"), ElementsAre(Pair("developpeur", Typo(2))));    // dropped
  EXPECT_THAT(Expand("xdeveloppeur"), ElementsAre(Pair("developpeur", Typo(2))));  // added
  EXPECT_THAT(Expand("edveloppeur"), ElementsAre(Pair("developpeur", Typo(2))));   // swapped
  EXPECT_THAT(Expand("xevelopeur"), IsEmpty());  // and another typo
  EXPECT_THAT(Expand("edvelopeur"), IsEmpty());
  EXPECT_THAT(Expand("eveloppeurs"), IsEmpty());
  // Below nine letters a first-letter typo is never allowed.
  EXPECT_THAT(Expand("xnalyste"), IsEmpty());
  EXPECT_THAT(Expand("nalyste"), IsEmpty());
  EXPECT_THAT(Expand("naalyste"), IsEmpty());
  EXPECT_THAT(Expand("ereseau"), IsEmpty());
  // A typo just after the first letter is an ordinary one.
  EXPECT_THAT(Expand("rxseau"), ElementsAre(Pair("reseau", Typo(1))));
}

TEST_F(VocabularyTest, EachWordOnceWithItsBestMatch) {
  ASSERT_EQ(text::StemFrench("formation"), text::StemFrench("formations"));
  Build({"formation", "formations", "formationnel", "formateur", "informations"});
  // "formation" is exact and a prefix of itself; "formations" shares the stem, starts with the
  // query and is one typo away; "informations" is three typos away.
  std::map<std::string, Reached> reached = Expand("formation", true);
  EXPECT_THAT(reached, UnorderedElementsAre(Pair("formation", kExact), Pair("formations", kStem),
                                            Pair("formationnel", kPrefix)));
  // Without the prefix, "formationnel" is three letters too long.
  EXPECT_THAT(Words("formation", false), UnorderedElementsAre("formation", "formations"));
  // A typo and a prefix: the prefix wins.
  EXPECT_THAT(Expand("formateu", true), ElementsAre(Pair("formateur", kPrefix)));
  EXPECT_THAT(Expand("formateu", false), ElementsAre(Pair("formateur", Typo(1))));
}

TEST_F(VocabularyTest, ResultsAreInWordIdOrderWithoutDuplicates) {
  Build({"reseaux", "reseau", "reseaut", "resea"});
  std::vector<WordMatch> matches = vocabulary_.Expand("reseau", text::StemFrench("reseau"), true);
  ASSERT_EQ(matches.size(), 4u);
  for (size_t i = 1; i < matches.size(); ++i) EXPECT_LT(matches[i - 1].word, matches[i].word);
  for (const WordMatch& m : matches)
    EXPECT_EQ(m.typos != 0, m.kind == MatchKind::kTypo) << vocabulary_.word(m.word);
}

// ---- Against a brute force over every word ---------------------------------------------------

// Optimal-string-alignment distance, written again here so that the engine's is not its own judge.
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

// Typos from `query` to `word` under the documented rule, or -1 beyond the allowance: ordinary
// edits after the first letter; one edit of the first letter (replaced, dropped, a letter put
// before it, or swapped with the second) costs two and leaves nothing else to change.
int OracleTypos(std::string_view query, std::string_view word) {
  int allowed = query.size() <= 4 ? 0 : query.size() <= 8 ? 1 : 2;  // ASCII words here
  if (query.empty() || word.empty() || query == word) return -1;
  if (query[0] == word[0]) {
    int d = Osa(query, word);
    return d <= allowed ? d : -1;
  }
  if (allowed < 2) return -1;
  std::string_view rest = query.substr(1);
  bool one_edit = (word.size() == query.size() && word.substr(1) == rest) || word == rest ||
                  (word.size() == query.size() + 1 && word.substr(1) == query) ||
                  (query.size() >= 2 && word.size() == query.size() && word[0] == query[1] &&
                   word[1] == query[0] && word.substr(2) == query.substr(2));
  return one_edit ? 2 : -1;
}

TEST(VocabularyBruteForce, ExpandReachesExactlyTheWordsOfTheRule) {
  // Words crowded in length and first letter, so that the typo buckets and the first-letter
  // candidates are exercised: "ops", "oops", … "aoooooops", and French words.
  std::vector<std::string> words;
  for (char a = 'a'; a <= 'z'; ++a)
    for (int n = 0; n <= 7; ++n) words.push_back(std::string(1, a) + std::string(n, 'o') + "ps");
  for (const char* w :
       {"developpeur", "developpeurs", "developpeuse", "developpement",  "reseau",
        "reseaux",     "analyste",     "analystes",    "donnees",        "donnee",
        "securite",    "informatique", "numerique",    "technicien",     "techniciens",
        "formation",   "formations",   "formateur",    "administrateur", "administratrice",
        "web",         "java",         "data",         "cybersecurite",  "telecommunications",
        "eveloppeur"})
    words.push_back(w);
  Vocabulary vocabulary;
  std::vector<std::string> stems;
  for (const std::string& w : words) {
    stems.push_back(text::StemFrench(w));
    vocabulary.Add(w, stems.back());
  }
  vocabulary.Finish();
  ASSERT_EQ(vocabulary.size(), words.size());

  // Queries: every word, and every word with one or two edits.
  std::vector<std::string> queries;
  for (const std::string& w : words) {
    queries.push_back(w);
    for (size_t i = 0; i < w.size(); ++i) {
      queries.push_back(w.substr(0, i) + w.substr(i + 1));        // deletion
      queries.push_back(w.substr(0, i) + "x" + w.substr(i));      // insertion
      queries.push_back(w.substr(0, i) + "z" + w.substr(i + 1));  // substitution
      if (i + 1 < w.size()) {
        std::string t = w;
        std::swap(t[i], t[i + 1]);
        queries.push_back(t);                                       // transposition
        queries.push_back(t.substr(0, i) + t.substr(i + 1) + "s");  // and more
      }
    }
  }
  int compared = 0;
  for (const std::string& q : queries) {
    if (q.empty()) continue;
    std::string stem = text::StemFrench(q);
    for (bool as_prefix : {false, true}) {
      std::map<std::string, Reached> expected;
      for (size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (w == q)
          expected[w] = kExact;
        else if (stems[i] == stem)
          expected[w] = kStem;
        else if (as_prefix && q.size() >= 2 && w.starts_with(q))
          expected[w] = kPrefix;
        else if (int typos = OracleTypos(q, w); typos >= 0)
          expected[w] = Typo(typos);
      }
      std::map<std::string, Reached> actual;
      for (const WordMatch& m : vocabulary.Expand(q, stem, as_prefix))
        EXPECT_TRUE(actual.emplace(vocabulary.word(m.word), Reached{m.kind, m.typos}).second) << q;
      EXPECT_EQ(actual, expected) << "query \"" << q << "\" prefix " << as_prefix;
      ++compared;
    }
  }
  EXPECT_GT(compared, 5000);
}

}  // namespace
}  // namespace tremplin::search
