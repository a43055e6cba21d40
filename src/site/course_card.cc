#include "site/course_card.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/labels.h"
#include "core/place.h"
#include "site/templates.h"
#include "site/urls.h"

namespace tremplin::site {

std::string_view ModeBadgeClass(core::DeliveryMode mode) {
  switch (mode) {
    case core::DeliveryMode::kOnSite: return "onsite";
    case core::DeliveryMode::kBlended: return "hybrid";
    case core::DeliveryMode::kRemote: return "remote";
  }
  return "onsite";
}

void FillCourseCard(ctemplate::TemplateDictionary& card, const core::Course& course,
                    const CardPlace& place, const search::Catalogue& catalogue,
                    core::Lang lang) {
  ctemplate::TemplateDictionary* d = Include(card, "CARD_ITEM", "card.tpl");
  const core::Organisation* org = catalogue.FindOrganisation(course.organisation_id);
  d->SetValue("URL", CourseUrl(course.id, place.commune_code, lang));
  d->SetValue("TITLE", course.title);
  d->SetValue("ORGANISATION", org ? org->name : "");
  d->SetValue("SUMMARY", course.summary);
  if (org && org->is_demo) d->ShowSection("DEMO");
  d->SetValue("MODE_CLASS", Tpl(ModeBadgeClass(course.mode)));
  d->SetValue("MODE_LABEL", Tpl(core::ModeLabel(course.mode, lang)));
  bool remote = course.mode == core::DeliveryMode::kRemote;
  if (remote) d->ShowSection("REMOTE");
  const core::Commune* commune =
      place.commune_code.empty() ? nullptr : catalogue.geography().FindCommune(place.commune_code);
  if (commune) {
    ctemplate::TemplateDictionary* p = d->AddSectionDictionary("PLACE");
    p->SetValue("PLACE_LABEL", core::CommuneLabel(*commune));
    if (place.distance_km) {
      double km = *place.distance_km;
      char buf[32];
      if (km < 1) std::snprintf(buf, sizeof buf, "< 1 km");
      else if (km < 10) std::snprintf(buf, sizeof buf, "%.1f km", km);
      else std::snprintf(buf, sizeof buf, "%.0f km", km);
      std::string text = buf;
      if (lang == core::Lang::kFr) std::replace(text.begin(), text.end(), '.', ',');
      p->SetValueAndShowSection("DISTANCE_TEXT", text, "DISTANCE");
    }
  } else if (remote) {
    d->ShowSection("ANYWHERE");
  } else {
    // A course seen as a whole (organisation page): its places.
    std::string places;
    for (const core::Session& s : course.sessions) {
      const core::Commune* c = catalogue.geography().FindCommune(s.commune_code);
      if (!c) continue;
      std::string label = core::CommuneLabel(*c);
      if (places.find(label) != std::string::npos) continue;
      places += (places.empty() ? "" : ", ") + label;
    }
    if (!places.empty()) d->AddSectionDictionary("PLACE")->SetValue("PLACE_LABEL", places);
  }
  d->SetValue("DURATION", core::DurationLabel(course.duration_weeks, lang));
  if (place.next_start)
    d->SetValueAndShowSection("NEXT_DATE", core::DateLabel(*place.next_start, lang), "NEXT");
  else
    d->ShowSection("NO_NEXT");
  const core::Family* family = catalogue.taxonomy().FindFamily(course.family_id);
  d->SetValue("FAMILY", Tpl(family ? core::Name(*family, lang) : course.family_id));
}

}  // namespace tremplin::site
