#include "site/account_pages.h"

#include "auth/permissions.h"
#include "auth/tokens.h"
#include "core/messages.h"
#include "site/back_office.h"
#include "site/course_editor.h"
#include "site/organisation_editor.h"
#include "site/search_form.h"
#include "site/templates.h"
#include "site/urls.h"
#include "text/utf8.h"
#include "web/cookies.h"
#include "web/language.h"
#include "web/url_encoding.h"

namespace tremplin::site {
namespace {

using ctemplate::TemplateDictionary;

const core::Messages& M() { return core::Messages::Builtin(); }

// The login form, with `errors` and the email typed so far. A new login CSRF token is set in
// a cookie and in the form each time.
web::Response LoginForm(const web::Request& req, const search::Services& services, int status,
                        const std::vector<core::Error>& errors, std::string_view email,
                        std::string_view notice_key = "") {
  core::Lang lang = web::RequestLang(req);
  const std::string csrf = auth::RandomToken();
  PageMeta meta = BackOfficeMeta(std::string(M().Text(lang, "account.login_title")), "login.tpl", status);
  web::Response response = RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("ACTION", LoginUrl(lang));
    dict.SetValue("CSRF", csrf);
    dict.SetValue("EMAIL", std::string(email));
    dict.SetValue("FORGOT_PASSWORD_URL", Localized("/mot-de-passe-oublie", lang));
    if (!notice_key.empty()) dict.AddSectionDictionary("NOTICE")->SetValue("TEXT", Tpl(M().Text(lang, notice_key)));
    if (!errors.empty()) FillErrorSummary(dict, errors, req, lang, {"email", "password"});
    for (const core::Error& e : errors) {
      if (e.field == "email") dict.ShowSection("EMAIL_ERROR");
      if (e.field == "password" || e.id == "login_failed") dict.ShowSection("PASSWORD_ERROR");
    }
  });
  response.AddHeader("Set-Cookie", web::SetCookie(kLoginCsrfCookie, csrf,
                                                  {.secure = web::OverHttps(req), .path = "/connexion"}));
  return NoStore(std::move(response));
}

web::Response ShowLogin(const web::Request& req, const search::Services& services,
                        const AccountServices& accounts) {
  if (CurrentPrincipal(req, accounts)) return NoStore(web::Response::Redirect(AccountUrl(web::RequestLang(req))));
  // Where the person comes from: signing out, or a password just chosen with a mailed link.
  std::string_view notice = req.Has("sortie")                ? "account.logged_out"
                            : req.Has("mot-de-passe-change") ? "passwords.changed_notice"
                            : req.Has("compte-active")       ? "passwords.activated_notice"
                                                             : "";
  return LoginForm(req, services, 200, {}, "", notice);
}

web::Response SubmitLogin(const web::Request& req, const search::Services& services,
                          const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  core::Result<web::KeyValues> decoded = web::DecodeUrlEncoded(req.body);
  const web::KeyValues form = decoded.ok() ? *decoded : web::KeyValues{};
  std::string email = FormValue(form, "email");
  if (!auth::SameToken(FormValue(form, "csrf"), web::CookieValue(req, kLoginCsrfCookie)))
    return LoginForm(req, services, 403, {CsrfRefused()}, text::IsValidUtf8(email) ? email : "");
  std::vector<core::Error> errors;
  if (!text::IsValidUtf8(email)) {
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument, "invalid_utf8", "email"));
    email.clear();  // never echoed into a page declared UTF-8
  } else if (email.empty()) {
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument, "email_required", "email"));
  }
  std::string password = FormValue(form, "password");
  if (password.empty())
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument, "password_required", "password"));
  if (!errors.empty()) return LoginForm(req, services, 400, errors, email);

  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return LoginForm(req, services, 503, {db.error()}, email);
  core::Result<auth::SignedIn> signed_in =
      auth::SignIn(**db, email, password, web::ClientAddress(req, accounts.trusted_proxies),
                   auth::NowUnix(), accounts.policy);
  if (!signed_in.ok())
    return LoginForm(req, services, core::HttpStatus(signed_in.error().code), {signed_in.error()}, email);
  // A new session, hence a new cookie: whatever session id the browser had before is dropped.
  web::Response response = web::Response::Redirect(AccountUrl(lang));
  response.AddHeader("Set-Cookie", web::SetCookie(kSessionCookie, signed_in->token,
                                                  {.secure = web::OverHttps(req)}));
  response.AddHeader("Set-Cookie", web::SetCookie(kLoginCsrfCookie, "",
                                                  {.secure = web::OverHttps(req), .max_age_seconds = 0,
                                                   .path = "/connexion"}));
  return NoStore(std::move(response));
}

web::Response ShowAccount(const web::Request& req, const search::Services& services,
                          const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  std::optional<auth::Principal> principal = CurrentPrincipal(req, accounts);
  if (!principal) return NoStore(web::Response::Redirect(LoginUrl(lang)));
  const store::User& user = principal->user;
  auto catalogue = services.catalogue.Get();
  PageMeta meta = BackOfficeMeta(std::string(M().Text(lang, "account.space_title")), "account.tpl");
  return NoStore(RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("SIGNED_IN_AS", M().Format(lang, "account.signed_in_as", {{"name", user.name}, {"email", user.email}}));
    dict.SetValue("ROLE", M().Format(lang, "account.role", {{"role", auth::RoleDescription(lang, user.role)}}));
    dict.SetValue("CSRF", principal->csrf_token);
    dict.SetValue("LOGOUT_ACTION", Localized("/deconnexion", lang));
    dict.SetValue("LOGOUT_EVERYWHERE_ACTION", Localized("/deconnexion-partout", lang));
    TemplateDictionary* list = nullptr;
    for (int64_t id : user.organisation_ids) {
      const core::Organisation* organisation = catalogue->FindOrganisation(id);
      if (!organisation) continue;
      if (!list) list = dict.AddSectionDictionary("ORGANISATIONS");
      TemplateDictionary* item = list->AddSectionDictionary("ORGANISATION");
      item->SetValue("NAME", organisation->name);
      item->SetValue("URL", OrganisationUrl(id, lang));
      if (!auth::CanEditOrganisationData(user, id)) continue;
      TemplateDictionary* actions = item->AddSectionDictionary("EDITABLE");
      actions->SetValue("PROFILE_URL", OrganisationEditorUrl(id, lang));
      actions->SetValue("NEW_COURSE_URL",
                        Localized("/espace/organismes/" + std::to_string(id) + "/nouvelle-formation", lang));
      std::vector<const core::Course*> courses = catalogue->CoursesOf(id);
      if (courses.empty()) continue;
      TemplateDictionary* course_list = item->AddSectionDictionary("COURSES");
      course_list->SetValue("LABEL", M().Format(lang, "account.courses_of", {{"name", organisation->name}}));
      for (const core::Course* course : courses) {
        TemplateDictionary* entry = course_list->AddSectionDictionary("COURSE");
        entry->SetValue("TITLE", course->title);
        entry->SetValue("EDIT_URL", CourseEditorUrl(course->id, lang));
        if (!course->IsPublished())
          entry->AddSectionDictionary("STATUS")->SetValue(
              "TEXT", Tpl(M().Text(lang, "account.status_" + std::string(core::ToString(course->status)))));
      }
    }
    if (!list && user.role != store::Role::kAdmin) dict.ShowSection("NO_ORGANISATION");
    if (user.role == store::Role::kAdmin) {
      TemplateDictionary* admin = dict.AddSectionDictionary("ADMIN");
      admin->SetValue("ORGANISATIONS_URL", Localized("/espace/organismes", lang));
      admin->SetValue("USERS_URL", Localized("/espace/utilisateurs", lang));
      admin->SetValue("MAILS_URL", Localized("/espace/courriels", lang));
    }
  }));
}

// POST /deconnexion and /deconnexion-partout: the session's CSRF token must come with the form.
web::Response Logout(const web::Request& req, const search::Services& services,
                     const AccountServices& accounts, bool everywhere) {
  core::Lang lang = web::RequestLang(req);
  std::optional<auth::Principal> principal = CurrentPrincipal(req, accounts);
  if (!principal) return NoStore(web::Response::Redirect(LoginUrl(lang)));
  core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
  if (!auth::SameToken(form.ok() ? FormValue(*form, "csrf") : "", principal->csrf_token))
    return ProblemPage(req, services, CsrfRefused());
  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return LoginForm(req, services, 503, {db.error()}, "");
  core::Status ended = everywhere ? store::DeleteSessionsOf(**db, principal->user.id)
                                  : store::DeleteSession(**db, principal->token_hash);
  if (!ended.ok()) return LoginForm(req, services, core::HttpStatus(ended.error().code), {ended.error()}, "");
  web::Response response = web::Response::Redirect(WithNotice(LoginUrl(lang), "sortie=1"));
  response.AddHeader("Set-Cookie", web::SetCookie(kSessionCookie, "",
                                                  {.secure = web::OverHttps(req), .max_age_seconds = 0}));
  return NoStore(std::move(response));
}

}  // namespace

core::Result<std::optional<auth::Principal>> FindPrincipal(const web::Request& req,
                                                           const AccountServices& accounts) {
  std::string_view token = web::CookieValue(req, kSessionCookie);
  if (token.empty()) return std::optional<auth::Principal>();
  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return db.error();
  return auth::Authenticate(**db, token, auth::NowUnix(), accounts.policy);
}

std::optional<auth::Principal> CurrentPrincipal(const web::Request& req, const AccountServices& accounts) {
  core::Result<std::optional<auth::Principal>> principal = FindPrincipal(req, accounts);
  return principal.ok() ? *principal : std::nullopt;
}

void RegisterAccountRoutes(web::Router& router, const search::Services& services,
                           const AccountServices& accounts) {
  router.Get("/connexion", [&](const web::Request& req) { return ShowLogin(req, services, accounts); });
  router.Post("/connexion", [&](const web::Request& req) { return SubmitLogin(req, services, accounts); });
  router.Get("/espace", [&](const web::Request& req) { return ShowAccount(req, services, accounts); });
  router.Post("/deconnexion", [&](const web::Request& req) { return Logout(req, services, accounts, false); });
  router.Post("/deconnexion-partout",
              [&](const web::Request& req) { return Logout(req, services, accounts, true); });
}

}  // namespace tremplin::site
