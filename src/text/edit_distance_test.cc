// Tests of the optimal-string-alignment edit distance, against a plain reference.
#include "text/edit_distance.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace tremplin::text {
namespace {

constexpr int kNoLimit = 1000;

// The textbook full-matrix optimal-string-alignment distance.
int ReferenceDistance(const std::string& a, const std::string& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

TEST(EditDistance, SameWordIsZero) {
  EXPECT_EQ(EditDistance("lille", "lille", 2), 0);
  EXPECT_EQ(EditDistance("a", "a", 0), 0);
}

TEST(EditDistance, OneEditCostsOne) {
  EXPECT_EQ(EditDistance("lile", "lille", 2), 1);    // insertion
  EXPECT_EQ(EditDistance("lillle", "lille", 2), 1);  // deletion
  EXPECT_EQ(EditDistance("lilla", "lille", 2), 1);   // substitution
  EXPECT_EQ(EditDistance("lilel", "lille", 2), 1);   // transposition
  EXPECT_EQ(EditDistance("ab", "ba", 2), 1);
  EXPECT_EQ(EditDistance("marseile", "marseille", 2), 1);
}

TEST(EditDistance, SeveralEdits) {
  EXPECT_EQ(EditDistance("kitten", "sitting", kNoLimit), 3);
  EXPECT_EQ(EditDistance("flaw", "lawn", kNoLimit), 2);
  // Optimal string alignment: a transposed pair is not edited again.
  EXPECT_EQ(EditDistance("ca", "abc", kNoLimit), 3);
}

TEST(EditDistance, EmptyStrings) {
  EXPECT_EQ(EditDistance("", "", 0), 0);
  EXPECT_EQ(EditDistance("", "abc", 5), 3);
  EXPECT_EQ(EditDistance("abc", "", 5), 3);
  EXPECT_EQ(EditDistance("", "abc", 1), 2);
}

TEST(EditDistance, BeyondTheLimitReturnsLimitPlusOne) {
  EXPECT_EQ(EditDistance("kitten", "sitting", 2), 3);
  EXPECT_EQ(EditDistance("kitten", "sitting", 1), 2);
  EXPECT_EQ(EditDistance("abc", "xyz", 1), 2);
  EXPECT_EQ(EditDistance("a", "abcdefgh", 2), 3);  // lengths alone exceed the limit
  EXPECT_EQ(EditDistance("abcdefgh", "zzzzzzzh", 0), 1);
  EXPECT_EQ(EditDistance("a", "b", 0), 1);
  // Exactly at the limit is still the distance.
  EXPECT_EQ(EditDistance("kitten", "sitting", 3), 3);
}

TEST(EditDistance, CountsBytes) {
  // "é" is two bytes in UTF-8: against "e" one substitution and one deletion.
  EXPECT_EQ(EditDistance("\xC3\xA9", "e", kNoLimit), 2);
}

TEST(EditDistance, AgreesWithTheReferenceOnRandomWords) {
  std::mt19937 rng(20270115);
  std::uniform_int_distribution<int> length(0, 7), letter(0, 2), limit(0, 4);
  for (int round = 0; round < 5000; ++round) {
    std::string a, b;
    for (int i = length(rng); i > 0; --i) a += static_cast<char>('a' + letter(rng));
    for (int i = length(rng); i > 0; --i) b += static_cast<char>('a' + letter(rng));
    int l = limit(rng);
    int expected = std::min(ReferenceDistance(a, b), l + 1);
    ASSERT_EQ(EditDistance(a, b, l), expected) << "a=" << a << " b=" << b << " limit=" << l;
    ASSERT_EQ(EditDistance(b, a, l), expected) << "a=" << b << " b=" << a << " limit=" << l;
  }
}

}  // namespace
}  // namespace tremplin::text
