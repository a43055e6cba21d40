// The page templates (src/site/templates/*.tpl, compiled into the binary) registered with
// ctemplate, and the rendering of a page inside the site layout.
#pragma once

#include "site/dictionary.h"

#include <functional>
#include <string>

#include "core/messages.h"
#include "search/services.h"
#include "web/request.h"
#include "web/response.h"

namespace tremplin::site {

struct PageMeta {
  int status = 200;
  std::string title;        // <title> and usually the h1
  std::string description;  // meta description
  std::string content_template;  // e.g. "results.tpl"
  bool noindex = false;
  bool has_search_form = false;  // adds the "go to search" skip link
  enum class Nav { kNone, kSearch, kOrganisations, kAccount } nav = Nav::kNone;
};

// Fills the content template's dictionary.
using ContentFiller = std::function<void(ctemplate::TemplateDictionary& content)>;

// Renders `meta.content_template` inside the layout, with every message of `lang` available to
// templates as {{m_KEY}} (dots in keys become underscores: "search.title" → m_search_title).
web::Response RenderPage(const web::Request& req, const search::Services& services,
                         core::Lang lang, const PageMeta& meta, const ContentFiller& fill);

// Expands one template to a string with `dict` (templates must be registered: RenderPage does).
std::string Expand(const std::string& template_name, const ctemplate::TemplateDictionary& dict);

// Adds the include `name` (e.g. "SEARCH_FORM") to `dict`, expanding `template_name`.
ctemplate::TemplateDictionary* Include(ctemplate::TemplateDictionary& dict, const char* name,
                                       const char* template_name);

}  // namespace tremplin::site
