#include "site/error_pages.h"

#include "site/templates.h"
#include "web/language.h"

namespace tremplin::site {
namespace {

web::Response ErrorPage(const web::Request& req, const search::Services& services, int status,
                        const char* key) {
  core::Lang lang = web::RequestLang(req);
  const core::Messages& m = core::Messages::Builtin();
  PageMeta meta;
  meta.status = status;
  meta.title = std::string(m.Text(lang, std::string(key) + ".title"));
  meta.description = meta.title;
  meta.content_template = "error_page.tpl";
  meta.noindex = true;
  return RenderPage(req, services, lang, meta, [&](ctemplate::TemplateDictionary& dict) {
    dict.SetIntValue("STATUS", status);
    dict.SetValue("TITLE", meta.title);
    dict.SetValue("TEXT", Tpl(m.Text(lang, std::string(key) + ".text")));
  });
}

}  // namespace

web::Response ForbiddenPage(const web::Request& req, const search::Services& services) {
  web::Response response = ErrorPage(req, services, 403, "forbidden");
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

web::Response NotFoundPage(const web::Request& req, const search::Services& services) {
  return ErrorPage(req, services, 404, "not_found");
}

web::Response ServerErrorPage(const web::Request& req, const search::Services& services) {
  try {
    return ErrorPage(req, services, 500, "server_error");
  } catch (...) {
    // Rendering itself failed: a plain page is better than none.
    return web::Response::Text(500, "Erreur interne du serveur. Internal server error.");
  }
}

}  // namespace tremplin::site
