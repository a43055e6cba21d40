// Tests of the whole French analysis: fold, split, drop elisions and stop words, stem.
#include "text/analyzer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/stem.h"

namespace tremplin::text {
namespace {

std::vector<std::string> WordsOf(const std::vector<Term>& terms) {
  std::vector<std::string> out;
  for (const Term& t : terms) out.push_back(t.word);
  return out;
}

TEST(Analyze, FoldsSplitsAndStems) {
  std::vector<Term> terms = Analyze("Développeurs WEB");
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_EQ(terms[0].word, "developpeurs");
  EXPECT_EQ(terms[0].stem, StemFrench("developpeur"));
  EXPECT_EQ(terms[0].position, 0u);
  EXPECT_EQ(terms[1].word, "web");
  EXPECT_EQ(terms[1].stem, "web");
  EXPECT_EQ(terms[1].position, 1u);
}

TEST(Analyze, StopWordsAndElisionsAreDropped) {
  EXPECT_EQ(WordsOf(Analyze("Les métiers de l’informatique et du numérique")),
            (std::vector<std::string>{"metiers", "informatique", "numerique"}));
}

TEST(Analyze, PositionsCountKeptWordsOnly) {
  std::vector<Term> terms = Analyze("formation au développement pour les jeunes");
  ASSERT_EQ(WordsOf(terms), (std::vector<std::string>{"formation", "developpement", "jeunes"}));
  for (uint32_t i = 0; i < terms.size(); ++i) EXPECT_EQ(terms[i].position, i);
}

TEST(Analyze, OnlyStopWordsLeaveNothing) {
  EXPECT_TRUE(Analyze("De la").empty());
  EXPECT_TRUE(Analyze("le la des").empty());
}

TEST(Analyze, NothingToAnalyze) {
  EXPECT_TRUE(Analyze("").empty());
  EXPECT_TRUE(Analyze("  ,;  ’ ").empty());
  EXPECT_TRUE(Analyze("l’").empty());
}

TEST(Analyze, IndexAndQuerySidesMeet) {
  // A plural typed in capitals with accents meets the singular written plainly.
  std::vector<Term> query = Analyze("FORMATIONS");
  std::vector<Term> text = Analyze("formation");
  ASSERT_EQ(query.size(), 1u);
  ASSERT_EQ(text.size(), 1u);
  EXPECT_EQ(query[0].stem, text[0].stem);
  EXPECT_NE(query[0].word, text[0].word);
}

TEST(Analyze, InvalidUtf8DoesNotCrash) {
  std::vector<Term> terms = Analyze(std::string("web\xFF") + "dev \xC3");
  EXPECT_FALSE(terms.empty());
  EXPECT_EQ(terms[0].word.substr(0, 3), "web");
}

}  // namespace
}  // namespace tremplin::text
