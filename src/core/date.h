// A calendar date (no time, no zone), written and read as ISO 8601 "YYYY-MM-DD".
#pragma once

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace tremplin::core {

class Date {
 public:
  Date() = default;  // 1970-01-01
  explicit Date(std::chrono::sys_days days) : days_(days) {}
  static Date FromYmd(int year, unsigned month, unsigned day);

  // Strict "YYYY-MM-DD" with a real calendar day; nullopt otherwise.
  static std::optional<Date> Parse(std::string_view iso);
  // Today in UTC.
  static Date Today();

  std::string ToIso() const;
  int year() const;
  unsigned month() const;
  unsigned day() const;

  Date AddDays(int days) const { return Date(days_ + std::chrono::days(days)); }
  // Same day `months` later, clamped to the month's end (Jan 31 + 1 month = Feb 28/29).
  Date AddMonths(int months) const;
  // Days from `other` to this date (positive when this one is later).
  int DaysSince(Date other) const { return (days_ - other.days_).count(); }
  int64_t DaysSinceEpoch() const { return days_.time_since_epoch().count(); }

  auto operator<=>(const Date&) const = default;

 private:
  std::chrono::sys_days days_{};
};

}  // namespace tremplin::core
