#include "site/info_pages.h"

#include "site/templates.h"
#include "web/language.h"

namespace tremplin::site {
namespace {

// Renders the text page whose messages are "PREFIX.title", "PREFIX.lead", and for N = 1, 2…
// "PREFIX.sN.heading" with paragraphs "PREFIX.sN.pM" and list items "PREFIX.sN.iM".
web::Response TextPage(const web::Request& req, const search::Services& services,
                       const std::string& prefix) {
  core::Lang lang = web::RequestLang(req);
  const core::Messages& m = core::Messages::Builtin();
  PageMeta meta;
  meta.title = std::string(m.Text(lang, prefix + ".title"));
  meta.description = std::string(m.Text(lang, prefix + ".lead"));
  meta.content_template = "text_page.tpl";
  return RenderPage(req, services, lang, meta, [&](ctemplate::TemplateDictionary& dict) {
    dict.SetValue("TITLE", meta.title);
    if (m.Has(lang, prefix + ".lead"))
      dict.AddSectionDictionary("LEAD")->SetValue("TEXT", Tpl(m.Text(lang, prefix + ".lead")));
    for (int s = 1; m.Has(lang, prefix + ".s" + std::to_string(s) + ".heading"); ++s) {
      std::string section = prefix + ".s" + std::to_string(s);
      ctemplate::TemplateDictionary* d = dict.AddSectionDictionary("SECTION");
      d->SetValue("HEADING", Tpl(m.Text(lang, section + ".heading")));
      for (int p = 1; m.Has(lang, section + ".p" + std::to_string(p)); ++p)
        d->AddSectionDictionary("PARAGRAPH")->SetValue("TEXT", Tpl(m.Text(lang, section + ".p" + std::to_string(p))));
      ctemplate::TemplateDictionary* items = nullptr;
      for (int i = 1; m.Has(lang, section + ".i" + std::to_string(i)); ++i) {
        if (!items) items = d->AddSectionDictionary("ITEMS");
        items->AddSectionDictionary("ITEM")->SetValue("TEXT", Tpl(m.Text(lang, section + ".i" + std::to_string(i))));
      }
    }
  });
}

}  // namespace

web::Response LegalNoticePage(const web::Request& req, const search::Services& services) {
  return TextPage(req, services, "legal");
}

web::Response AccessibilityPage(const web::Request& req, const search::Services& services) {
  return TextPage(req, services, "accessibility");
}

}  // namespace tremplin::site
