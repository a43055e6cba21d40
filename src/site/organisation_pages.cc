#include "site/organisation_pages.h"

#include <algorithm>
#include <charconv>

#include "core/place.h"
#include "site/contact_rows.h"
#include "site/course_card.h"
#include "site/error_pages.h"
#include "site/templates.h"
#include "site/urls.h"
#include "text/fold.h"
#include "web/language.h"

namespace tremplin::site {
namespace {

const core::Messages& M() { return core::Messages::Builtin(); }

}  // namespace

web::Response OrganisationsPage(const web::Request& req, const search::Services& services) {
  core::Lang lang = web::RequestLang(req);
  auto catalogue = services.catalogue.Get();
  PageMeta meta;
  meta.title = std::string(M().Text(lang, "organisations.title"));
  meta.description = std::string(M().Text(lang, "organisations.lead"));
  meta.content_template = "organisations.tpl";
  meta.nav = PageMeta::Nav::kOrganisations;
  return RenderPage(req, services, lang, meta, [&](ctemplate::TemplateDictionary& dict) {
    std::vector<const core::Organisation*> sorted;
    for (const core::Organisation& o : catalogue->organisations()) sorted.push_back(&o);
    std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
      return text::Fold(a->name) < text::Fold(b->name);
    });
    int n = static_cast<int>(sorted.size());
    dict.SetValue("COUNT_TEXT", M().Format(lang, n == 1 ? "organisations.count_one" : "organisations.count_many",
                                           {{"n", std::to_string(n)}}));
    for (const core::Organisation* o : sorted) {
      ctemplate::TemplateDictionary* row = dict.AddSectionDictionary("ORGANISATION");
      row->SetValue("NAME", o->name);
      row->SetValue("URL", OrganisationUrl(o->id, lang));
      const core::Commune* c = catalogue->geography().FindCommune(o->commune_code);
      row->SetValue("PLACE", c ? core::CommuneLabel(*c) : "");
      row->SetIntValue("COURSES", static_cast<long>(catalogue->PublishedCoursesOf(o->id).size()));
    }
  });
}

web::Response OrganisationPage(const web::Request& req, const search::Services& services) {
  core::Lang lang = web::RequestLang(req);
  auto catalogue = services.catalogue.Get();
  std::string_view id_text = req.PathParam("id");
  int64_t id = 0;
  auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  const core::Organisation* org =
      ec == std::errc() && end == id_text.data() + id_text.size() ? catalogue->FindOrganisation(id)
                                                                 : nullptr;
  if (!org) return NotFoundPage(req, services);
  core::Date today = services.today();
  PageMeta meta;
  meta.title = org->name;
  meta.description = org->description;
  meta.content_template = "organisation.tpl";
  meta.nav = PageMeta::Nav::kOrganisations;
  return RenderPage(req, services, lang, meta, [&](ctemplate::TemplateDictionary& dict) {
    dict.SetValue("NAME", org->name);
    dict.SetValue("DESCRIPTION", org->description);
    if (org->qualiopi_certified) dict.ShowSection("QUALIOPI");
    if (org->is_demo) dict.ShowSection("DEMO");
    FillContactRows(dict, *org, catalogue->geography(), lang);
    std::vector<const core::Course*> courses = catalogue->PublishedCoursesOf(org->id);
    int n = static_cast<int>(courses.size());
    dict.SetValue("COURSES_TITLE", M().Format(lang, n == 1 ? "organisation.courses_one" : "organisation.courses_many",
                                              {{"n", std::to_string(n)}}));
    for (const core::Course* c : courses) {
      std::optional<core::Date> next;
      for (const core::Session& s : c->sessions)
        if (s.start >= today && (!next || s.start < *next)) next = s.start;
      FillCourseCard(*dict.AddSectionDictionary("CARD"), *c, {"", std::nullopt, next}, *catalogue, lang);
    }
  });
}

}  // namespace tremplin::site
