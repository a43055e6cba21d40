#include "app/access_guard.h"

#include <spdlog/spdlog.h>

#include "api/api_routes.h"
#include "api/course_edits.h"
#include "auth/route_access.h"
#include "site/back_office.h"
#include "site/urls.h"
#include "web/language.h"

namespace tremplin::app {

namespace {

web::Response Forbidden(const AccessContext& context, const web::Request& req) {
  if (context.forbidden) return context.forbidden(req);
  return web::Response::Text(403, "Forbidden");
}

web::Response Unavailable(const AccessContext& context, const web::Request& req, const core::Error& error) {
  if (context.unavailable) return context.unavailable(req, error);
  return web::Response::Text(core::HttpStatus(error.code), "Service indisponible. Service unavailable.");
}

}  // namespace

web::Guard MakeAccessGuard(const AccessContext& context) {
  return [&context](const web::Request& req, std::string_view method,
                    std::string_view pattern) -> std::optional<web::Response> {
    std::optional<auth::Access> access = auth::AccessOf(method, pattern);
    if (!access) {
      // RoutesWithoutAccess at start-up makes this unreachable; refuse rather than guess.
      spdlog::error("route {} {} has no access rule: refused", method, pattern);
      return web::Response::Text(403, "Forbidden");
    }
    switch (*access) {
      case auth::Access::kPublic:
        return std::nullopt;
      case auth::Access::kApiToken:
        return api::RefuseWithoutApiToken(req, context.api_token);
      case auth::Access::kSignedIn:
      case auth::Access::kOrganisationData:  // the handler then checks the organisation
      case auth::Access::kAdmin: {
        core::Result<std::optional<auth::Principal>> principal = site::FindPrincipal(req, context.accounts);
        // Not "signed out": the person's session may be fine, the database cannot say.
        if (!principal.ok()) return Unavailable(context, req, principal.error());
        if (!*principal) return site::NoStore(web::Response::Redirect(site::LoginUrl(web::RequestLang(req))));
        if (*access != auth::Access::kAdmin || (*principal)->user.role == store::Role::kAdmin) return std::nullopt;
        return Forbidden(context, req);
      }
    }
    return web::Response::Text(403, "Forbidden");
  };
}

std::vector<std::pair<std::string, std::string>> RoutesWithoutAccess(const web::Router& router) {
  std::vector<std::pair<std::string, std::string>> missing;
  for (auto& [method, pattern] : router.Routes())
    if (!auth::AccessOf(method, pattern)) missing.emplace_back(method, pattern);
  return missing;
}

}  // namespace tremplin::app
