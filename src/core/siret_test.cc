#include "core/siret.h"

#include <gtest/gtest.h>

namespace tremplin::core {
namespace {

TEST(Siret, PublishedSiretsAreValid) {
  // Head-office SIRETs as published in the national register of companies.
  for (const char* siret :
       {"73282932000074", "44306184100047", "55208131766522", "54205118000066", "13002526500013"}) {
    EXPECT_TRUE(IsValidSiret(siret)) << siret;
  }
}

TEST(Siret, OneWrongDigitIsRejected) {
  EXPECT_FALSE(IsValidSiret("73282932000075"));
  EXPECT_FALSE(IsValidSiret("73282932000064"));
  EXPECT_FALSE(IsValidSiret("83282932000074"));
}

TEST(Siret, SwappedAdjacentDigitsAreRejected) {
  EXPECT_FALSE(IsValidSiret("73282932000047"));
  EXPECT_FALSE(IsValidSiret("37282932000074"));
}

TEST(Siret, SirenMustPassLuhnOnItsOwn) {
  // Passes Luhn over 14 digits, but its SIREN 123456789 does not.
  std::string siret = "1234567890001";
  siret += LuhnCheckDigit(siret);
  ASSERT_TRUE(PassesLuhn(siret));
  EXPECT_FALSE(IsValidSiret(siret));
}

TEST(Siret, LaPosteEstablishmentsUseTheSumOfDigitsRule) {
  // Fails Luhn over 14 digits, but the digits add up to 40, a multiple of 5.
  ASSERT_FALSE(PassesLuhn("35600000049837"));
  EXPECT_TRUE(IsValidSiret("35600000049837"));
  // Same SIREN, digit sum 39: rejected.
  EXPECT_FALSE(IsValidSiret("35600000049836"));
  // La Poste's head office also passes Luhn.
  EXPECT_TRUE(IsValidSiret("35600000000048"));
}

TEST(Siret, SumOfDigitsRuleIsOnlyForLaPoste) {
  // Digit sum 45 (a multiple of 5) but Luhn fails and the SIREN is not La Poste's.
  ASSERT_FALSE(PassesLuhn("73282932000072"));
  EXPECT_FALSE(IsValidSiret("73282932000072"));
}

TEST(Siret, RequiresExactlyFourteenDigits) {
  EXPECT_FALSE(IsValidSiret(""));
  EXPECT_FALSE(IsValidSiret("7328293200007"));
  EXPECT_FALSE(IsValidSiret("732829320000740"));
  EXPECT_FALSE(IsValidSiret("732 829 320 00074"));
  EXPECT_FALSE(IsValidSiret("7328293200007A"));
}

TEST(Siret, LuhnCheckDigitCompletesANumber) {
  EXPECT_EQ(LuhnCheckDigit("7328293200007"), '4');
  EXPECT_EQ(LuhnCheckDigit("73282932"), '0');
  EXPECT_EQ(LuhnCheckDigit("7992739871"), '3');  // the classic Luhn example
  for (std::string base : {"00012345", "0004242", "000999990000"}) {
    std::string full = base + LuhnCheckDigit(base);
    EXPECT_TRUE(PassesLuhn(full)) << full;
  }
}

TEST(NormalizeSiret, AcceptsSpacesAsWrittenOnInvoices) {
  auto r = NormalizeSiret("732 829 320 00074");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "73282932000074");
  EXPECT_EQ(*NormalizeSiret("  73282932000074 "), "73282932000074");
  EXPECT_EQ(*NormalizeSiret("732\xC2\xA0"
                            "829\xE2\x80\xAF"
                            "320\t00074"),
            "73282932000074");
}

TEST(NormalizeSiret, LettersOrPunctuationFailWithNotDigits) {
  for (const char* input : {"7328293200007A", "732.829.320.00074", "732-829-320-00074", "é"}) {
    auto r = NormalizeSiret(input);
    ASSERT_FALSE(r.ok()) << input;
    EXPECT_EQ(r.error().id, "siret_not_digits");
    EXPECT_EQ(r.error().field, "siret");
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(NormalizeSiret, WrongLengthSaysHowManyDigitsWereGiven) {
  auto r = NormalizeSiret("732 829 320");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().id, "siret_wrong_length");
  EXPECT_EQ(r.error().field, "siret");
  ASSERT_NE(r.error().Arg("length"), nullptr);
  EXPECT_EQ(*r.error().Arg("length"), "9");
  EXPECT_EQ(NormalizeSiret("").error().id, "siret_wrong_length");
  EXPECT_EQ(NormalizeSiret("732829320000740").error().id, "siret_wrong_length");
}

TEST(NormalizeSiret, BadCheckDigitIsReported) {
  auto r = NormalizeSiret("732 829 320 00075");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().id, "siret_bad_check_digit");
  EXPECT_EQ(r.error().field, "siret");
  EXPECT_EQ(*r.error().Arg("value"), "73282932000075");
}

}  // namespace
}  // namespace tremplin::core
