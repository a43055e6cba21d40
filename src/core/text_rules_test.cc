// Tests of what every form does to typed text: trimming, control characters, digits, ids and
// mail addresses.
#include "core/text_rules.h"

#include <gtest/gtest.h>

#include <string>

namespace tremplin::core {
namespace {

TEST(TextRules, TrimmedDropsSpacesTabsAndLineBreaksAroundOnly) {
  EXPECT_EQ(Trimmed("  Roubaix \t\r\n"), "Roubaix");
  EXPECT_EQ(Trimmed("\nSaint-Denis  (93)\t"), "Saint-Denis  (93)");
  EXPECT_EQ(Trimmed(" \t\r\n "), "");
  EXPECT_EQ(Trimmed(""), "");
  EXPECT_EQ(Trimmed("\u00A0é\u00A0"), "\u00A0é\u00A0") << "a no-break space is a character people chose";
}

TEST(TextRules, ControlCharactersAreRefusedLineBreaksOnlyWhereSeveralLinesAre) {
  for (std::string text : {std::string("a\0b", 3), std::string("a\x1b[31m"), std::string("a\x7f"),
                           std::string("a\tb"), std::string("a\nb"), std::string("a\rb")})
    EXPECT_TRUE(HasControlCharacter(text)) << text;
  for (std::string text : {std::string("a\tb"), std::string("a\nb\r\n")})
    EXPECT_FALSE(HasControlCharacter(text, Lines::kMany)) << text;
  for (std::string text : {std::string("a\0b", 3), std::string("a\x01"), std::string("a\x7f")})
    EXPECT_TRUE(HasControlCharacter(text, Lines::kMany)) << text;
  EXPECT_FALSE(HasControlCharacter("Élodie « Zoé » O'Brien — 100 % <b>"));
  EXPECT_FALSE(HasControlCharacter(""));
}

TEST(TextRules, DigitsAreAsciiOnlyAndBounded) {
  EXPECT_TRUE(IsDigit('0'));
  EXPECT_FALSE(IsDigit('a'));
  EXPECT_TRUE(AllDigits("0123456789"));
  EXPECT_TRUE(AllDigits(""));
  EXPECT_FALSE(AllDigits("12 3"));
  EXPECT_FALSE(AllDigits("١٢"));  // Arabic-Indic digits are not read as numbers
  EXPECT_EQ(ParseDigits("007", 3), 7);
  EXPECT_EQ(ParseDigits("500", 6), 500);
  EXPECT_EQ(ParseDigits("999999999", 9), 999999999);
  for (std::string_view bad : {"", "1234", "-1", "+1", " 1", "1e3", "12a"})
    EXPECT_FALSE(ParseDigits(bad, 3).has_value()) << bad;
  EXPECT_FALSE(ParseDigits("1234567890", 12).has_value()) << "never more than 9 digits";
}

TEST(TextRules, PositiveIdsAreWholeNumbersAboveZero) {
  EXPECT_EQ(ParsePositiveId("42"), 42);
  EXPECT_EQ(ParsePositiveId("9223372036854775807"), INT64_MAX);
  for (std::string_view bad : {"", "0", "-3", "+4", "4x", " 4", "4 ", "9223372036854775808", "0x10"})
    EXPECT_FALSE(ParsePositiveId(bad).has_value()) << bad;
}

TEST(TextRules, PlausibleEmailsAreTheUsualForm) {
  for (std::string_view good : {"a@example.org", "prenom.nom@sous.domaine.fr",
                                "o'brien+gen@example.co.uk", "A.B-C_d@Example-1.org",
                                "x@a-b.example"})
    EXPECT_TRUE(PlausibleEmail(good)) << good;
  for (std::string_view bad :
       {"", "contact@", "@example.org", "a@@example.org", "a@b@c.org", "a b@example.org",
        "a@example", ".a@example.org", "a.@example.org", "a..b@example.org", "a@example..org",
        "a@.example.org", "a@-example.org", "a@example.org-", "a@exa_mple.org",
        "élodie@example.org", "a@exämple.org", "<a@example.org>", "<script>@example.org",
        "a@example.org\n"})
    EXPECT_FALSE(PlausibleEmail(bad)) << bad;
  EXPECT_TRUE(PlausibleEmail(std::string(64, 'a') + "@example.org"));
  EXPECT_FALSE(PlausibleEmail(std::string(65, 'a') + "@example.org"));
  std::string longest = "a@" + std::string(kMaxEmailBytes - 6, 'b') + ".org";
  EXPECT_TRUE(PlausibleEmail(longest));
  EXPECT_FALSE(PlausibleEmail(longest + "g"));
}

}  // namespace
}  // namespace tremplin::core
