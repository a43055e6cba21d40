#include "site/invitation_pages.h"

#include <algorithm>

#include "auth/invitations.h"
#include "auth/mailed_links.h"
#include "auth/permissions.h"
#include "auth/sign_in.h"
#include "auth/tokens.h"
#include "core/text_rules.h"
#include "site/back_office.h"
#include "site/organisation_choices.h"
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
  PageMeta meta = BackOfficeMeta(std::string(M().Text(lang, "passwords.invite_title")), "invite.tpl", status);
  return NoStore(RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
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
    // Those typed that are organisations of the network are shown chosen again.
    std::vector<int64_t> chosen;
    for (const std::string& typed_id : typed.organisation_ids)
      if (std::optional<int64_t> id = core::ParsePositiveId(typed_id); id && catalogue->FindOrganisation(*id))
        chosen.push_back(*id);
    FillOrganisationChoices(dict, *catalogue, chosen, lang);
    FillFormErrors(dict, errors, req, lang, {"email", "name", "role", "organisations"});
  }));
}

web::Response ShowInvite(const web::Request& req, const search::Services& services,
                         const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  std::optional<auth::Principal> principal = CurrentPrincipal(req, accounts);
  if (!principal) return NoStore(web::Response::Redirect(LoginUrl(lang)));
  std::optional<store::User> sent;
  if (std::optional<int64_t> id = core::ParsePositiveId(req.Param("envoye"))) {
    core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
    if (db.ok()) {
      core::Result<std::optional<store::User>> found = store::FindUser(**db, *id);
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
  if (!principal) return NoStore(web::Response::Redirect(LoginUrl(lang)));
  core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
  auth::InvitationForm typed;
  if (!form.ok()) {  // an encoded NUL or a broken %-escape: no browser sends that from this form
    return InvitePage(req, services, *principal, 400, typed,
                      {core::MakeError(core::ErrorCode::kInvalidArgument, "form_invalid")},
                      nullptr);
  }
  typed.email = FormValue(*form, "email");
  typed.name = FormValue(*form, "name");
  typed.role = FormValue(*form, "role");
  for (const auto& [key, value] : *form)
    if (key == "organisations" && !value.empty()) typed.organisation_ids.push_back(value);  // empty: "None"
  // What goes back into the form: readable text, without NUL.
  auth::InvitationForm shown = typed;
  for (std::string* text : {&shown.email, &shown.name, &shown.role}) {
    if (!text::IsValidUtf8(*text)) text->clear();
    text->erase(std::remove(text->begin(), text->end(), '\0'), text->end());
  }
  if (!auth::SameToken(FormValue(*form, "csrf"), principal->csrf_token))
    return InvitePage(req, services, *principal, 403, shown, {CsrfRefused()}, nullptr);
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
  return NoStore(web::Response::Redirect(
      WithNotice(Localized(std::string(kInvitePath), lang), "envoye=" + std::to_string(*id))));
}

// ---- The invited person's page ---------------------------------------------------------------

// /invitation?jeton=…: who invites whom, to which role and organisations.
void DescribeInvitation(const search::Services& services, store::Database& db, const store::User& holder,
                        core::Lang lang, TemplateDictionary& dict) {
  // The inviter's current name; an invitation by someone since deleted still works.
  std::optional<store::User> inviter;
  core::Result<std::optional<int64_t>> inviter_id = store::InviterOf(db, holder.id);
  if (inviter_id.ok() && *inviter_id) {
    core::Result<std::optional<store::User>> found = store::FindUser(db, **inviter_id);
    if (found.ok()) inviter = *found;
  }
  dict.SetValue("LEAD", inviter ? M().Format(lang, "passwords.invitation_lead", {{"inviter", inviter->name}})
                                : std::string(M().Text(lang, "passwords.invitation_lead_anonymous")));
  dict.SetValue("NAME", holder.name);
  dict.SetValue("ROLE", auth::RoleDescription(lang, holder.role));
  auto catalogue = services.catalogue.Get();
  TemplateDictionary* list = nullptr;
  for (int64_t id : holder.organisation_ids) {
    const core::Organisation* organisation = catalogue->FindOrganisation(id);
    if (!organisation) continue;
    if (!list) list = dict.AddSectionDictionary("ORGANISATIONS");
    list->SetValueAndShowSection("NAME", organisation->name, "ORGANISATION");
  }
}

}  // namespace

void RegisterInvitationRoutes(web::Router& router, const search::Services& services,
                              const AccountServices& accounts, CommonPasswordList common) {
  router.Get(kInvitePath,
             [&](const web::Request& req) { return ShowInvite(req, services, accounts); });
  router.Post(kInvitePath,
              [&](const web::Request& req) { return SubmitInvite(req, services, accounts); });
  RegisterLinkRoutes(router, services, accounts, std::move(common),
                     {.purpose = store::TokenPurpose::kInvitation,
                      .path = auth::kInvitationPath,
                      .title_key = "passwords.invitation_title",
                      .content_template = "invitation.tpl",
                      .password_label_key = "passwords.invitation_password",
                      .done_notice = "compte-active=1",
                      .describe = [&services](store::Database& db, const store::User& holder,
                                              core::Lang lang, TemplateDictionary& dict) {
                        DescribeInvitation(services, db, holder, lang, dict);
                      }});
}

}  // namespace tremplin::site
