// Tests of calendar dates: strict ISO parsing, formatting, month arithmetic and day counts.
#include "core/date.h"

#include <gtest/gtest.h>

namespace tremplin::core {
namespace {

Date D(const char* iso) {
  std::optional<Date> d = Date::Parse(iso);
  EXPECT_TRUE(d.has_value()) << iso;
  return d.value_or(Date());
}

TEST(Date, ParseAcceptsRealCalendarDays) {
  std::optional<Date> d = Date::Parse("2027-01-15");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year(), 2027);
  EXPECT_EQ(d->month(), 1u);
  EXPECT_EQ(d->day(), 15u);
  EXPECT_TRUE(Date::Parse("2028-02-29").has_value());  // leap year
  EXPECT_TRUE(Date::Parse("2000-02-29").has_value());  // divisible by 400
  EXPECT_TRUE(Date::Parse("2027-12-31").has_value());
}

TEST(Date, ParseRejectsDaysThatDoNotExist) {
  for (const char* bad : {"2027-02-30", "2027-02-29", "1900-02-29", "2027-04-31", "2027-13-01",
                          "2027-00-10", "2027-01-00", "2027-01-32"})
    EXPECT_FALSE(Date::Parse(bad).has_value()) << bad;
}

TEST(Date, ParseRejectsAnythingButStrictIso) {
  for (const char* bad : {"", "2027-2-3", "2027-02-3", "27-02-03", "2027/02/03", "2027-02-03 ",
                          " 2027-02-03", "2027-02-03T10:00", "20270203", "2027-0a-03", "+027-02-03",
                          "2027--2-03", "03-02-2027", "2027-02-+3"})
    EXPECT_FALSE(Date::Parse(bad).has_value()) << "'" << bad << "'";
}

TEST(Date, ToIsoRoundTrips) {
  for (const char* iso : {"2027-01-15", "2028-02-29", "1970-01-01", "1999-12-31", "2100-03-01"})
    EXPECT_EQ(D(iso).ToIso(), iso);
  EXPECT_EQ(Date::FromYmd(2027, 3, 5).ToIso(), "2027-03-05");
  EXPECT_EQ(Date().ToIso(), "1970-01-01");
}

TEST(Date, AddMonthsClampsToTheEndOfTheMonth) {
  EXPECT_EQ(D("2027-01-31").AddMonths(1).ToIso(), "2027-02-28");
  EXPECT_EQ(D("2028-01-31").AddMonths(1).ToIso(), "2028-02-29");
  EXPECT_EQ(D("2027-05-31").AddMonths(1).ToIso(), "2027-06-30");
  EXPECT_EQ(D("2027-03-31").AddMonths(-1).ToIso(), "2027-02-28");
  EXPECT_EQ(D("2028-02-29").AddMonths(12).ToIso(), "2029-02-28");
}

TEST(Date, AddMonthsAcrossYears) {
  EXPECT_EQ(D("2027-11-15").AddMonths(3).ToIso(), "2028-02-15");
  EXPECT_EQ(D("2027-01-15").AddMonths(-1).ToIso(), "2026-12-15");
  EXPECT_EQ(D("2027-01-15").AddMonths(36).ToIso(), "2030-01-15");
  EXPECT_EQ(D("2027-01-15").AddMonths(0).ToIso(), "2027-01-15");
}

TEST(Date, AddDaysAndDaysSince) {
  EXPECT_EQ(D("2027-02-28").AddDays(1).ToIso(), "2027-03-01");
  EXPECT_EQ(D("2028-02-28").AddDays(1).ToIso(), "2028-02-29");
  EXPECT_EQ(D("2027-01-01").AddDays(-1).ToIso(), "2026-12-31");
  EXPECT_EQ(D("2027-03-01").DaysSince(D("2027-02-28")), 1);
  EXPECT_EQ(D("2028-03-01").DaysSince(D("2028-02-28")), 2);
  EXPECT_EQ(D("2027-02-28").DaysSince(D("2027-03-01")), -1);
  EXPECT_EQ(D("2028-01-01").DaysSince(D("2027-01-01")), 365);
  EXPECT_EQ(D("2029-01-01").DaysSince(D("2028-01-01")), 366);
  EXPECT_EQ(D("2027-06-01").DaysSince(D("2027-06-01")), 0);
  EXPECT_EQ(D("1970-01-02").DaysSinceEpoch(), 1);
  EXPECT_EQ(Date().DaysSinceEpoch(), 0);
}

TEST(Date, Ordering) {
  EXPECT_LT(D("2027-01-31"), D("2027-02-01"));
  EXPECT_GT(D("2028-01-01"), D("2027-12-31"));
  EXPECT_EQ(D("2027-02-01"), Date::FromYmd(2027, 2, 1));
}

}  // namespace
}  // namespace tremplin::core
