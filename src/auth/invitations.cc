#include "auth/invitations.h"

#include <algorithm>
#include <boost/json.hpp>

#include "auth/mailed_links.h"
#include "auth/permissions.h"
#include "auth/tokens.h"
#include "core/messages.h"
#include "core/text_rules.h"
#include "store/audit_log.h"
#include "store/user_tokens.h"
#include "text/utf8.h"

namespace tremplin::auth {
namespace {

// "membre d’organisme de formation (Atelier des Tilleuls, Code Pour Tous)".
std::string RoleText(core::Lang lang, store::Role role,
                     const std::vector<std::string>& organisation_names) {
  std::string text = RoleDescription(lang, role);
  if (organisation_names.empty()) return text;
  text += " (";
  for (size_t i = 0; i < organisation_names.size(); ++i)
    text += (i ? ", " : "") + organisation_names[i];
  return text + ")";
}

// What an invitation's audit entry keeps of the account (never its link).
std::string InvitationAuditState(const store::User& account) {
  boost::json::array organisations;
  for (int64_t o : account.organisation_ids) organisations.emplace_back(o);
  return boost::json::serialize(boost::json::object{{"email", account.email},
                                                    {"name", account.name},
                                                    {"role", store::ToString(account.role)},
                                                    {"organisation_ids", std::move(organisations)}});
}

// A new invitation link for `account` (its older ones end), the audit entry `action` by
// `inviter` (`before_state` as given) and the mail in the outbox, in the caller's transaction.
core::Status IssueInvitation(store::Database& db, const store::User& account,
                             const store::User& inviter, std::string_view action,
                             std::string before_state,
                             const std::vector<std::string>& organisation_names,
                             std::string_view public_url, int64_t now_unix) {
  const std::string token = RandomToken();
  store::UserToken stored{TokenHash(token),
                          account.id,
                          store::TokenPurpose::kInvitation,
                          now_unix,
                          now_unix + kInvitationLinkSeconds,
                          0};
  if (core::Status issued = store::IssueUserToken(db, stored); !issued.ok()) return issued;
  store::AuditEntry entry;
  entry.actor = store::UserRef(inviter.id);
  entry.action = std::string(action);
  entry.entity = store::UserRef(account.id);
  entry.before_state = std::move(before_state);
  entry.after_state = InvitationAuditState(account);
  if (core::Result<int64_t> audited = store::AppendAudit(db, std::move(entry)); !audited.ok())
    return audited.error();
  store::OutgoingMail mail = InvitationMail(account, inviter.name, organisation_names,
                                            MailedLinkUrl(public_url, kInvitationPath, token));
  if (core::Result<int64_t> queued = store::QueueMail(db, mail, now_unix); !queued.ok())
    return queued.error();
  return core::Ok{};
}

}  // namespace

core::Result<std::string> ReadPersonName(std::string_view typed) {
  std::string_view name = core::Trimmed(typed);
  if (!text::IsValidUtf8(typed))
    return core::MakeError(core::ErrorCode::kInvalidArgument, "invalid_utf8", "name");
  if (name.empty())
    return core::MakeError(core::ErrorCode::kInvalidArgument, "person_name_required", "name");
  if (core::HasControlCharacter(name))
    return core::MakeError(core::ErrorCode::kInvalidArgument, "person_name_invalid", "name");
  if (text::CharacterCount(name) > kMaxPersonNameCharacters)
    return core::MakeError(core::ErrorCode::kInvalidArgument, "person_name_too_long", "name")
        .With("max", std::to_string(kMaxPersonNameCharacters));
  return std::string(name);
}

std::vector<core::Error> ReadInvitation(const InvitationForm& form,
                                        const std::function<bool(int64_t)>& organisation_exists,
                                        store::User& invited) {
  std::vector<core::Error> errors;
  invited = store::User{};
  std::string_view email = core::Trimmed(form.email);
  if (!text::IsValidUtf8(form.email))
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument, "invalid_utf8", "email"));
  else if (email.empty())
    errors.push_back(
        core::MakeError(core::ErrorCode::kInvalidArgument, "invitation_email_required", "email"));
  else if (!core::PlausibleEmail(email))
    errors.push_back(
        core::MakeError(core::ErrorCode::kInvalidArgument, "invitation_email_invalid", "email"));
  else
    invited.email = store::NormalizedEmail(email);

  core::Result<std::string> name = ReadPersonName(form.name);
  if (name.ok()) invited.name = *name;
  else errors.push_back(name.error());

  std::optional<store::Role> role = store::ParseRole(form.role);
  if (!role) {
    errors.push_back(
        core::MakeError(core::ErrorCode::kInvalidArgument, "invitation_role_invalid", "role"));
    return errors;
  }
  invited.role = *role;
  if (*role != store::Role::kMember) return errors;
  bool unknown = false;
  for (const std::string& text : form.organisation_ids) {
    std::optional<int64_t> id = core::ParsePositiveId(text);
    if (!id || !organisation_exists(*id)) {
      unknown = true;
    } else if (std::find(invited.organisation_ids.begin(), invited.organisation_ids.end(), *id) ==
               invited.organisation_ids.end()) {
      invited.organisation_ids.push_back(*id);
    }
  }
  if (unknown)
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument,
                                     "invitation_organisation_unknown", "organisations"));
  else if (invited.organisation_ids.empty())
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument,
                                     "invitation_organisation_required", "organisations"));
  return errors;
}

store::OutgoingMail InvitationMail(const store::User& invited, std::string_view inviter_name,
                                   const std::vector<std::string>& organisation_names,
                                   std::string_view link) {
  const core::Messages& m = core::Messages::Builtin();
  auto args = [&](core::Lang lang) -> std::vector<std::pair<std::string, std::string>> {
    return {{"name", invited.name},
            {"email", invited.email},
            {"inviter", std::string(inviter_name)},
            {"role", RoleText(lang, invited.role, organisation_names)},
            {"link", std::string(link)},
            {"days", std::to_string(kInvitationLinkSeconds / 86400)}};
  };
  store::OutgoingMail mail;
  mail.to_address = invited.email;
  mail.subject = m.Text(core::Lang::kFr, "passwords.invitation_mail_subject");
  mail.body = m.Format(core::Lang::kFr, "passwords.invitation_mail_body", args(core::Lang::kFr)) +
              "\n\n" +
              m.Format(core::Lang::kEn, "passwords.invitation_mail_body", args(core::Lang::kEn));
  return mail;
}

core::Result<int64_t> Invite(store::Database& db, const store::User& invited,
                             const store::User& inviter,
                             const std::vector<std::string>& organisation_names,
                             std::string_view public_url, int64_t now_unix) {
  store::User account = invited;
  account.password_hash.clear();  // no sign-in before the person chooses a password
  return db.Transaction([&](soci::session&) -> core::Result<int64_t> {
    core::Result<int64_t> id = store::InsertUser(db, account);
    if (!id.ok()) {
      if (id.error().id == "conflict_unknown_reference")
        return core::MakeError(core::ErrorCode::kConflict, "invitation_organisation_unknown",
                               "organisations");
      return id.error();
    }
    account.id = *id;
    if (core::Status issued = IssueInvitation(db, account, inviter, "user.invite", "",
                                              organisation_names, public_url, now_unix);
        !issued.ok())
      return issued.error();
    return account.id;
  });
}

core::Status Reinvite(store::Database& db, int64_t user_id, const store::User& inviter,
                      const std::vector<std::string>& organisation_names,
                      std::string_view public_url, int64_t now_unix) {
  return db.Transaction([&](soci::session&) -> core::Status {
    core::Result<std::optional<store::User>> found = store::FindUser(db, user_id);
    if (!found.ok()) return found.error();
    if (!*found)
      return core::MakeError(core::ErrorCode::kNotFound, "administration_user_not_found");
    const store::User& account = **found;
    if (!account.password_hash.empty() || account.disabled)
      return core::MakeError(core::ErrorCode::kConflict, "invitation_not_pending");
    return IssueInvitation(db, account, inviter, "user.reinvite", InvitationAuditState(account),
                           organisation_names, public_url, now_unix);
  });
}

}  // namespace tremplin::auth
