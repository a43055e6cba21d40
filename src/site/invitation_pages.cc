#include "site/invitation_pages.h"

#include <algorithm>
#include <charconv>

#include "auth/invitations.h"
#include "auth/mailed_links.h"
#include "auth/sign_in.h"
#include "auth/tokens.h"
#include "site/search_form.h"
#include "site/templates.h"
#include "site/urls.h"
#include "store/user_tokens.h"
#include "text/fold.h"
#include "text/utf8.h"
#include "web/language.h"

namespace tremplin::site {
namespace {

using ctemplate::TemplateDictionary;

const core::Messages& M() { return core::Messages::Builtin(); }

constexpr std::string_view kInvitePath = "/espace/utilisateurs/inviter";

std::string RoleName(core::Lang lang, store::Role role) {
  return std::string(M().Text(lang, "account.role_" + std::string(store::ToString(role))));
}

// ---- The administrator's form ----------------------------------------------------------------

// /espace/utilisateurs/inviter: the form with what was typed (`typed`, valid UTF-8 only) and
// `errors` next to their fields; `sent` is the person just invited, for the notice.
web::Response InvitePage(const web::Request& req, const search::Services& services,
                         const auth::Principal& principal, int status,
                         const auth::InvitationForm& typed, const std::vector<core::Error>& errors,
                         const store::User* sent) {
  core::Lang lang = web::RequestLang(req);
  auto catalogue = services.catalogue.Get();
  const std::string days = std::to_string(auth::kInvitationLinkSeconds / 86400);
  PageMeta meta;
  meta.status = status;
  meta.title = std::string(M().Text(lang, "passwords.invite_title"));
  meta.content_template = "invite.tpl";
  meta.noindex = true;
  meta.nav = PageMeta::Nav::kAccount;
  web::Response response = RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("ACCOUNT_URL", AccountUrl(lang));
    dict.SetValue("ACTION", Localized(std::string(kInvitePath), lang));
    dict.SetValue("CSRF", principal.csrf_token);
    dict.SetValue("LEAD", M().Format(lang, "passwords.invite_lead", {{"days", days}}));
    if (sent) {
      dict.SetValueAndShowSection(
          "TEXT",
          M().Format(lang, "passwords.invite_sent",
                     {{"name", sent->name}, {"email", sent->email}, {"days", days}}),
          "SENT");
    }
    dict.SetValue("EMAIL", typed.email);
    dict.SetValue("NAME", typed.name);
    for (store::Role role : {store::Role::kMember, store::Role::kReviewer, store::Role::kAdmin}) {
      const std::string value(store::ToString(role));
      TemplateDictionary* option = dict.AddSectionDictionary("ROLE");
      option->SetValue("VALUE", value);
      option->SetValue("LABEL", Tpl(M().Text(lang, "passwords.invite_role_" + value)));
      if (typed.role == value) option->ShowSection("CHECKED");
    }
    std::vector<const core::Organisation*> sorted;
    for (const core::Organisation& o : catalogue->organisations()) sorted.push_back(&o);
    std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
      return text::Fold(a->name) < text::Fold(b->name);
    });
    for (const core::Organisation* o : sorted) {
      const std::string id = std::to_string(o->id);
      TemplateDictionary* item = dict.AddSectionDictionary("ORGANISATION");
      item->SetValue("ID", id);
      item->SetValue("NAME", o->name);
      if (std::find(typed.organisation_ids.begin(), typed.organisation_ids.end(), id) !=
          typed.organisation_ids.end())
        item->ShowSection("CHECKED");
    }
    if (errors.empty()) return;
    FillErrorSummary(dict, errors, req, lang, {"email", "name", "role", "organisations"});
    for (const core::Error& e : errors) {
      for (auto [field, section] : {std::pair{"email", "EMAIL_ERROR"},
                                    {"name", "NAME_ERROR"},
                                    {"role", "ROLE_ERROR"},
                                    {"organisations", "ORGANISATIONS_ERROR"}}) {
        if (e.field == field) dict.SetValueAndShowSection("TEXT", M().ErrorText(lang, e), section);
      }
    }
  });
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

web::Response ShowInvite(const web::Request& req, const search::Services& services,
                         const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  std::optional<auth::Principal> principal = CurrentPrincipal(req, accounts);
  if (!principal) return web::Response::Redirect(LoginUrl(lang));
  std::optional<store::User> sent;
  std::string_view sent_id = req.Param("envoye");
  int64_t id = 0;
  auto [end, ec] = std::from_chars(sent_id.data(), sent_id.data() + sent_id.size(), id);
  if (ec == std::errc() && end == sent_id.data() + sent_id.size()) {
    core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
    if (db.ok()) {
      core::Result<std::optional<store::User>> found = store::FindUser(**db, id);
      if (found.ok()) sent = *found;
    }
  }
  return InvitePage(req, services, *principal, 200, auth::InvitationForm{.role = "member"}, {},
                    sent ? &*sent : nullptr);
}

web::Response SubmitInvite(const web::Request& req, const search::Services& services,
                           const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  std::optional<auth::Principal> principal = CurrentPrincipal(req, accounts);
  if (!principal) return web::Response::Redirect(LoginUrl(lang));
  core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
  auth::InvitationForm typed;
  if (!form.ok()) {  // an encoded NUL or a broken %-escape: no browser sends that from this form
    return InvitePage(req, services, *principal, 400, typed,
                      {core::MakeError(core::ErrorCode::kInvalidArgument, "form_invalid")},
                      nullptr);
  }
  std::string csrf;
  for (const auto& [key, value] : *form) {
    if (key == "csrf")
      csrf = value;
    else if (key == "email")
      typed.email = value;
    else if (key == "name")
      typed.name = value;
    else if (key == "role")
      typed.role = value;
    else if (key == "organisations")
      typed.organisation_ids.push_back(value);
  }
  // What goes back into the form: readable text, without NUL.
  auth::InvitationForm shown = typed;
  for (std::string* text : {&shown.email, &shown.name, &shown.role}) {
    if (!text::IsValidUtf8(*text)) text->clear();
    text->erase(std::remove(text->begin(), text->end(), '\0'), text->end());
  }
  if (!auth::SameToken(csrf, principal->csrf_token)) {
    return InvitePage(req, services, *principal, 403, shown,
                      {core::MakeError(core::ErrorCode::kForbidden, "csrf_invalid")}, nullptr);
  }
  auto catalogue = services.catalogue.Get();
  store::User invited;
  std::vector<core::Error> errors = auth::ReadInvitation(
      typed, [&](int64_t id) { return catalogue->FindOrganisation(id) != nullptr; }, invited);
  if (!errors.empty()) return InvitePage(req, services, *principal, 400, shown, errors, nullptr);

  std::vector<std::string> organisation_names;
  for (int64_t id : invited.organisation_ids)
    organisation_names.push_back(catalogue->FindOrganisation(id)->name);
  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok())
    return InvitePage(req, services, *principal, core::HttpStatus(db.error().code), shown,
                      {db.error()}, nullptr);
  core::Result<int64_t> id = auth::Invite(**db, invited, principal->user, organisation_names,
                                          accounts.public_url(), auth::NowUnix());
  if (!id.ok()) {
    return InvitePage(req, services, *principal, core::HttpStatus(id.error().code), shown,
                      {id.error()}, nullptr);
  }
  return web::Response::Redirect(WithFlag(kInvitePath, "envoye=" + std::to_string(*id), lang));
}

// ---- The invited person's page ---------------------------------------------------------------

// /invitation?jeton=…: who invites whom and the password fields, or why the link cannot serve.
web::Response InvitationPage(const web::Request& req, const search::Services& services,
                             const AccountServices& accounts, const std::string& token, int status,
                             const std::vector<core::Error>& errors) {
  core::Lang lang = web::RequestLang(req);
  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok())
    return LinkProblemPage(req, services, store::TokenPurpose::kInvitation, &db.error());
  core::Result<store::User> holder =
      auth::LinkHolder(**db, store::TokenPurpose::kInvitation, token, auth::NowUnix());
  if (!holder.ok()) {
    return LinkProblemPage(req, services, store::TokenPurpose::kInvitation, &holder.error(),
                           status == 403 ? 403 : 0);
  }
  // The inviter's current name; an invitation by someone since deleted still works.
  std::optional<store::User> inviter;
  core::Result<std::optional<int64_t>> inviter_id = store::InviterOf(**db, holder->id);
  if (inviter_id.ok() && *inviter_id) {
    core::Result<std::optional<store::User>> found = store::FindUser(**db, **inviter_id);
    if (found.ok()) inviter = *found;
  }
  auto catalogue = services.catalogue.Get();
  const std::string csrf = PublicFormCsrf(req);
  PageMeta meta;
  meta.status = status;
  meta.title = std::string(M().Text(lang, "passwords.invitation_title"));
  meta.content_template = "invitation.tpl";
  meta.noindex = true;
  meta.nav = PageMeta::Nav::kAccount;
  web::Response response = RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("LEAD",
                  inviter
                      ? M().Format(lang, "passwords.invitation_lead", {{"inviter", inviter->name}})
                      : std::string(M().Text(lang, "passwords.invitation_lead_anonymous")));
    dict.SetValue("NAME", holder->name);
    dict.SetValue("EMAIL", holder->email);
    dict.SetValue("ROLE", RoleName(lang, holder->role));
    TemplateDictionary* list = nullptr;
    for (int64_t id : holder->organisation_ids) {
      const core::Organisation* organisation = catalogue->FindOrganisation(id);
      if (!organisation) continue;
      if (!list) list = dict.AddSectionDictionary("ORGANISATIONS");
      list->SetValueAndShowSection("NAME", organisation->name, "ORGANISATION");
    }
    dict.SetValue("ACTION", Localized(std::string(auth::kInvitationPath), lang));
    dict.SetValue("CSRF", csrf);
    dict.SetValue("TOKEN", token);
    if (!errors.empty())
      FillErrorSummary(dict, errors, req, lang, {"password", "password_confirmation"});
    FillPasswordFields(dict, lang, "passwords.invitation_password", errors);
  });
  KeepPublicFormCsrf(response, req, csrf);
  return WithoutTokenLeaks(std::move(response));
}

web::Response ShowInvitation(const web::Request& req, const search::Services& services,
                             const AccountServices& accounts) {
  std::string token(req.Param(auth::kLinkTokenParameter));
  if (token.empty())
    return LinkProblemPage(req, services, store::TokenPurpose::kInvitation, nullptr);
  return InvitationPage(req, services, accounts, token, 200, {});
}

web::Response SubmitInvitation(const web::Request& req, const search::Services& services,
                               const AccountServices& accounts, const CommonPasswordList& common) {
  core::Lang lang = web::RequestLang(req);
  core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
  if (!form.ok()) {
    const core::Error unreadable =
        core::MakeError(core::ErrorCode::kInvalidArgument, "form_invalid");
    return LinkProblemPage(req, services, store::TokenPurpose::kInvitation, &unreadable);
  }
  const web::KeyValues& fields = *form;
  const std::string token = FormValue(fields, auth::kLinkTokenParameter);
  if (!PublicFormCsrfMatches(req, FormValue(fields, "csrf"))) {
    return InvitationPage(req, services, accounts, token, 403,
                          {core::MakeError(core::ErrorCode::kForbidden, "csrf_invalid")});
  }
  if (token.empty())
    return LinkProblemPage(req, services, store::TokenPurpose::kInvitation, nullptr, 400);
  if (!common->ok()) return InvitationPage(req, services, accounts, token, 503, {common->error()});
  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok())
    return LinkProblemPage(req, services, store::TokenPurpose::kInvitation, &db.error());
  auth::LinkUse used = auth::SetPasswordByLink(
      **db, store::TokenPurpose::kInvitation, token, FormValue(fields, "password"),
      FormValue(fields, "password_confirmation"), **common, auth::NowUnix());
  if (used.user)
    return WithoutTokenLeaks(
        web::Response::Redirect(WithFlag("/connexion", "compte-active=1", lang)));
  const core::Error& first = used.errors.front();
  if (first.id.starts_with("mailed_link_"))
    return LinkProblemPage(req, services, store::TokenPurpose::kInvitation, &first);
  int status = first.field.empty() ? core::HttpStatus(first.code) : 400;
  return InvitationPage(req, services, accounts, token, status, used.errors);
}

}  // namespace

void RegisterInvitationRoutes(web::Router& router, const search::Services& services,
                              const AccountServices& accounts, CommonPasswordList common) {
  router.Get(kInvitePath,
             [&](const web::Request& req) { return ShowInvite(req, services, accounts); });
  router.Post(kInvitePath,
              [&](const web::Request& req) { return SubmitInvite(req, services, accounts); });
  router.Get(auth::kInvitationPath,
             [&](const web::Request& req) { return ShowInvitation(req, services, accounts); });
  router.Post(auth::kInvitationPath, [&, common](const web::Request& req) {
    return SubmitInvitation(req, services, accounts, common);
  });
}

}  // namespace tremplin::site
