#include "site/password_pages.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "auth/mailed_links.h"
#include "auth/password_reset.h"
#include "auth/sign_in.h"
#include "auth/tokens.h"
#include "site/invitation_pages.h"
#include "site/search_form.h"
#include "site/templates.h"
#include "site/urls.h"
#include "text/utf8.h"
#include "web/cookies.h"
#include "web/language.h"

namespace tremplin::site {
namespace {

using ctemplate::TemplateDictionary;

const core::Messages& M() { return core::Messages::Builtin(); }

constexpr std::string_view kForgotPath = "/mot-de-passe-oublie";
constexpr size_t kMaxTypedEmailBytes = 320;  // what the login form accepts

web::Response NoStore(web::Response response) {
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

// /mot-de-passe-oublie: the form, `errors` next to the email; after a request (?envoye=1) the
// same answer whatever became of it.
web::Response ForgotPage(const web::Request& req, const search::Services& services, int status,
                         const std::vector<core::Error>& errors, std::string_view email) {
  core::Lang lang = web::RequestLang(req);
  const std::string csrf = PublicFormCsrf(req);
  PageMeta meta;
  meta.status = status;
  meta.title = std::string(M().Text(lang, "passwords.forgot_title"));
  meta.content_template = "forgot_password.tpl";
  meta.noindex = true;
  meta.nav = PageMeta::Nav::kAccount;
  web::Response response = RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("ACTION", Localized(std::string(kForgotPath), lang));
    dict.SetValue("CSRF", csrf);
    dict.SetValue("EMAIL", std::string(email));
    dict.SetValue("LOGIN_URL", LoginUrl(lang));
    if (req.Has("envoye") && errors.empty()) {
      dict.SetValueAndShowSection(
          "TEXT",
          M().Format(lang, "passwords.forgot_sent",
                     {{"minutes", std::to_string(auth::kResetLinkSeconds / 60)}}),
          "SENT");
    }
    if (errors.empty()) return;
    FillErrorSummary(dict, errors, req, lang, {"email"});
    for (const core::Error& e : errors)
      if (e.field == "email")
        dict.SetValueAndShowSection("TEXT", M().ErrorText(lang, e), "EMAIL_ERROR");
  });
  KeepPublicFormCsrf(response, req, csrf);
  return NoStore(std::move(response));
}

web::Response ShowForgot(const web::Request& req, const search::Services& services) {
  return ForgotPage(req, services, 200, {}, "");
}

web::Response SubmitForgot(const web::Request& req, const search::Services& services,
                           const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
  if (!form.ok())  // an encoded NUL or a broken %-escape: no browser sends that from this form
    return ForgotPage(req, services, 400,
                      {core::MakeError(core::ErrorCode::kInvalidArgument, "form_invalid")}, "");
  const web::KeyValues& fields = *form;
  std::string email = FormValue(fields, "email");
  const bool readable = text::IsValidUtf8(email);
  if (!PublicFormCsrfMatches(req, FormValue(fields, "csrf"))) {
    return ForgotPage(req, services, 403,
                      {core::MakeError(core::ErrorCode::kForbidden, "csrf_invalid")},
                      readable ? email : "");
  }
  std::vector<core::Error> errors;
  size_t first = email.find_first_not_of(" \t"), last = email.find_last_not_of(" \t");
  email = first == std::string::npos ? "" : email.substr(first, last - first + 1);
  if (!readable) {
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument, "invalid_utf8", "email"));
    email.clear();  // never echoed into a page declared UTF-8
  } else if (email.empty()) {
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument, "email_required", "email"));
  } else if (email.size() > kMaxTypedEmailBytes ||
             std::any_of(email.begin(), email.end(), [](char c) {
               return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;  // NUL, line breaks…
             })) {
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument,
                                     "password_reset_email_invalid", "email"));
  }
  if (!errors.empty()) return ForgotPage(req, services, 400, errors, email);

  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok())
    return ForgotPage(req, services, core::HttpStatus(db.error().code), {db.error()}, email);
  core::Result<auth::ResetRequest> requested =
      auth::RequestPasswordReset(**db, email, accounts.public_url(), auth::NowUnix());
  if (!requested.ok()) {
    return ForgotPage(req, services, core::HttpStatus(requested.error().code), {requested.error()},
                      email);
  }
  // Mailed, unknown, disabled or throttled: the same answer (post/redirect/get).
  return NoStore(web::Response::Redirect(WithFlag(kForgotPath, "envoye=1", lang)));
}

// /nouveau-mot-de-passe?jeton=…: the form for the link's holder, or why the link cannot serve.
web::Response NewPasswordPage(const web::Request& req, const search::Services& services,
                              const AccountServices& accounts, const std::string& token, int status,
                              const std::vector<core::Error>& errors) {
  core::Lang lang = web::RequestLang(req);
  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok())
    return LinkProblemPage(req, services, store::TokenPurpose::kPasswordReset, &db.error());
  core::Result<store::User> holder =
      auth::LinkHolder(**db, store::TokenPurpose::kPasswordReset, token, auth::NowUnix());
  if (!holder.ok()) {
    return LinkProblemPage(req, services, store::TokenPurpose::kPasswordReset, &holder.error(),
                           status == 403 ? 403 : 0);
  }
  const std::string csrf = PublicFormCsrf(req);
  PageMeta meta;
  meta.status = status;
  meta.title = std::string(M().Text(lang, "passwords.new_title"));
  meta.content_template = "new_password.tpl";
  meta.noindex = true;
  meta.nav = PageMeta::Nav::kAccount;
  web::Response response = RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("ACTION", Localized(std::string(auth::kNewPasswordPath), lang));
    dict.SetValue("CSRF", csrf);
    dict.SetValue("TOKEN", token);
    dict.SetValue("EMAIL", holder->email);
    dict.SetValue("LEAD", M().Format(lang, "passwords.new_lead", {{"email", holder->email}}));
    if (!errors.empty())
      FillErrorSummary(dict, errors, req, lang, {"password", "password_confirmation"});
    FillPasswordFields(dict, lang, "passwords.new_password", errors);
  });
  KeepPublicFormCsrf(response, req, csrf);
  return WithoutTokenLeaks(std::move(response));
}

web::Response ShowNewPassword(const web::Request& req, const search::Services& services,
                              const AccountServices& accounts) {
  std::string token(req.Param(auth::kLinkTokenParameter));
  if (token.empty())
    return LinkProblemPage(req, services, store::TokenPurpose::kPasswordReset, nullptr);
  return NewPasswordPage(req, services, accounts, token, 200, {});
}

web::Response SubmitNewPassword(const web::Request& req, const search::Services& services,
                                const AccountServices& accounts, const CommonPasswordList& common) {
  core::Lang lang = web::RequestLang(req);
  core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
  if (!form.ok()) {
    const core::Error unreadable =
        core::MakeError(core::ErrorCode::kInvalidArgument, "form_invalid");
    return LinkProblemPage(req, services, store::TokenPurpose::kPasswordReset, &unreadable);
  }
  const web::KeyValues& fields = *form;
  const std::string token = FormValue(fields, auth::kLinkTokenParameter);
  if (!PublicFormCsrfMatches(req, FormValue(fields, "csrf"))) {
    return NewPasswordPage(req, services, accounts, token, 403,
                           {core::MakeError(core::ErrorCode::kForbidden, "csrf_invalid")});
  }
  if (token.empty())
    return LinkProblemPage(req, services, store::TokenPurpose::kPasswordReset, nullptr, 400);
  if (!common->ok()) return NewPasswordPage(req, services, accounts, token, 503, {common->error()});
  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok())
    return LinkProblemPage(req, services, store::TokenPurpose::kPasswordReset, &db.error());
  auth::LinkUse used = auth::SetPasswordByLink(
      **db, store::TokenPurpose::kPasswordReset, token, FormValue(fields, "password"),
      FormValue(fields, "password_confirmation"), **common, auth::NowUnix());
  if (used.user) {
    return WithoutTokenLeaks(
        web::Response::Redirect(WithFlag("/connexion", "mot-de-passe-change=1", lang)));
  }
  const core::Error& first = used.errors.front();
  if (first.id.starts_with("mailed_link_"))
    return LinkProblemPage(req, services, store::TokenPurpose::kPasswordReset, &first);
  int status = first.field.empty() ? core::HttpStatus(first.code) : 400;
  return NewPasswordPage(req, services, accounts, token, status, used.errors);
}

}  // namespace

std::string PublicFormCsrf(const web::Request& req) {
  std::string_view kept = web::CookieValue(req, kFormCsrfCookie);
  return auth::WellFormedLinkToken(kept) ? std::string(kept) : auth::RandomToken();
}

void KeepPublicFormCsrf(web::Response& response, const web::Request& req, const std::string& csrf) {
  if (web::CookieValue(req, kFormCsrfCookie) == csrf) return;
  response.AddHeader("Set-Cookie",
                     web::SetCookie(kFormCsrfCookie, csrf, {.secure = web::OverHttps(req)}));
}

bool PublicFormCsrfMatches(const web::Request& req, std::string_view sent) {
  return auth::SameToken(sent, web::CookieValue(req, kFormCsrfCookie));
}

std::string FormValue(const web::KeyValues& form, std::string_view name) {
  for (const auto& [key, value] : form)
    if (key == name) return value;
  return "";
}

web::Response WithoutTokenLeaks(web::Response response) {
  response.SetHeader("Cache-Control", "no-store");
  response.SetHeader("Referrer-Policy", "no-referrer");
  return response;
}

web::Response LinkProblemPage(const web::Request& req, const search::Services& services,
                              store::TokenPurpose purpose, const core::Error* error, int status) {
  core::Lang lang = web::RequestLang(req);
  const bool missing = error == nullptr;
  const bool gone =
      !missing && (error->id == "mailed_link_used" || error->id == "mailed_link_expired");
  const bool link_error = !missing && error->id.starts_with("mailed_link_");
  PageMeta meta;
  meta.status = status       ? status
                : missing    ? 200
                : gone       ? 410
                : link_error ? 404
                             : core::HttpStatus(error->code);
  const bool refused_form =
      !missing && !link_error && error->code == core::ErrorCode::kInvalidArgument;
  meta.title = std::string(M().Text(lang, missing        ? "passwords.link_missing_title"
                                          : gone         ? "passwords.link_expired_title"
                                          : link_error   ? "passwords.link_unknown_title"
                                          : refused_form ? "passwords.form_refused_title"
                                                         : "server_error.title"));
  meta.content_template = "link_expired.tpl";
  meta.noindex = true;
  meta.nav = PageMeta::Nav::kAccount;
  return WithoutTokenLeaks(RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("TITLE", meta.title);
    dict.SetValue("REASON", missing ? std::string(M().Text(lang, "passwords.link_missing_text"))
                                    : M().ErrorText(lang, *error));
    if (!missing && !link_error) return;  // the form or the database: to send again, not a new link
    TemplateDictionary* advice = dict.AddSectionDictionary("WHAT_TO_DO");
    advice->SetValue("TEXT", Tpl(M().Text(lang, purpose == store::TokenPurpose::kInvitation
                                                    ? "passwords.link_invitation_what_to_do"
                                                    : "passwords.link_reset_what_to_do")));
    advice->SetValue("NEW_LINK_URL", Localized(std::string(kForgotPath), lang));
    advice->SetValue("LOGIN_URL", LoginUrl(lang));
  }));
}

void FillPasswordFields(TemplateDictionary& dict, core::Lang lang, std::string_view label_key,
                        const std::vector<core::Error>& errors) {
  TemplateDictionary* fields = Include(dict, "PASSWORD_FIELDS", "password_fields.tpl");
  fields->SetValue("LABEL", Tpl(M().Text(lang, label_key)));
  for (const core::Error& e : errors) {
    if (e.field == "password")
      fields->SetValueAndShowSection("TEXT", M().ErrorText(lang, e), "PASSWORD_ERROR");
    if (e.field == "password_confirmation")
      fields->SetValueAndShowSection("TEXT", M().ErrorText(lang, e), "CONFIRMATION_ERROR");
  }
}

std::string WithFlag(std::string_view path, std::string_view flag, core::Lang lang) {
  std::string url = Localized(std::string(path), lang);
  return url + (url.find('?') == std::string::npos ? "?" : "&") + std::string(flag);
}

void RegisterPasswordRoutes(web::Router& router, const search::Services& services,
                            const AccountServices& accounts,
                            const std::vector<std::string>& common_password_files) {
  auto common = std::make_shared<const core::Result<auth::CommonPasswords>>(
      auth::CommonPasswords::Load(common_password_files));
  if (!common->ok())
    spdlog::error("new passwords cannot be checked: {}", core::ToLogString(common->error()));
  router.Get(kForgotPath, [&](const web::Request& req) { return ShowForgot(req, services); });
  router.Post(kForgotPath,
              [&](const web::Request& req) { return SubmitForgot(req, services, accounts); });
  router.Get(auth::kNewPasswordPath,
             [&](const web::Request& req) { return ShowNewPassword(req, services, accounts); });
  router.Post(auth::kNewPasswordPath, [&, common](const web::Request& req) {
    return SubmitNewPassword(req, services, accounts, common);
  });
  RegisterInvitationRoutes(router, services, accounts, common);
}

}  // namespace tremplin::site
