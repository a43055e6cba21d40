#include "core/date.h"

#include <cstdio>

namespace tremplin::core {

namespace chr = std::chrono;

Date Date::FromYmd(int y, unsigned m, unsigned d) {
  return Date(chr::sys_days(chr::year{y} / chr::month{m} / chr::day{d}));
}

std::optional<Date> Date::Parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lengths[p]; ++i) {
      char c = s[starts[p] + i];
      if (c < '0' || c > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  chr::year_month_day ymd{chr::year{parts[0]}, chr::month{static_cast<unsigned>(parts[1])},
                          chr::day{static_cast<unsigned>(parts[2])}};
  if (!ymd.ok() || parts[0] < 1900) return std::nullopt;
  return Date(chr::sys_days(ymd));
}

Date Date::Today() { return Date(chr::floor<chr::days>(chr::system_clock::now())); }

std::string Date::ToIso() const {
  chr::year_month_day ymd(days_);
  int y = static_cast<int>(ymd.year());
  unsigned m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
  if (y < 0 || y > 9999) return "0000-00-00";
  std::string out = "0000-00-00";
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + d / 10);
  out[9] = static_cast<char>('0' + d % 10);
  return out;
}

int Date::year() const { return static_cast<int>(chr::year_month_day(days_).year()); }
unsigned Date::month() const { return static_cast<unsigned>(chr::year_month_day(days_).month()); }
unsigned Date::day() const { return static_cast<unsigned>(chr::year_month_day(days_).day()); }

Date Date::AddMonths(int n) const {
  chr::year_month_day ymd(days_);
  chr::year_month target = chr::year_month(ymd.year(), ymd.month()) + chr::months(n);
  chr::day last = chr::year_month_day_last(target.year(), chr::month_day_last(target.month())).day();
  return Date(chr::sys_days(target / std::min(ymd.day(), last)));
}

}  // namespace tremplin::core
