// Tests of folding (case, accents, ligatures, apostrophes) and of the UTF-8 validity check.
#include "text/fold.h"
#include "text/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace tremplin::text {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

TEST(Fold, CaseAndAccentsGiveOneForm) {
  EXPECT_EQ(Fold("Développeur"), "developpeur");
  EXPECT_EQ(Fold("DÉVELOPPEUR"), "developpeur");
  EXPECT_EQ(Fold("développeur"), "developpeur");
  EXPECT_EQ(Fold("Éèêë àâä îï ôö ùûü ÿ ç"), "eeee aaa ii oo uuu y c");
  EXPECT_EQ(Fold("ÇA"), "ca");
}

TEST(Fold, LigaturesAreExpanded) {
  EXPECT_EQ(Fold("œuvre"), "oeuvre");
  EXPECT_EQ(Fold("Œuvre"), "oeuvre");
  EXPECT_EQ(Fold("cœur"), "coeur");
  EXPECT_EQ(Fold("ex æquo"), "ex aequo");
  EXPECT_EQ(Fold("Æ"), "ae");
  EXPECT_EQ(Fold("Straße"), "strasse");
}

TEST(Fold, TypographicApostropheBecomesAscii) {
  EXPECT_EQ(Fold("l’école"), "l'ecole");
  EXPECT_EQ(Fold("aujourd’hui"), "aujourd'hui");
  EXPECT_EQ(Fold("L’INFORMATIQUE"), "l'informatique");
}

TEST(Fold, NonLatinScriptsAreKept) {
  EXPECT_EQ(Fold("Москва"), "москва");
  EXPECT_EQ(Fold("東京"), "東京");
  EXPECT_EQ(Fold("مرحبا"), "مرحبا");
  EXPECT_EQ(Fold("ΑΘΗΝΑ"), "αθηνα");
}

TEST(Fold, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(Fold("\xFF"), kReplacement);
  EXPECT_EQ(Fold("caf\xC3"), "caf" + std::string(kReplacement));
  EXPECT_EQ(Fold(std::string("a\x80") + "b"), "a" + std::string(kReplacement) + "b");
  // Whatever comes in, what goes out is valid UTF-8.
  for (std::string bad :
       {std::string("\xC0\xAF"), std::string("\xED\xA0\x80"), std::string("\xF4\x90\x80\x80"),
        std::string("\xE2\x82"), std::string("Ab\xFE\xFF") + "C\xC3\xA9"}) {
    std::string folded = Fold(bad);
    EXPECT_TRUE(IsValidUtf8(folded)) << folded;
    EXPECT_NE(folded.find(kReplacement), std::string::npos) << folded;
  }
}

TEST(Fold, AsciiFastPathLowersAndKeepsEverythingElse) {
  EXPECT_EQ(Fold("Hello World 123-ABC"), "hello world 123-abc");
  EXPECT_EQ(Fold("C++ & Java/Python: {ok} [x] ~@"), "c++ & java/python: {ok} [x] ~@");
  EXPECT_EQ(Fold(""), "");
  EXPECT_EQ(Fold(std::string_view("a\0B", 3)), std::string("a\0b", 3));
}

TEST(Fold, AsciiPartsFoldTheSameOnBothPaths) {
  // One non-ASCII character sends the text through ICU: its ASCII part must not change.
  EXPECT_EQ(Fold("C++ & Java/Python: {ok} é"), "c++ & java/python: {ok} e");
  EXPECT_EQ(Fold("DATA 2027 é"), Fold("DATA 2027 ") + "e");
}

TEST(IsValidUtf8, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("abc"));
  EXPECT_TRUE(IsValidUtf8("\xC3\xA9"));          // é
  EXPECT_TRUE(IsValidUtf8("\xE2\x82\xAC"));      // €
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // 😀
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(IsValidUtf8("\xC2\x80"));          // U+0080, smallest two-byte form
  EXPECT_TRUE(IsValidUtf8("\xE0\xA0\x80"));      // U+0800
  EXPECT_TRUE(IsValidUtf8("\xF0\x90\x80\x80"));  // U+10000
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));      // U+D7FF, just before the surrogates
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));      // U+E000, just after them
  EXPECT_TRUE(IsValidUtf8("Développeur · œuvre"));
}

TEST(IsValidUtf8, RejectsOverlongForms) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));
}

TEST(IsValidUtf8, RejectsSurrogates) {
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));              // U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));              // U+DFFF
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 pair
}

TEST(IsValidUtf8, RejectsValuesAboveU10FFFF) {
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF7\xBF\xBF\xBF"));
  EXPECT_FALSE(IsValidUtf8("\xF8\x88\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xFE"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(IsValidUtf8, RejectsTruncatedAndStraySequences) {
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("abc\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x98"));
  EXPECT_FALSE(IsValidUtf8(std::string("\xC3") + "A"));  // lead byte followed by ASCII
  EXPECT_FALSE(IsValidUtf8(std::string("\xE2\x82") + "A"));
  EXPECT_FALSE(IsValidUtf8("\x80"));  // continuation byte alone
  EXPECT_FALSE(IsValidUtf8(std::string("a\xBF") + "b"));
}

}  // namespace
}  // namespace tremplin::text
