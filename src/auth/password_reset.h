// "Forgotten password": a link mailed to the account's address, valid one hour, that lets its
// holder choose a new password (auth/mailed_links). The page that asks for it answers the same
// whatever happens here, so that it tells nobody which addresses have an account.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.h"
#include "store/accounts.h"
#include "store/database.h"
#include "store/outbox.h"

namespace tremplin::auth {

inline constexpr int64_t kMaxResetMailsPerHour = 3;

// What became of a request (for logs and tests; never shown).
enum class ResetRequest { kMailed, kNoAccount, kThrottled };

// The audit log's actor for what a visitor who is not signed in asks for.
inline constexpr std::string_view kAnonymousActor = "anonymous";

// Mails a new reset link to the account of `email` when there is one, not disabled, that was
// sent fewer than kMaxResetMailsPerHour links in the hour before `now_unix`: the link (which
// ends the account's earlier reset links), its mail in the outbox and the audit entry
// "user.password_reset_request" (actor kAnonymousActor; the account's email and the link's
// expiry, never the token) are stored together. Links point at `public_url`.
core::Result<ResetRequest> RequestPasswordReset(store::Database& db, std::string_view email,
                                                std::string_view public_url, int64_t now_unix);

// The mail that carries `link` to `user`: French, then a paragraph in English.
store::OutgoingMail PasswordResetMail(const store::User& user, std::string_view link);

}  // namespace tremplin::auth
