// Tests of French stemming: plurals and inflections meet, short words and codes stay.
#include "text/stem.h"

#include <gtest/gtest.h>

#include <thread>

#include "text/fold.h"

namespace tremplin::text {
namespace {

TEST(StemFrench, PluralsMeetTheirSingular) {
  EXPECT_EQ(StemFrench("formations"), StemFrench("formation"));
  EXPECT_EQ(StemFrench("formations"), "format");
  EXPECT_EQ(StemFrench(Fold("développeurs")), StemFrench(Fold("développeur")));
  EXPECT_EQ(StemFrench("reseaux"), StemFrench("reseau"));
  EXPECT_EQ(StemFrench("techniciennes"), StemFrench("technicienne"));
}

TEST(StemFrench, MasculineAndFeminineMeetOnceFolded) {
  // As the header promises: "développeuses" and "développeurs" share a stem once folded.
  EXPECT_EQ(StemFrench(Fold("développeuses")), StemFrench(Fold("développeurs")));
}

TEST(StemFrench, ShortWordsAreUnchanged) {
  for (const char* w : {"", "a", "de", "les", "web", "bac", "ios", "des"})
    EXPECT_EQ(StemFrench(w), w) << w;
}

TEST(StemFrench, WordsWithDigitsAreUnchanged) {
  for (const char* w : {"html5", "css3", "2027", "formations2", "3des"})
    EXPECT_EQ(StemFrench(w), w) << w;
}

TEST(StemFrench, StemIsAPrefixOfLongWords) {
  for (const char* w : {"informatique", "numeriques", "administrateur", "cybersecurite"}) {
    std::string stem = StemFrench(w);
    EXPECT_FALSE(stem.empty()) << w;
    EXPECT_LE(stem.size(), std::string_view(w).size()) << w;
  }
}

TEST(StemFrench, NonLatinWordDoesNotCrash) { EXPECT_FALSE(StemFrench("москва").empty()); }

TEST(StemFrench, EachThreadHasItsOwnStemmer) {
  std::string a, b;
  std::thread t1([&] {
    for (int i = 0; i < 2000; ++i) a = StemFrench("formations");
  });
  std::thread t2([&] {
    for (int i = 0; i < 2000; ++i) b = StemFrench("developpeurs");
  });
  t1.join();
  t2.join();
  EXPECT_EQ(a, "format");
  EXPECT_EQ(b, StemFrench("developpeur"));
}

}  // namespace
}  // namespace tremplin::text
