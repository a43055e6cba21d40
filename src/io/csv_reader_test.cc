#include "io/csv_reader.h"

#include <gtest/gtest.h>

namespace tremplin::io {
namespace {

using Fields = std::vector<std::string>;

std::vector<Fields> FieldsOf(const std::vector<CsvRecord>& records) {
  std::vector<Fields> out;
  for (const CsvRecord& r : records) out.push_back(r.fields);
  return out;
}

// The error line of a parse that must fail.
std::string ErrorLine(std::string_view text, const CsvOptions& options = {}) {
  auto parsed = ParseCsv(text, options);
  EXPECT_FALSE(parsed.ok()) << text;
  if (parsed.ok()) return "";
  EXPECT_EQ(parsed.error().id, "csv_malformed");
  EXPECT_EQ(parsed.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(parsed.error().Arg("reason"), nullptr);
  const std::string* line = parsed.error().Arg("line");
  return line ? *line : "";
}

TEST(ParseCsv, PlainFieldsWithLfOrCrlf) {
  for (std::string_view text : {"a,b\n1,2\n", "a,b\r\n1,2\r\n", "a,b\n1,2"}) {
    auto parsed = ParseCsv(text);
    ASSERT_TRUE(parsed.ok()) << text;
    EXPECT_EQ(FieldsOf(*parsed), (std::vector<Fields>{{"a", "b"}, {"1", "2"}})) << text;
    EXPECT_EQ((*parsed)[1].line, 2);
  }
}

TEST(ParseCsv, QuotedFieldsKeepDelimitersQuotesAndLineBreaks) {
  auto parsed = ParseCsv(
      "nom,note\r\n\"Saint-Denis, La Réunion\",\"dit \"\"la\"\" ville\"\r\n"
      "\"deux\r\nlignes\",\"\"\r\nfin,x\r\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error().Arg("reason");
  EXPECT_EQ(FieldsOf(*parsed), (std::vector<Fields>{{"nom", "note"},
                                                    {"Saint-Denis, La Réunion", "dit \"la\" ville"},
                                                    {"deux\r\nlignes", ""},
                                                    {"fin", "x"}}));
  // A record after an embedded line break starts on the right line.
  EXPECT_EQ((*parsed)[2].line, 3);
  EXPECT_EQ((*parsed)[3].line, 5);
}

TEST(ParseCsv, EmptyFieldsAndTrailingDelimiter) {
  auto parsed = ParseCsv("a,b,c\n,,\n1,,\n");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(FieldsOf(*parsed), (std::vector<Fields>{{"a", "b", "c"}, {"", "", ""}, {"1", "", ""}}));
  auto last = ParseCsv("a,b\n1,");
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(FieldsOf(*last), (std::vector<Fields>{{"a", "b"}, {"1", ""}}));
}

TEST(ParseCsv, EmptyTextHasNoRecordAndBomIsSkipped) {
  auto empty = ParseCsv("");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  auto bom = ParseCsv(
      "\xEF\xBB\xBF"
      "code\n59350\n");
  ASSERT_TRUE(bom.ok());
  EXPECT_EQ(FieldsOf(*bom), (std::vector<Fields>{{"code"}, {"59350"}}));
}

TEST(ParseCsv, OtherDelimiter) {
  auto parsed = ParseCsv("a;b\n\"x;y\";2\n", CsvOptions{.delimiter = ';'});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(FieldsOf(*parsed), (std::vector<Fields>{{"a", "b"}, {"x;y", "2"}}));
}

TEST(ParseCsv, UnclosedQuoteNamesTheLineWhereItOpened) {
  EXPECT_EQ(ErrorLine("a,b\n1,2\n3,\"open\nstill open\n"), "3");
}

TEST(ParseCsv, QuoteInsideUnquotedFieldIsRejected) {
  EXPECT_EQ(ErrorLine("a,b\n1,2\n3,4\"5\n"), "3");
}

TEST(ParseCsv, TextAfterClosingQuoteIsRejected) {
  EXPECT_EQ(ErrorLine("a,b\n\"x\"y,2\n"), "2");
  EXPECT_EQ(ErrorLine("a,b\n\"x\" ,2\n"), "2");
}

TEST(ParseCsv, BareCarriageReturnIsRejected) {
  EXPECT_EQ(ErrorLine("a,b\r1,2\n"), "1");
  EXPECT_EQ(ErrorLine("a,b\n1,2\r"), "2");
}

TEST(ParseCsv, FieldCountMustMatchTheHeader) {
  EXPECT_EQ(ErrorLine("a,b\n1,2\n1,2,3\n"), "3");
  EXPECT_EQ(ErrorLine("a,b\n1,2\n\n3,4\n"), "3");  // an empty line is a one-field record
  auto lax = ParseCsv("a,b\n1\n", CsvOptions{.same_field_count = false});
  ASSERT_TRUE(lax.ok());
  EXPECT_EQ(FieldsOf(*lax), (std::vector<Fields>{{"a", "b"}, {"1"}}));
}

TEST(ParseCsv, InvalidUtf8IsRejectedWithItsLine) { EXPECT_EQ(ErrorLine("a\nb\n\xC3\x28\n"), "3"); }

TEST(AppendCsvField, QuotesOnlyWhenNeededAndRoundTrips) {
  std::string out;
  AppendCsvField(&out, "Lille");
  EXPECT_EQ(out, "Lille");
  for (std::string_view field :
       {"a,b", "dit \"x\"", "deux\nlignes", "cr\r", "", "L'Haÿ-les-Roses"}) {
    std::string line;
    AppendCsvField(&line, field);
    line += ",z\n";
    auto parsed = ParseCsv(line);
    ASSERT_TRUE(parsed.ok()) << line;
    ASSERT_EQ(parsed->size(), 1u);
    EXPECT_EQ((*parsed)[0].fields, (Fields{std::string(field), "z"}));
  }
}

// Found by fuzz/csv_fuzz (corpus file leading_bom_field): a first field starting with U+FEFF
// was written as is, and read back without it (taken for the byte-order mark).
TEST(AppendCsvField, FieldStartingWithByteOrderMarkRoundTripsAtTheStartOfTheText) {
  std::string line;
  AppendCsvField(&line, "\xEF\xBB\xBFx");
  EXPECT_EQ(line, "\"\xEF\xBB\xBFx\"");
  line += ",z\n";
  auto parsed = ParseCsv(line);
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ((*parsed)[0].fields, (Fields{"\xEF\xBB\xBFx", "z"}));
}

}  // namespace
}  // namespace tremplin::io
