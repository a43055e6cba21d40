// Invitations: an administrator names a person (email, name, role and, for a member, the
// organisations), the account is created without a password — it cannot sign in — and a link
// valid 7 days is mailed to the person, who chooses a password with it (auth/mailed_links).
// While the account has no password, an administrator can send the invitation again: a new
// link, which ends the older one.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/accounts.h"
#include "store/database.h"
#include "store/outbox.h"

namespace tremplin::auth {

inline constexpr size_t kMaxPersonNameCharacters = 200;

// The invitation form as typed.
struct InvitationForm {
  std::string email, name, role;
  std::vector<std::string> organisation_ids;  // the ticked organisations' ids, as sent
};

// A person's name as typed, trimmed, or why it cannot be one (field "name"): "invalid_utf8",
// "person_name_required", "person_name_invalid" (a control character: tab, line break, NUL…),
// "person_name_too_long" (arg max: kMaxPersonNameCharacters). For invitations and the
// administrators' account pages alike.
core::Result<std::string> ReadPersonName(std::string_view typed);

// Puts the person `form` invites into `invited` (email and name trimmed, the role, a member's
// organisations; no password) and returns every reason it cannot, by field: "email"
// ("invitation_email_required", "invitation_email_invalid"), "name" (ReadPersonName's), "role"
// ("invitation_role_invalid"), "organisations" ("invitation_organisation_required" for a
// member without one, "invitation_organisation_unknown" when `organisation_exists` says no);
// "invalid_utf8" for any field. Other roles than member get no organisation.
std::vector<core::Error> ReadInvitation(const InvitationForm& form,
                                        const std::function<bool(int64_t)>& organisation_exists,
                                        store::User& invited);

// Creates the account of `invited` for `inviter`, in one transaction with its link (valid
// kInvitationLinkSeconds from `now_unix`), the audit entry "user.invite" (actor "user:ID" of
// the inviter) and the mail in the outbox, its link pointing at `public_url`. Returns the new
// account's id. Fails with kConflict "conflict_duplicate_email" (field "email") when the
// address has an account, "invitation_organisation_unknown" (field "organisations") when an
// organisation no longer exists.
core::Result<int64_t> Invite(store::Database& db, const store::User& invited,
                             const store::User& inviter,
                             const std::vector<std::string>& organisation_names,
                             std::string_view public_url, int64_t now_unix);

// Sends the invitation of account `user_id` again, for `inviter`, in one transaction: a new
// link valid kInvitationLinkSeconds from `now_unix` (the older one ends), the audit entry
// "user.reinvite" (actor "user:ID" of the inviter; never the token) and the mail in the outbox,
// its link pointing at `public_url`. `organisation_names` are the account's organisations' as
// the mail names them. Fails with kNotFound "administration_user_not_found", or kConflict
// "invitation_not_pending" when the account has a password already or is disabled.
core::Status Reinvite(store::Database& db, int64_t user_id, const store::User& inviter,
                      const std::vector<std::string>& organisation_names,
                      std::string_view public_url, int64_t now_unix);

// The mail that carries `link` to `invited`, from `inviter_name`: French, then a paragraph in
// English. A member's organisations are named.
store::OutgoingMail InvitationMail(const store::User& invited, std::string_view inviter_name,
                                   const std::vector<std::string>& organisation_names,
                                   std::string_view link);

}  // namespace tremplin::auth
