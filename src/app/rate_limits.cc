#include "app/rate_limits.h"

#include <array>
#include <string>
#include <utility>

#include "api/api_routes.h"
#include "core/messages.h"
#include "core/result.h"
#include "site/dictionary.h"
#include "site/templates.h"
#include "web/cookies.h"
#include "web/language.h"

namespace tremplin::app {

bool IsRateLimited(std::string_view method, std::string_view pattern) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kLimited = {{
      {"GET", "/formations"},
      {"GET", "/api/v1/courses"},
      {"GET", "/api/v1/places"},
      {"POST", "/connexion"},
      {"POST", "/mot-de-passe-oublie"},
  }};
  for (const auto& [m, p] : kLimited)
    if ((method == m || (m == "GET" && method == "HEAD")) && pattern == p) return true;
  return false;
}

web::Response RateLimitedPage(const web::Request& req, const search::Services& services) {
  core::Lang lang = web::RequestLang(req);
  const core::Messages& m = core::Messages::Builtin();
  site::PageMeta meta;
  meta.status = 429;
  meta.title = std::string(m.Text(lang, "limits.title"));
  meta.description = meta.title;
  meta.content_template = "error_page.tpl";
  meta.noindex = true;
  web::Response page = site::RenderPage(req, services, lang, meta, [&](ctemplate::TemplateDictionary& dict) {
    dict.SetIntValue("STATUS", 429);
    dict.SetValue("TITLE", meta.title);
    dict.SetValue("TEXT", site::Tpl(m.ErrorText(lang, core::MakeError(core::ErrorCode::kTooManyRequests, "rate_limited"))));
  });
  page.SetHeader("Cache-Control", "no-store");
  return page;
}

web::Guard WithRateLimits(web::Guard inner, RateLimitContext context) {
  return [inner = std::move(inner), context = std::move(context)](
             const web::Request& req, std::string_view method, std::string_view pattern) -> std::optional<web::Response> {
    if (IsRateLimited(method, pattern)) {
      auto wait = context.limiter.Take(web::ClientAddress(req, context.trusted_proxies),
                                       web::RateLimiter::Clock::now());
      if (wait) {
        web::Response refused =
            pattern.starts_with("/api/")
                ? api::ErrorResponse({core::MakeError(core::ErrorCode::kTooManyRequests, "rate_limited")},
                                     web::RequestLang(req))
                : RateLimitedPage(req, context.services);
        refused.status = 429;
        refused.SetHeader("Retry-After", std::to_string(web::RateLimiter::RetryAfterSeconds(*wait)));
        refused.SetHeader("Cache-Control", "no-store");
        return refused;
      }
    }
    return inner ? inner(req, method, pattern) : std::nullopt;
  };
}

}  // namespace tremplin::app
