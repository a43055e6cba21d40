#include "auth/invitations.h"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>

#include "auth/mailed_links.h"
#include "auth/tokens.h"
#include "core/messages.h"
#include "store/audit_log.h"
#include "store/user_tokens.h"
#include "text/utf8.h"

namespace tremplin::auth {
namespace {

std::string_view Trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

bool HasControlCharacter(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

// "membre d’organisme de formation (Atelier des Tilleuls, Code Pour Tous)".
std::string RoleText(core::Lang lang, store::Role role,
                     const std::vector<std::string>& organisation_names) {
  std::string text(
      core::Messages::Builtin().Text(lang, "account.role_" + std::string(store::ToString(role))));
  if (organisation_names.empty()) return text;
  text += " (";
  for (size_t i = 0; i < organisation_names.size(); ++i)
    text += (i ? ", " : "") + organisation_names[i];
  return text + ")";
}

}  // namespace

bool PlausibleEmail(std::string_view email) {
  size_t at = email.find('@');
  if (email.size() > kMaxEmailBytes || at == std::string_view::npos ||
      email.find('@', at + 1) != std::string_view::npos)
    return false;
  std::string_view local = email.substr(0, at), domain = email.substr(at + 1);
  auto dotted_well = [](std::string_view part) {
    return !part.empty() && part.front() != '.' && part.back() != '.' &&
           part.find("..") == std::string_view::npos;
  };
  if (!dotted_well(local) || local.size() > 64 || !dotted_well(domain) ||
      domain.find('.') == std::string_view::npos)
    return false;
  auto alphanumeric = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  bool local_ok = std::all_of(local.begin(), local.end(), [&](char c) {
    return alphanumeric(c) ||
           std::string_view("!#$%&'*+-/=?^_`{|}~.").find(c) != std::string_view::npos;
  });
  bool domain_ok = std::all_of(domain.begin(), domain.end(),
                               [&](char c) { return alphanumeric(c) || c == '-' || c == '.'; });
  return local_ok && domain_ok && domain.front() != '-' && domain.back() != '-';
}

std::vector<core::Error> ReadInvitation(const InvitationForm& form,
                                        const std::function<bool(int64_t)>& organisation_exists,
                                        store::User& invited) {
  std::vector<core::Error> errors;
  invited = store::User{};
  std::string_view email = Trimmed(form.email);
  if (!text::IsValidUtf8(form.email))
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument, "invalid_utf8", "email"));
  else if (email.empty())
    errors.push_back(
        core::MakeError(core::ErrorCode::kInvalidArgument, "invitation_email_required", "email"));
  else if (!PlausibleEmail(email))
    errors.push_back(
        core::MakeError(core::ErrorCode::kInvalidArgument, "invitation_email_invalid", "email"));
  else
    invited.email = store::NormalizedEmail(email);

  std::string_view name = Trimmed(form.name);
  if (!text::IsValidUtf8(form.name))
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument, "invalid_utf8", "name"));
  else if (name.empty())
    errors.push_back(
        core::MakeError(core::ErrorCode::kInvalidArgument, "invitation_name_required", "name"));
  else if (HasControlCharacter(name))
    errors.push_back(
        core::MakeError(core::ErrorCode::kInvalidArgument, "invitation_control_character", "name"));
  else if (text::CharacterCount(name) > kMaxPersonNameCharacters)
    errors.push_back(
        core::MakeError(core::ErrorCode::kInvalidArgument, "invitation_name_too_long", "name")
            .With("max", std::to_string(kMaxPersonNameCharacters)));
  else
    invited.name = name;

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
    int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || !organisation_exists(id)) {
      unknown = true;
    } else if (std::find(invited.organisation_ids.begin(), invited.organisation_ids.end(), id) ==
               invited.organisation_ids.end()) {
      invited.organisation_ids.push_back(id);
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
    const std::string token = RandomToken();
    store::UserToken stored{TokenHash(token),
                            account.id,
                            store::TokenPurpose::kInvitation,
                            now_unix,
                            now_unix + kInvitationLinkSeconds,
                            0};
    if (core::Status issued = store::IssueUserToken(db, stored); !issued.ok())
      return issued.error();
    boost::json::array organisations;
    for (int64_t o : account.organisation_ids) organisations.emplace_back(o);
    store::AuditEntry entry;
    entry.actor = "user:" + std::to_string(inviter.id);
    entry.action = "user.invite";
    entry.entity = "user:" + std::to_string(account.id);
    entry.after_state =
        boost::json::serialize(boost::json::object{{"email", account.email},
                                                   {"name", account.name},
                                                   {"role", store::ToString(account.role)},
                                                   {"organisation_ids", std::move(organisations)}});
    if (core::Result<int64_t> audited = store::AppendAudit(db, std::move(entry)); !audited.ok())
      return audited.error();
    store::OutgoingMail mail = InvitationMail(account, inviter.name, organisation_names,
                                              MailedLinkUrl(public_url, kInvitationPath, token));
    if (core::Result<int64_t> queued = store::QueueMail(db, mail, now_unix); !queued.ok())
      return queued.error();
    return account.id;
  });
}

}  // namespace tremplin::auth
