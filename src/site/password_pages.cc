#include "site/password_pages.h"

#include <spdlog/spdlog.h>

#include "auth/mailed_links.h"
#include "auth/password_reset.h"
#include "auth/sign_in.h"
#include "auth/tokens.h"
#include "core/text_rules.h"
#include "site/back_office.h"
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

// The CSRF token to put in a public form: the browser's, when its cookie holds a well-formed
// one (several tabs then agree), else a new one.
std::string PublicFormCsrf(const web::Request& req) {
  std::string_view kept = web::CookieValue(req, kFormCsrfCookie);
  return auth::WellFormedLinkToken(kept) ? std::string(kept) : auth::RandomToken();
}

// Sets the cookie of `csrf` on `response` unless the browser has it already.
void KeepPublicFormCsrf(web::Response& response, const web::Request& req, const std::string& csrf) {
  if (web::CookieValue(req, kFormCsrfCookie) == csrf) return;
  response.AddHeader("Set-Cookie",
                     web::SetCookie(kFormCsrfCookie, csrf, {.secure = web::OverHttps(req)}));
}

// Whether the form's token `sent` is the one of the browser's cookie.
bool PublicFormCsrfMatches(const web::Request& req, std::string_view sent) {
  return auth::SameToken(sent, web::CookieValue(req, kFormCsrfCookie));
}

// Never cached, no Referer: for pages whose address or form holds a link's token.
web::Response WithoutTokenLeaks(web::Response response) {
  response = NoStore(std::move(response));
  response.SetHeader("Referrer-Policy", "no-referrer");
  return response;
}

// /mot-de-passe-oublie: the form, `errors` next to the email; after a request (?envoye=1) the
// same answer whatever became of it.
web::Response ForgotPage(const web::Request& req, const search::Services& services, int status,
                         const std::vector<core::Error>& errors, std::string_view email) {
  core::Lang lang = web::RequestLang(req);
  const std::string csrf = PublicFormCsrf(req);
  PageMeta meta = BackOfficeMeta(std::string(M().Text(lang, "passwords.forgot_title")), "forgot_password.tpl", status);
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
  const std::string typed = FormValue(*form, "email");
  const bool readable = text::IsValidUtf8(typed);
  if (!PublicFormCsrfMatches(req, FormValue(*form, "csrf")))
    return ForgotPage(req, services, 403, {CsrfRefused()}, readable ? typed : "");
  std::vector<core::Error> errors;
  std::string email(core::Trimmed(typed));
  if (!readable) {
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument, "invalid_utf8", "email"));
    email.clear();  // never echoed into a page declared UTF-8
  } else if (email.empty()) {
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument, "email_required", "email"));
  } else if (email.size() > kMaxTypedEmailBytes || core::HasControlCharacter(email)) {  // NUL, line breaks…
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
  return NoStore(web::Response::Redirect(WithNotice(Localized(std::string(kForgotPath), lang), "envoye=1")));
}

// The page for a link of `purpose` that cannot be used (`error` from auth::LinkHolder, or a
// missing token when null): says why and what to do; 404 for an unknown link, 410 for a used or
// expired one, 200 for a missing one — unless `status` is given.
web::Response LinkProblemPage(const web::Request& req, const search::Services& services,
                              store::TokenPurpose purpose, const core::Error* error, int status = 0) {
  core::Lang lang = web::RequestLang(req);
  const bool missing = error == nullptr;
  const bool gone =
      !missing && (error->id == "mailed_link_used" || error->id == "mailed_link_expired");
  const bool link_error = !missing && error->id.starts_with("mailed_link_");
  const bool refused_form =
      !missing && !link_error && error->code == core::ErrorCode::kInvalidArgument;
  PageMeta meta = BackOfficeMeta(
      std::string(M().Text(lang, missing        ? "passwords.link_missing_title"
                                 : gone         ? "passwords.link_expired_title"
                                 : link_error   ? "passwords.link_unknown_title"
                                 : refused_form ? "passwords.form_refused_title"
                                                : "server_error.title")),
      "link_expired.tpl",
      status       ? status
      : missing    ? 200
      : gone       ? 410
      : link_error ? 404
                   : core::HttpStatus(error->code));
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

// Adds the PASSWORD_FIELDS include (a new password and its confirmation, never filled in),
// labelled `label_key`, with `errors` next to their fields.
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

// The page of a link of `kind` with `token`: the password form for its holder, or why the link
// cannot serve.
web::Response LinkFormPage(const web::Request& req, const search::Services& services,
                           const AccountServices& accounts, const LinkKind& kind,
                           const std::string& token, int status, const std::vector<core::Error>& errors) {
  core::Lang lang = web::RequestLang(req);
  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return LinkProblemPage(req, services, kind.purpose, &db.error());
  core::Result<store::User> holder = auth::LinkHolder(**db, kind.purpose, token, auth::NowUnix());
  if (!holder.ok()) return LinkProblemPage(req, services, kind.purpose, &holder.error(), status == 403 ? 403 : 0);
  const std::string csrf = PublicFormCsrf(req);
  PageMeta meta = BackOfficeMeta(std::string(M().Text(lang, kind.title_key)), std::string(kind.content_template), status);
  web::Response response = RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("ACTION", Localized(std::string(kind.path), lang));
    dict.SetValue("CSRF", csrf);
    dict.SetValue("TOKEN", token);
    dict.SetValue("EMAIL", holder->email);
    kind.describe(**db, *holder, lang, dict);
    if (!errors.empty())
      FillErrorSummary(dict, errors, req, lang, {"password", "password_confirmation"});
    FillPasswordFields(dict, lang, kind.password_label_key, errors);
  });
  KeepPublicFormCsrf(response, req, csrf);
  return WithoutTokenLeaks(std::move(response));
}

web::Response ShowLinkForm(const web::Request& req, const search::Services& services,
                           const AccountServices& accounts, const LinkKind& kind) {
  std::string token(req.Param(auth::kLinkTokenParameter));
  if (token.empty()) return LinkProblemPage(req, services, kind.purpose, nullptr);
  return LinkFormPage(req, services, accounts, kind, token, 200, {});
}

web::Response SubmitLinkForm(const web::Request& req, const search::Services& services,
                             const AccountServices& accounts, const CommonPasswordList& common,
                             const LinkKind& kind) {
  core::Lang lang = web::RequestLang(req);
  core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
  if (!form.ok()) {
    const core::Error unreadable = core::MakeError(core::ErrorCode::kInvalidArgument, "form_invalid");
    return LinkProblemPage(req, services, kind.purpose, &unreadable);
  }
  const std::string token = FormValue(*form, auth::kLinkTokenParameter);
  if (!PublicFormCsrfMatches(req, FormValue(*form, "csrf")))
    return LinkFormPage(req, services, accounts, kind, token, 403, {CsrfRefused()});
  if (token.empty()) return LinkProblemPage(req, services, kind.purpose, nullptr, 400);
  if (!common->ok()) return LinkFormPage(req, services, accounts, kind, token, 503, {common->error()});
  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return LinkProblemPage(req, services, kind.purpose, &db.error());
  auth::LinkUse used = auth::SetPasswordByLink(**db, kind.purpose, token, FormValue(*form, "password"),
                                               FormValue(*form, "password_confirmation"), **common,
                                               auth::NowUnix());
  if (used.user) return WithoutTokenLeaks(web::Response::Redirect(WithNotice(LoginUrl(lang), kind.done_notice)));
  const core::Error& first = used.errors.front();
  if (first.id.starts_with("mailed_link_")) return LinkProblemPage(req, services, kind.purpose, &first);
  int status = first.field.empty() ? core::HttpStatus(first.code) : 400;
  return LinkFormPage(req, services, accounts, kind, token, status, used.errors);
}

}  // namespace

void RegisterLinkRoutes(web::Router& router, const search::Services& services,
                        const AccountServices& accounts, CommonPasswordList common, LinkKind kind) {
  auto shared = std::make_shared<const LinkKind>(std::move(kind));
  router.Get(shared->path, [&services, &accounts, shared](const web::Request& req) {
    return ShowLinkForm(req, services, accounts, *shared);
  });
  router.Post(shared->path, [&services, &accounts, shared, common](const web::Request& req) {
    return SubmitLinkForm(req, services, accounts, common, *shared);
  });
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
  RegisterLinkRoutes(router, services, accounts, common,
                     {.purpose = store::TokenPurpose::kPasswordReset,
                      .path = auth::kNewPasswordPath,
                      .title_key = "passwords.new_title",
                      .content_template = "new_password.tpl",
                      .password_label_key = "passwords.new_password",
                      .done_notice = "mot-de-passe-change=1",
                      .describe = [](store::Database&, const store::User& holder, core::Lang lang,
                                     TemplateDictionary& dict) {
                        dict.SetValue("LEAD", M().Format(lang, "passwords.new_lead", {{"email", holder.email}}));
                      }});
  RegisterInvitationRoutes(router, services, accounts, common);
}

}  // namespace tremplin::site
