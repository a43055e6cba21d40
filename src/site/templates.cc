#include "site/templates.h"

#include <cstring>
#include <ctemplate/template.h>

#include <cstdlib>
#include <mutex>

#include "core/embedded_files.h"
#include "site/urls.h"

namespace tremplin::site {
namespace {

constexpr std::string_view kTemplateDir = "src/site/templates/";

// Registers every embedded template once, under its file name ("results.tpl").
void RegisterTemplates() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (const core::EmbeddedFile& file : core::EmbeddedFiles()) {
      if (!file.path.starts_with(kTemplateDir)) continue;
      std::string name(file.path.substr(kTemplateDir.size()));
      if (!ctemplate::StringToTemplateCache(name, file.data.data(), file.data.size(),
                                            ctemplate::STRIP_BLANK_LINES)) {
        std::fprintf(stderr, "template %s does not parse\n", name.c_str());
        std::abort();  // a build defect, caught by the first test that renders a page
      }
    }
  });
}

// A version that changes whenever the CSS or JS does, so browsers never keep stale assets.
const std::string& AssetVersion() {
  static const std::string version = [] {
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (const core::EmbeddedFile& file : core::EmbeddedFiles()) {
      if (!file.path.starts_with("assets/")) continue;
      for (unsigned char c : file.data) h = (h ^ c) * 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return std::string(buf, 10);
  }();
  return version;
}

std::string MessageVariable(const std::string& key) {
  std::string name = "m_" + key;
  for (char& c : name)
    if (c == '.') c = '_';
  return name;
}

// Message variables per language, computed once ({{m_search_title}} → text).
const std::vector<std::pair<std::string, std::string_view>>& MessageVariables(core::Lang lang) {
  static const auto build = [](core::Lang l) {
    std::vector<std::pair<std::string, std::string_view>> out;
    for (const auto& [key, text] : core::Messages::Builtin().All(l))
      out.emplace_back(MessageVariable(key), text);
    return out;
  };
  static const std::vector<std::pair<std::string, std::string_view>> fr = build(core::Lang::kFr);
  static const std::vector<std::pair<std::string, std::string_view>> en = build(core::Lang::kEn);
  return lang == core::Lang::kEn ? en : fr;
}

}  // namespace

std::string Expand(const std::string& template_name, const ctemplate::TemplateDictionary& dict) {
  RegisterTemplates();
  std::string out;
  if (!ctemplate::ExpandTemplate(template_name, ctemplate::STRIP_BLANK_LINES, &dict, &out))
    throw std::runtime_error("cannot expand template " + template_name);
  return out;
}

ctemplate::TemplateDictionary* Include(ctemplate::TemplateDictionary& dict, const char* name,
                                       const char* template_name) {
  ctemplate::TemplateDictionary* sub = dict.AddIncludeDictionary(name);
  sub->SetFilename(template_name);
  return sub;
}

web::Response RenderPage(const web::Request& req, const search::Services& services,
                         core::Lang lang, const PageMeta& meta, const ContentFiller& fill) {
  RegisterTemplates();
  ctemplate::TemplateDictionary page("page");
  for (const auto& [name, text] : MessageVariables(lang))
    page.SetTemplateGlobalValueWithoutCopy(name, ctemplate::TemplateString(text.data(), text.size()));
  page.SetTemplateGlobalValue("ASSET_VERSION", AssetVersion());
  page.SetTemplateGlobalValue("HOME_URL", HomeUrl(lang));
  page.SetTemplateGlobalValue("SEARCH_URL", SearchPageUrl(lang));
  page.SetTemplateGlobalValue("ORGANISATIONS_URL", OrganisationsUrl(lang));
  page.SetTemplateGlobalValue("ACCOUNT_URL", AccountUrl(lang));
  page.SetTemplateGlobalValue("LEGAL_URL", LegalUrl(lang));
  page.SetTemplateGlobalValue("ACCESSIBILITY_URL", AccessibilityUrl(lang));
  if (lang == core::Lang::kEn) page.ShowTemplateGlobalSection("LANG_EN");
  page.SetValue("LANG", Tpl(core::LangCode(lang)));
  page.SetValue("TITLE", meta.title);
  page.SetValue("DESCRIPTION", meta.description);
  core::Lang other = lang == core::Lang::kFr ? core::Lang::kEn : core::Lang::kFr;
  page.SetValue("SWITCH_LANG", Tpl(core::LangCode(other)));
  page.SetValue("SWITCH_URL", SwitchLanguageUrl(req, other));
  if (meta.noindex) page.ShowSection("NOINDEX");
  if (meta.has_search_form) page.ShowSection("HAS_SEARCH_FORM");
  if (services.demo) page.ShowSection("DEMO_SITE");
  if (services.theme_css) page.ShowSection("THEME");
  if (meta.nav == PageMeta::Nav::kSearch) page.ShowSection("NAV_SEARCH");
  if (meta.nav == PageMeta::Nav::kOrganisations) page.ShowSection("NAV_ORGANISATIONS");
  if (meta.nav == PageMeta::Nav::kAccount) page.ShowSection("NAV_ACCOUNT");
  ctemplate::TemplateDictionary* content = Include(page, "CONTENT", meta.content_template.c_str());
  fill(*content);
  web::Response response = web::Response::Html(meta.status, Expand("layout.tpl", page));
  response.SetHeader("Content-Language", core::LangCode(lang));
  return response;
}

}  // namespace tremplin::site
