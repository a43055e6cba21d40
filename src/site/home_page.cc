#include "site/home_page.h"

#include <map>
#include <set>

#include "core/labels.h"
#include "search/query.h"
#include "site/search_form.h"
#include "site/templates.h"
#include "site/urls.h"
#include "web/language.h"

namespace tremplin::site {

web::Response HomePage(const web::Request& req, const search::Services& services) {
  core::Lang lang = web::RequestLang(req);
  const core::Messages& m = core::Messages::Builtin();
  auto catalogue = services.catalogue.Get();
  core::Date today = services.today();

  PageMeta meta;
  meta.title = std::string(m.Text(lang, "home.page_title"));
  meta.description = std::string(m.Text(lang, "home.description"));
  meta.content_template = "home.tpl";
  meta.has_search_form = true;
  return RenderPage(req, services, lang, meta, [&](ctemplate::TemplateDictionary& dict) {
    FillSearchForm(dict, "", "", "", search::kDefaultRadiusKm, nullptr, lang);
    int published = 0, upcoming = 0;
    std::set<std::string> places;
    std::set<int64_t> organisations;
    std::map<std::string, int> by_family;
    for (const auto& course : catalogue->courses()) {
      const core::Course& c = *course;
      if (!c.IsSearchable()) continue;
      ++published;
      ++by_family[c.family_id];
      organisations.insert(c.organisation_id);
      for (const core::Session& s : c.sessions) {
        if (s.start >= today) ++upcoming;
        if (!s.commune_code.empty()) places.insert(s.commune_code);
      }
    }
    dict.SetIntValue("COURSE_COUNT", published);
    dict.SetIntValue("ORGANISATION_COUNT", static_cast<long>(organisations.size()));
    dict.SetIntValue("UPCOMING_SESSION_COUNT", upcoming);
    dict.SetIntValue("PLACE_COUNT", static_cast<long>(places.size()));
    for (const core::Family& f : catalogue->taxonomy().families()) {
      ctemplate::TemplateDictionary* d = dict.AddSectionDictionary("FAMILY");
      d->SetValue("NAME", Tpl(core::Name(f, lang)));
      d->SetValue("URL", WithQuery("/formations", {{"family", std::string(f.id)}}, lang));
      int n = by_family[std::string(f.id)];
      d->SetValue("COUNT_TEXT", m.Format(lang, n == 1 ? "home.family_count_one" : "home.family_count_many",
                                         {{"n", std::to_string(n)}}));
      std::string examples;
      int shown = 0;
      for (const core::Profession* p : catalogue->taxonomy().ProfessionsOf(f.id)) {
        if (shown++ == 3) break;
        examples += (examples.empty() ? "" : ", ") + std::string(core::Name(*p, lang));
      }
      d->SetValue("EXAMPLES", examples);
    }
  });
}

}  // namespace tremplin::site
