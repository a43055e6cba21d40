#include "core/labels.h"

#include <cstdio>

namespace tremplin::core {
namespace {

const Messages& M() { return Messages::Builtin(); }

// "1 200" (French, narrow no-break space) or "1,200" (English).
std::string GroupThousands(int64_t value, Lang lang) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  const std::string separator = lang == Lang::kFr ? "\u202f" : ",";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return (value < 0 ? "-" : "") + out;
}

}  // namespace

std::string_view Name(const Family& family, Lang lang) {
  return lang == Lang::kEn ? family.name_en : family.name_fr;
}

std::string_view Name(const Profession& profession, Lang lang) {
  return lang == Lang::kEn ? profession.name_en : profession.name_fr;
}

std::string_view ModeLabel(DeliveryMode mode, Lang lang) {
  return M().Text(lang, "mode." + std::string(ToString(mode)));
}

std::string_view RecruitmentLabel(RecruitmentState state, Lang lang) {
  return M().Text(lang, "recruitment." + std::string(ToString(state)));
}

std::string_view LabelStateLabel(LabelState state, Lang lang) {
  return M().Text(lang, "label_state." + std::string(ToString(state)));
}

std::string LevelLabel(int level, Lang lang) {
  return std::string(M().Text(lang, "level." + std::to_string(level)));
}

std::string DurationLabel(int weeks, Lang lang) {
  if (weeks < 8) return M().Format(lang, weeks == 1 ? "duration.week" : "duration.weeks",
                                   {{"n", std::to_string(weeks)}});
  int months = static_cast<int>(weeks * 12.0 / 52.0 + 0.5);
  if (months % 12 != 0 && months < 24)  // "18 mois" reads better than "1 an et 6 mois"
    return M().Format(lang, "duration.months", {{"n", std::to_string(months)}});
  int years = months / 12, rest = months % 12;
  std::string y = M().Format(lang, years == 1 ? "duration.year" : "duration.years",
                             {{"n", std::to_string(years)}});
  if (rest == 0) return y;
  return M().Format(lang, "duration.years_months",
                    {{"years", y}, {"n", std::to_string(rest)}});
}

std::string DateLabel(Date date, Lang lang) {
  std::string month(M().Text(lang, "month." + std::to_string(date.month())));
  char buf[64];
  if (lang == Lang::kEn)
    std::snprintf(buf, sizeof buf, "%u %s %d", date.day(), month.c_str(), date.year());
  else
    std::snprintf(buf, sizeof buf, "%u%s %s %d", date.day(), date.day() == 1 ? "er" : "",
                  month.c_str(), date.year());
  return buf;
}

std::string MoneyLabel(int64_t cents, Lang lang) {
  if (cents == 0) return std::string(M().Text(lang, "money.free"));
  std::string amount = GroupThousands(cents / 100, lang);
  if (cents % 100 != 0) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", static_cast<int>(cents % 100 < 0 ? -(cents % 100) : cents % 100));
    amount += (lang == Lang::kFr ? "," : ".") + std::string(buf);
  }
  return lang == Lang::kFr ? amount + "\u00a0€" : "€" + amount;
}

}  // namespace tremplin::core
