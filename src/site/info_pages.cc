#include "site/info_pages.h"

#include "site/templates.h"
#include "web/language.h"

namespace tremplin::site {
namespace {

using ctemplate::TemplateDictionary;

// Adds the paragraphs "KEY.p1", "KEY.p2"… then the list items "KEY.i1", "KEY.i2"… of `key`,
// as the template sections NAMEPARAGRAPH and NAMEITEMS. (Subsections need names of their own:
// ctemplate looks a section missing from a dictionary up in its parents.)
void FillBlocks(TemplateDictionary& dict, const core::Messages& m, core::Lang lang,
                const std::string& key, const std::string& name) {
  for (int p = 1; m.Has(lang, key + ".p" + std::to_string(p)); ++p) {
    dict.AddSectionDictionary(name + "PARAGRAPH")
        ->SetValue("TEXT", Tpl(m.Text(lang, key + ".p" + std::to_string(p))));
  }
  TemplateDictionary* items = nullptr;
  for (int i = 1; m.Has(lang, key + ".i" + std::to_string(i)); ++i) {
    if (!items) items = dict.AddSectionDictionary(name + "ITEMS");
    items->AddSectionDictionary("ITEM")->SetValue("TEXT", Tpl(m.Text(lang, key + ".i" + std::to_string(i))));
  }
}

// Renders the text page whose messages are "PREFIX.title", "PREFIX.lead", and for N = 1, 2…
// sections "PREFIX.sN" (an h2 "PREFIX.sN.heading", then its blocks, see FillBlocks), each with
// subsections "PREFIX.sN.subM" for M = 1, 2… (an h3 and its blocks).
web::Response TextPage(const web::Request& req, const search::Services& services,
                       const std::string& prefix) {
  core::Lang lang = web::RequestLang(req);
  const core::Messages& m = core::Messages::Builtin();
  PageMeta meta;
  meta.title = std::string(m.Text(lang, prefix + ".title"));
  meta.description = std::string(m.Text(lang, prefix + ".lead"));
  meta.content_template = "text_page.tpl";
  return RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("TITLE", meta.title);
    if (m.Has(lang, prefix + ".lead"))
      dict.AddSectionDictionary("LEAD")->SetValue("TEXT", Tpl(m.Text(lang, prefix + ".lead")));
    for (int s = 1; m.Has(lang, prefix + ".s" + std::to_string(s) + ".heading"); ++s) {
      std::string section = prefix + ".s" + std::to_string(s);
      TemplateDictionary* d = dict.AddSectionDictionary("SECTION");
      d->SetValue("HEADING", Tpl(m.Text(lang, section + ".heading")));
      FillBlocks(*d, m, lang, section, "");
      for (int k = 1; m.Has(lang, section + ".sub" + std::to_string(k) + ".heading"); ++k) {
        std::string sub = section + ".sub" + std::to_string(k);
        TemplateDictionary* sd = d->AddSectionDictionary("SUBSECTION");
        sd->SetValue("HEADING", Tpl(m.Text(lang, sub + ".heading")));
        FillBlocks(*sd, m, lang, sub, "SUB_");
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
