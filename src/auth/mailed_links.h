// What the two kinds of mailed single-use link have in common: the link itself (a random
// token whose SHA-256 only is stored), who it is for while it still works, and choosing a
// password with it. The link is consumed in the transaction that sets the password, so of two
// submissions of one link only one takes effect; a refused password leaves the link usable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/password.h"
#include "core/result.h"
#include "store/accounts.h"
#include "store/database.h"
#include "store/user_tokens.h"

namespace tremplin::auth {

inline constexpr int64_t kInvitationLinkSeconds = 7 * 24 * 3600;
inline constexpr int64_t kResetLinkSeconds = 3600;

// The query parameter that carries the token, and the pages the links open.
inline constexpr std::string_view kLinkTokenParameter = "jeton";
inline constexpr std::string_view kInvitationPath = "/invitation";
inline constexpr std::string_view kNewPasswordPath = "/nouveau-mot-de-passe";

// `public_url` + `path` + "?jeton=" + `token`.
std::string MailedLinkUrl(std::string_view public_url, std::string_view path,
                          std::string_view token);

// Whether `token` has the form of the tokens we mail (RandomToken: 64 lower-case hex digits).
bool WellFormedLinkToken(std::string_view token);

// The person the link of `purpose` with `token` is for, while it can be used at `now_unix`.
// Fails with kNotFound "mailed_link_unknown" (malformed, unknown, another kind of link),
// "mailed_link_used" (used already) or "mailed_link_expired" (too old, replaced by a newer
// link, or its account disabled since).
core::Result<store::User> LinkHolder(store::Database& db, store::TokenPurpose purpose,
                                     std::string_view token, int64_t now_unix);

// Why `password`, typed again as `confirmation`, cannot be the new password of `email`:
// CheckNewPassword's error, or "new_password_required" (field "password"), and
// "password_confirmation_mismatch" (field "password_confirmation"). Empty when it can.
std::vector<core::Error> CheckChosenPassword(std::string_view password,
                                             std::string_view confirmation, std::string_view email,
                                             const CommonPasswords& common);

// What became of a password chosen with a link: the person whose password it now is, or the
// reasons it was refused — the link's error alone, or the fields' errors.
struct LinkUse {
  std::optional<store::User> user;
  std::vector<core::Error> errors;
};

// Sets the password of the link's holder. The link and the password are checked first (a
// refusal consumes nothing); then, in one transaction: the link is consumed (a concurrent use
// that got there first makes this one fail with "mailed_link_used"), the argon2id hash stored,
// the person's other unused links ended, every session of the person ended, the account's
// failed sign-ins forgotten, and the audit log told ("user.activate" for an invitation,
// "user.password_reset" for a reset; actor "user:ID", never the hash).
LinkUse SetPasswordByLink(store::Database& db, store::TokenPurpose purpose, std::string_view token,
                          std::string_view password, std::string_view confirmation,
                          const CommonPasswords& common, int64_t now_unix);

}  // namespace tremplin::auth
