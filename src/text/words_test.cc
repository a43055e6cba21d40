// Tests of splitting folded text into words, elisions and stop words.
#include "text/words.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "text/stop_words.h"

namespace tremplin::text {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(Words, SplitsOnSpacesAndPunctuation) {
  EXPECT_THAT(Words("developpeur web"), ElementsAre("developpeur", "web"));
  EXPECT_THAT(Words("  c++, java/python; node.js!  "),
              ElementsAre("c", "java", "python", "node", "js"));
  EXPECT_THAT(Words("front-end"), ElementsAre("front", "end"));
}

TEST(Words, ElidedArticlesAndPronounsAreSkipped) {
  EXPECT_THAT(Words("l'informatique"), ElementsAre("informatique"));
  EXPECT_THAT(Words("d'un metier"), ElementsAre("un", "metier"));
  EXPECT_THAT(Words("qu'elle"), ElementsAre("elle"));
  EXPECT_THAT(Words("jusqu'a paris"), ElementsAre("a", "paris"));
  EXPECT_THAT(Words("lorsqu'il puisqu'on quoiqu'on"), ElementsAre("il", "on", "on"));
  EXPECT_THAT(Words("j'aime m'inscrire n'est s'y t'en c'est"),
              ElementsAre("aime", "inscrire", "est", "y", "en", "est"));
}

TEST(Words, OnlyTheListedElisionsAreSkipped) {
  // "aujourd" is not an elided word: both halves stay.
  EXPECT_THAT(Words("aujourd'hui"), ElementsAre("aujourd", "hui"));
  // A single letter not followed by an apostrophe is a word.
  EXPECT_THAT(Words("l ecole"), ElementsAre("l", "ecole"));
  EXPECT_THAT(Words("vitamine d"), ElementsAre("vitamine", "d"));
}

TEST(Words, DigitsAreWordCharacters) {
  EXPECT_THAT(Words("html5 et css3"), ElementsAre("html5", "et", "css3"));
  EXPECT_THAT(Words("bac+2 niveau 5"), ElementsAre("bac", "2", "niveau", "5"));
  EXPECT_THAT(Words("2027-01-15"), ElementsAre("2027", "01", "15"));
  EXPECT_THAT(Words("3d"), ElementsAre("3d"));
}

TEST(Words, LoneApostrophesAndEmptyTextGiveNoWord) {
  EXPECT_THAT(Words(""), IsEmpty());
  EXPECT_THAT(Words("'"), IsEmpty());
  EXPECT_THAT(Words("' ' ''"), IsEmpty());
  EXPECT_THAT(Words("l'"), IsEmpty());
  EXPECT_THAT(Words("...,;!?"), IsEmpty());
  EXPECT_THAT(Words("'web'"), ElementsAre("web"));
}

TEST(Words, NonAsciiBytesStayInsideWords) {
  EXPECT_THAT(Words("москва 東京"), ElementsAre("москва", "東京"));
}

TEST(Words, ViewsPointIntoTheInput) {
  std::string folded = "l'ecole du web";
  std::vector<std::string_view> words = Words(folded);
  ASSERT_THAT(words, ElementsAre("ecole", "du", "web"));
  EXPECT_EQ(words[0].data(), folded.data() + 2);
  EXPECT_EQ(words[2].data(), folded.data() + 11);
}

TEST(IsStopWord, CommonFrenchAndEnglishWords) {
  for (const char* w : {"a",   "and", "au",  "aux", "avec", "ce",  "dans", "de",   "des", "du",
                        "en",  "et",  "la",  "le",  "les",  "ou",  "par",  "pour", "qu",  "que",
                        "qui", "sur", "the", "to",  "un",   "une", "vous", "with", "y"})
    EXPECT_TRUE(IsStopWord(w)) << w;
}

TEST(IsStopWord, MeaningfulWordsAreNotStopWords) {
  for (const char* w :
       {"", "web", "data", "site", "developpeur", "java", "paris", "b", "z", "dee", "yy", "with2"})
    EXPECT_FALSE(IsStopWord(w)) << w;
}

TEST(IsStopWord, ExpectsFoldedWords) {
  EXPECT_FALSE(IsStopWord("De"));
  EXPECT_FALSE(IsStopWord("LES"));
}

}  // namespace
}  // namespace tremplin::text
