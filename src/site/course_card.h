// A course as a result card (card.tpl): title, organisation, badges, place and distance,
// duration, next session, family.
#pragma once

#include "site/dictionary.h"

#include <optional>
#include <string>

#include "core/course.h"
#include "core/messages.h"
#include "search/catalogue.h"

namespace tremplin::site {

struct CardPlace {
  std::string commune_code;  // empty: remote, or the course in general (organisation page)
  std::optional<double> distance_km;
  std::optional<core::Date> next_start;
};

// Fills `card` (a CARD section dictionary whose CARD_ITEM include is added here).
void FillCourseCard(ctemplate::TemplateDictionary& card, const core::Course& course,
                    const CardPlace& place, const search::Catalogue& catalogue, core::Lang lang);

// "hybrid" for blended courses etc.: the badge modifier of the design system.
std::string_view ModeBadgeClass(core::DeliveryMode mode);

}  // namespace tremplin::site
