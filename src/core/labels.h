// How domain values read in French and English: names from the taxonomy, delivery modes,
// certification levels, durations, dates and amounts. Texts come from the message catalogue.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/course.h"
#include "core/date.h"
#include "core/messages.h"
#include "core/taxonomy.h"

namespace tremplin::core {

std::string_view Name(const Family& family, Lang lang);
std::string_view Name(const Profession& profession, Lang lang);
std::string_view ModeLabel(DeliveryMode mode, Lang lang);         // "Présentiel"
std::string_view RecruitmentLabel(RecruitmentState state, Lang lang);  // "Inscriptions ouvertes"
std::string_view LabelStateLabel(LabelState state, Lang lang);    // "Labellisée"
// "Niveau 5 (bac + 2)", or "Sans certification" for 0.
std::string LevelLabel(int level, Lang lang);
// A course length: "3 semaines", "7 mois", "18 mois", "1 an", "2 ans et 6 mois" (English alike).
std::string DurationLabel(int weeks, Lang lang);
// "12 janvier 2027" / "12 January 2027".
std::string DateLabel(Date date, Lang lang);
// "Gratuit" for 0, else "1 200 €" / "€1,200" (cents shown only when not whole euros).
std::string MoneyLabel(int64_t cents, Lang lang);

}  // namespace tremplin::core
