// The site's URLs, in French paths, with "lang=en" kept when browsing in English.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/messages.h"
#include "web/request.h"

namespace tremplin::site {

using Parameters = std::vector<std::pair<std::string, std::string>>;

std::string HomeUrl(core::Lang lang);
std::string SearchPageUrl(core::Lang lang);
std::string OrganisationsUrl(core::Lang lang);
std::string LegalUrl(core::Lang lang);
std::string AccessibilityUrl(core::Lang lang);
std::string LoginUrl(core::Lang lang);
std::string AccountUrl(core::Lang lang);
// The path of a site page in `lang` ("/deconnexion", "/deconnexion?lang=en").
std::string Localized(std::string path, core::Lang lang);
// "/formations/12", "/formations/12?lieu=59350" (the place the person came from).
std::string CourseUrl(int64_t id, std::string_view commune_code, core::Lang lang);
std::string OrganisationUrl(int64_t id, core::Lang lang);

// `path` with the query `params` (encoded), "lang=en" appended in English.
std::string WithQuery(std::string_view path, const Parameters& params, core::Lang lang);

// The current page in the other language: same path and parameters, `lang` replaced.
std::string SwitchLanguageUrl(const web::Request& req, core::Lang target);

}  // namespace tremplin::site
