#include "site/user_pages.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "auth/invitations.h"
#include "auth/mailed_links.h"
#include "auth/tokens.h"
#include "core/messages.h"
#include "core/text_rules.h"
#include "site/back_office.h"
#include "site/error_pages.h"
#include "site/organisation_choices.h"
#include "site/search_form.h"
#include "site/templates.h"
#include "site/urls.h"
#include "store/accounts.h"
#include "store/audit_log.h"
#include "text/fold.h"
#include "text/utf8.h"
#include "web/language.h"
#include "web/url_encoding.h"

namespace tremplin::site {
namespace {

using ctemplate::TemplateDictionary;

const core::Messages& M() { return core::Messages::Builtin(); }

// How long an invitation's link works, in days, for the messages that say so.
std::string InvitationDays() { return std::to_string(auth::kInvitationLinkSeconds / 86400); }

constexpr size_t kMaxFilterCharacters = 200;
constexpr store::Role kRoles[] = {store::Role::kAdmin, store::Role::kReviewer,
                                  store::Role::kMember};

// A role as the administrators' lists and choices label it ("Membre d’organisme"); the
// sentence that describes it to the person is auth::RoleDescription.
std::string RoleLabel(core::Lang lang, store::Role role) {
  return std::string(M().Text(lang, "administration.role_" + std::string(store::ToString(role))));
}

// "active", "pending" (invited, no password chosen yet) or "disabled".
std::string StateOf(const store::User& user) {
  if (user.disabled) return "disabled";
  return user.password_hash.empty() ? "pending" : "active";
}

// --- The list of accounts -------------------------------------------------------------------

web::Response ShowUsers(const web::Request& req, const search::Services& services,
                        const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  std::vector<core::Error> errors;
  std::string text(req.Param("q"));
  if (!text::IsValidUtf8(text)) {
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument, "invalid_utf8", "q"));
    text.clear();  // never echoed into a page declared UTF-8
  } else if (text::CharacterCount(text) > kMaxFilterCharacters) {
    errors.push_back(
        core::MakeError(core::ErrorCode::kInvalidArgument, "administration_filter_too_long", "q")
            .With("max", std::to_string(kMaxFilterCharacters)));
  }
  const std::string role_value(req.Param("role"));
  const std::optional<store::Role> role = store::ParseRole(role_value);
  if (!role_value.empty() && !role) {
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument,
                                     "administration_role_filter_invalid", "role")
                         .With("value", text::IsValidUtf8(role_value) ? role_value : "?"));
  }

  // Sorted by name as a person reads it: case and accents do not count.
  std::vector<std::pair<std::string, store::User>> shown;
  if (errors.empty()) {
    core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
    core::Result<std::vector<store::User>> users =
        db.ok() ? store::ListUsers(**db) : core::Result<std::vector<store::User>>(db.error());
    if (!users.ok()) return ProblemPage(req, services, users.error());
    const std::string wanted = text::Fold(core::Trimmed(text));
    for (store::User& user : *users) {
      std::string key = text::Fold(user.name);
      if (role && user.role != *role) continue;
      if (!wanted.empty() && key.find(wanted) == std::string::npos &&
          text::Fold(user.email).find(wanted) == std::string::npos)
        continue;
      shown.emplace_back(std::move(key), std::move(user));
    }
    std::sort(shown.begin(), shown.end(), [](const auto& a, const auto& b) {
      return std::tie(a.first, a.second.email) < std::tie(b.first, b.second.email);
    });
  }

  auto catalogue = services.catalogue.Get();
  PageMeta meta = BackOfficeMeta(std::string(M().Text(lang, "administration.users_title")),
                                 "users.tpl", errors.empty() ? 200 : 400);
  return NoStore(RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("ACCOUNT_URL", AccountUrl(lang));
    dict.SetValue("INVITE_URL", Localized("/espace/utilisateurs/inviter", lang));
    dict.SetValue("ACTION", "/espace/utilisateurs");
    if (lang == core::Lang::kEn) dict.ShowSection("LANG_EN");
    dict.SetValue("Q", text);
    for (store::Role r : kRoles) {
      TemplateDictionary* option = dict.AddSectionDictionary("ROLE_OPTION");
      option->SetValue("VALUE", Tpl(store::ToString(r)));
      option->SetValue("LABEL", RoleLabel(lang, r));
      if (role == r) option->ShowSection("SELECTED");
    }
    if (!text.empty() || !role_value.empty()) {
      dict.ShowSection("FILTERED");
      dict.SetValue("CLEAR_URL", UsersUrl(lang));
    }
    if (!errors.empty()) {
      FillFormErrors(dict, errors, req, lang, {"q", "role"});
      return;
    }
    dict.AddSectionDictionary("COUNT")->SetValue(
        "TEXT", shown.empty()       ? std::string(M().Text(lang, "administration.users_count_none"))
                : shown.size() == 1 ? std::string(M().Text(lang, "administration.users_count_one"))
                                    : M().Format(lang, "administration.users_count_many",
                                                 {{"count", std::to_string(shown.size())}}));
    if (shown.empty()) return;
    TemplateDictionary* table = dict.AddSectionDictionary("USERS");
    for (const auto& [key, user] : shown) {
      TemplateDictionary* row = table->AddSectionDictionary("USER");
      row->SetValue("URL", UserUrl(user.id, lang));
      row->SetValue("NAME", user.name);
      row->SetValue("EMAIL", user.email);
      row->SetValue("ROLE", RoleLabel(lang, user.role));
      row->SetValue("STATE", Tpl(M().Text(lang, "administration.state_" + StateOf(user))));
      if (user.organisation_ids.empty()) row->ShowSection("NO_ORGANISATION");
      std::vector<std::pair<std::string, std::string>> names;  // folded, as written
      for (int64_t id : user.organisation_ids) {
        std::string name = OrganisationName(*catalogue, id, lang);
        names.emplace_back(text::Fold(name), std::move(name));
      }
      std::sort(names.begin(), names.end());
      TemplateDictionary* list =
          names.empty() ? nullptr : row->AddSectionDictionary("ORGANISATIONS");
      for (const auto& [key, name] : names)
        list->AddSectionDictionary("ORGANISATION")->SetValue("NAME", name);
    }
  }));
}

// --- One account ----------------------------------------------------------------------------

// What the profile form shows: the stored values, or those just sent.
struct ProfileValues {
  std::string name;
  std::string role;  // "admin", "reviewer", "member", or what was sent
  std::set<int64_t> organisations;
  bool unknown_organisation = false;  // a value that is not an organisation id was sent
};

ProfileValues StoredValues(const store::User& user) {
  ProfileValues values;
  values.name = user.name;
  values.role = store::ToString(user.role);
  values.organisations.insert(user.organisation_ids.begin(), user.organisation_ids.end());
  return values;
}

ProfileValues SentValues(const web::KeyValues& form) {
  ProfileValues values;
  for (const auto& [key, value] : form) {
    if (key == "name") values.name = text::IsValidUtf8(value) ? value : "";
    if (key == "role") values.role = value;
    if (key != "organisation" || value.empty()) continue;  // empty: the select's "None"
    if (std::optional<int64_t> id = core::ParsePositiveId(value))
      values.organisations.insert(*id);
    else
      values.unknown_organisation = true;
  }
  return values;
}

web::Response UserPage(const web::Request& req, const search::Services& services,
                       const auth::Principal& principal, const store::User& user, int status,
                       const ProfileValues& values, const std::vector<core::Error>& errors) {
  core::Lang lang = web::RequestLang(req);
  auto catalogue = services.catalogue.Get();
  PageMeta meta = BackOfficeMeta(
      M().Format(lang, "administration.user_title", {{"name", user.name}}), "user.tpl", status);
  return NoStore(RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("TITLE", meta.title);
    dict.SetValue("EMAIL_LINE",
                  M().Format(lang, "administration.user_email", {{"email", user.email}}));
    dict.SetValue("USERS_URL", UsersUrl(lang));
    dict.SetValue("ACTION", UserUrl(user.id, lang));
    dict.SetValue("CSRF", principal.csrf_token);
    static constexpr std::pair<std::string_view, std::string_view> kNotices[] = {
        {"enregistre", "administration.saved"},
        {"inchange", "administration.unchanged"},
        {"desactive", "administration.disabled_notice"},
        {"reactive", "administration.enabled_notice"},
        {"deconnecte", "administration.signed_out_notice"},
        {"invitation-renvoyee", "administration.reinvited_notice"}};
    for (const auto& [parameter, key] : kNotices) {
      if (!errors.empty() || !req.Has(parameter)) continue;
      dict.AddSectionDictionary("NOTICE")->SetValue(
          "TEXT", M().Format(lang, key, {{"email", user.email}, {"days", InvitationDays()}}));
      break;
    }
    FillFormErrors(dict, errors, req, lang, {"name", "role", "organisations"});
    dict.SetValue("NAME", values.name);
    dict.SetIntValue("NAME_MAX", static_cast<long>(auth::kMaxPersonNameCharacters));
    // The first choice of a group carries the group's id, which the error summary links to.
    for (store::Role r : kRoles) {
      const std::string value(store::ToString(r));
      TemplateDictionary* choice = dict.AddSectionDictionary("ROLE");
      choice->SetValue("ID", r == kRoles[0] ? "role" : "role-" + value);
      choice->SetValue("VALUE", value);
      choice->SetValue("LABEL", RoleLabel(lang, r));
      choice->SetValue("HINT", Tpl(M().Text(lang, "administration.role_" + value + "_hint")));
      if (values.role == value) choice->ShowSection("CHECKED");
    }
    FillOrganisationChoices(dict, *catalogue,
                            std::vector<int64_t>(values.organisations.begin(), values.organisations.end()), lang);
    dict.SetValue("STATE", Tpl(M().Text(lang, "administration.state_is_" + StateOf(user))));
    if (StateOf(user) == "pending")
      dict.AddSectionDictionary("REINVITE")->SetValue(
          "HINT", M().Format(lang, "administration.reinvite_hint", {{"days", InvitationDays()}}));
    if (principal.user.id == user.id)
      dict.ShowSection("SELF");
    else
      dict.ShowSection(user.disabled ? "ENABLE" : "DISABLE");
  }));
}

// The answer to a change the store refused (the account gone, the last administrator…).
web::Response Refused(const web::Request& req, const search::Services& services,
                      const auth::Principal& principal, const store::User& user,
                      const ProfileValues& values, const core::Error& error) {
  if (error.code == core::ErrorCode::kNotFound) return NotFoundPage(req, services);
  return UserPage(req, services, principal, user, core::HttpStatus(error.code), values, {error});
}

web::Response SaveProfile(const web::Request& req, const search::Services& services,
                          store::Database& db, const auth::Principal& principal,
                          const store::User& user, const web::KeyValues& form) {
  core::Lang lang = web::RequestLang(req);
  const ProfileValues sent = SentValues(form);
  std::vector<core::Error> errors;
  core::Result<std::string> name = auth::ReadPersonName(FormValue(form, "name"));
  if (!name.ok()) errors.push_back(name.error());

  const std::optional<store::Role> role = store::ParseRole(sent.role);
  if (!role)
    errors.push_back(
        core::MakeError(core::ErrorCode::kInvalidArgument, "administration_role_required", "role"));
  else if (principal.user.id == user.id && *role != store::Role::kAdmin)
    errors.push_back(
        core::MakeError(core::ErrorCode::kInvalidArgument, "administration_self_demote", "role"));

  auto catalogue = services.catalogue.Get();
  const bool unknown =
      sent.unknown_organisation ||
      std::any_of(sent.organisations.begin(), sent.organisations.end(), [&](int64_t id) {
        return !catalogue->FindOrganisation(id) &&
               std::find(user.organisation_ids.begin(), user.organisation_ids.end(), id) ==
                   user.organisation_ids.end();
      });
  if (unknown)
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument,
                                     "administration_organisation_unknown", "organisations"));
  else if (role == store::Role::kMember && sent.organisations.empty())
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument,
                                     "administration_organisation_required", "organisations"));
  else if (role && role != store::Role::kMember && !sent.organisations.empty())
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument,
                                     "administration_organisations_not_for_role", "organisations"));
  if (!errors.empty()) return UserPage(req, services, principal, user, 400, sent, errors);

  core::Result<bool> changed = store::EditUser(
      db, user.id, Actor(principal), "user.edit", [&](store::User& stored) -> core::Status {
        stored.name = *name;
        stored.role = *role;
        stored.organisation_ids.assign(sent.organisations.begin(), sent.organisations.end());
        return core::Ok{};
      });
  if (!changed.ok()) return Refused(req, services, principal, user, sent, changed.error());
  return NoStore(web::Response::Redirect(
      WithNotice(UserUrl(user.id, lang), *changed ? "enregistre=1" : "inchange=1")));
}

web::Response SetDisabled(const web::Request& req, const search::Services& services,
                          store::Database& db, const auth::Principal& principal,
                          const store::User& user, bool disable) {
  core::Lang lang = web::RequestLang(req);
  if (disable && principal.user.id == user.id) {
    return UserPage(req, services, principal, user, 409, StoredValues(user),
                    {core::MakeError(core::ErrorCode::kConflict, "administration_self_disable")});
  }
  // Disabling also ends the account's sessions and mailed links (store::UpdateUser), in the
  // same transaction.
  core::Result<bool> changed = store::EditUser(
      db, user.id, Actor(principal), disable ? "user.disable" : "user.enable",
      [&](store::User& stored) -> core::Status {
        stored.disabled = disable;
        return core::Ok{};
      });
  if (!changed.ok())
    return Refused(req, services, principal, user, StoredValues(user), changed.error());
  const char* notice = !*changed ? "inchange=1" : disable ? "desactive=1" : "reactive=1";
  return NoStore(web::Response::Redirect(WithNotice(UserUrl(user.id, lang), notice)));
}

web::Response SignOutEverywhere(const web::Request& req, const search::Services& services,
                                store::Database& db, const auth::Principal& principal,
                                const store::User& user) {
  core::Lang lang = web::RequestLang(req);
  core::Status ended = db.Transaction([&](soci::session&) -> core::Status {
    if (core::Status deleted = store::DeleteSessionsOf(db, user.id); !deleted.ok()) return deleted;
    store::AuditEntry entry;
    entry.actor = Actor(principal);
    entry.action = "user.sign_out_everywhere";
    entry.entity = store::UserRef(user.id);
    entry.before_state = entry.after_state = store::UserAuditState(user);
    core::Result<int64_t> audited = store::AppendAudit(db, std::move(entry));
    if (!audited.ok()) return audited.error();
    return core::Ok{};
  });
  if (!ended.ok())
    return Refused(req, services, principal, user, StoredValues(user), ended.error());
  return NoStore(web::Response::Redirect(WithNotice(UserUrl(user.id, lang), "deconnecte=1")));
}

// Sends the invitation of an account still waiting for its password again: a new link (the
// older one ends), the mail, the audit entry "user.reinvite".
web::Response Reinvite(const web::Request& req, const search::Services& services,
                       const AccountServices& accounts, store::Database& db,
                       const auth::Principal& principal, const store::User& user) {
  core::Lang lang = web::RequestLang(req);
  auto catalogue = services.catalogue.Get();
  std::vector<std::string> organisation_names;
  for (int64_t id : user.organisation_ids) organisation_names.push_back(OrganisationName(*catalogue, id, lang));
  core::Status sent = auth::Reinvite(db, user.id, principal.user, organisation_names,
                                     accounts.public_url(), auth::NowUnix());
  if (!sent.ok()) return Refused(req, services, principal, user, StoredValues(user), sent.error());
  return NoStore(web::Response::Redirect(WithNotice(UserUrl(user.id, lang), "invitation-renvoyee=1")));
}

web::Response ShowUser(const web::Request& req, const search::Services& services,
                       const AccountServices& accounts) {
  std::optional<auth::Principal> principal = CurrentPrincipal(req, accounts);
  if (!principal) return NoStore(web::Response::Redirect(LoginUrl(web::RequestLang(req))));
  std::optional<int64_t> id = PositivePathId(req, "id");
  if (!id) return NotFoundPage(req, services);
  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return ProblemPage(req, services, db.error());
  core::Result<std::optional<store::User>> user = store::FindUser(**db, *id);
  if (!user.ok()) return ProblemPage(req, services, user.error());
  if (!*user) return NotFoundPage(req, services);
  return UserPage(req, services, *principal, **user, 200, StoredValues(**user), {});
}

web::Response SubmitUser(const web::Request& req, const search::Services& services,
                         const AccountServices& accounts) {
  std::optional<auth::Principal> principal = CurrentPrincipal(req, accounts);
  if (!principal) return NoStore(web::Response::Redirect(LoginUrl(web::RequestLang(req))));
  core::Result<web::KeyValues> decoded = web::DecodeUrlEncoded(req.body);
  const web::KeyValues form = decoded.ok() ? *decoded : web::KeyValues{};
  const std::string action = FormValue(form, "action");
  const bool csrf_ok = auth::SameToken(FormValue(form, "csrf"), principal->csrf_token);

  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return ProblemPage(req, services, db.error());
  std::optional<int64_t> id = PositivePathId(req, "id");
  std::optional<store::User> user;
  if (id) {
    core::Result<std::optional<store::User>> found = store::FindUser(**db, *id);
    if (!found.ok()) return ProblemPage(req, services, found.error());
    user = *found;
  }
  // The CSRF token is checked before anything else is decided; the account is read only to
  // show the form again.
  if (!csrf_ok) {
    if (!user) return ProblemPage(req, services, CsrfRefused());
    return UserPage(req, services, *principal, *user, 403,
                    action == "save" ? SentValues(form) : StoredValues(*user), {CsrfRefused()});
  }
  if (!user) return NotFoundPage(req, services);
  if (action == "save") return SaveProfile(req, services, **db, *principal, *user, form);
  if (action == "disable" || action == "enable")
    return SetDisabled(req, services, **db, *principal, *user, action == "disable");
  if (action == "sign_out") return SignOutEverywhere(req, services, **db, *principal, *user);
  if (action == "reinvite") return Reinvite(req, services, accounts, **db, *principal, *user);
  return UserPage(
      req, services, *principal, *user, 400, StoredValues(*user),
      {core::MakeError(core::ErrorCode::kInvalidArgument, "administration_action_unknown")});
}

}  // namespace

std::string UsersUrl(core::Lang lang) { return Localized("/espace/utilisateurs", lang); }

std::string UserUrl(int64_t user_id, core::Lang lang) {
  return Localized("/espace/utilisateurs/" + std::to_string(user_id), lang);
}

void RegisterUserRoutes(web::Router& router, const search::Services& services,
                        const AccountServices& accounts) {
  router.Get("/espace/utilisateurs",
             [&](const web::Request& req) { return ShowUsers(req, services, accounts); });
  router.Get("/espace/utilisateurs/{id}",
             [&](const web::Request& req) { return ShowUser(req, services, accounts); });
  router.Post("/espace/utilisateurs/{id}",
              [&](const web::Request& req) { return SubmitUser(req, services, accounts); });
}

}  // namespace tremplin::site
