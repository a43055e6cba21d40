#include "site/urls.h"

#include "web/url_encoding.h"

namespace tremplin::site {

std::string Localized(std::string path, core::Lang lang) {
  return lang == core::Lang::kEn ? path + "?lang=en" : path;
}

std::string HomeUrl(core::Lang lang) { return Localized("/", lang); }
std::string SearchPageUrl(core::Lang lang) { return Localized("/formations", lang); }
std::string OrganisationsUrl(core::Lang lang) { return Localized("/organismes", lang); }
std::string LegalUrl(core::Lang lang) { return Localized("/mentions-legales", lang); }
std::string AccessibilityUrl(core::Lang lang) { return Localized("/accessibilite", lang); }
std::string LoginUrl(core::Lang lang) { return Localized("/connexion", lang); }
std::string AccountUrl(core::Lang lang) { return Localized("/espace", lang); }

std::string CourseUrl(int64_t id, std::string_view commune_code, core::Lang lang) {
  Parameters params;
  if (!commune_code.empty()) params.emplace_back("lieu", std::string(commune_code));
  return WithQuery("/formations/" + std::to_string(id), params, lang);
}

std::string OrganisationUrl(int64_t id, core::Lang lang) {
  return Localized("/organismes/" + std::to_string(id), lang);
}

std::string WithQuery(std::string_view path, const Parameters& params, core::Lang lang) {
  std::string url(path);
  char sep = '?';
  for (const auto& [name, value] : params) {
    if (name == "lang") continue;
    url += sep;
    url += web::EncodeQueryComponent(name);
    url += '=';
    url += web::EncodeQueryComponent(value);
    sep = '&';
  }
  if (lang == core::Lang::kEn) {
    url += sep;
    url += "lang=en";
  }
  return url;
}

std::string SwitchLanguageUrl(const web::Request& req, core::Lang target) {
  return WithQuery(req.path, req.query, target);
}

}  // namespace tremplin::site
