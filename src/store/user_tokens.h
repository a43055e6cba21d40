// The single-use links mailed to people (invitations to activate an account, password resets),
// known here by the SHA-256 of their token like sessions: this table never holds the token
// itself. The token does pass through the store once, inside the link in the mail's text
// (store/outbox), which is erased when the mail is sent or given up on.
// A link is used once: ConsumeUserToken succeeds for one caller only, in the transaction of
// what the link does, so two submissions of one link cannot both take effect.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/database.h"

namespace tremplin::store {

enum class TokenPurpose { kInvitation, kPasswordReset };
std::string_view ToString(TokenPurpose purpose);  // "invitation", "password_reset"

struct UserToken {
  std::string token_hash;
  int64_t user_id = 0;
  TokenPurpose purpose = TokenPurpose::kPasswordReset;
  int64_t created_unix = 0;
  int64_t expires_unix = 0;  // usable while now < expires_unix
  int64_t used_unix = 0;     // 0 until used
};

// Stores `token` and ends the user's earlier unused tokens of the same purpose (they expire at
// token.created_unix): only the latest link mailed works.
core::Status IssueUserToken(Database& db, const UserToken& token);

// The token known by `token_hash`, whatever its state; nullopt when there is none.
core::Result<std::optional<UserToken>> FindUserToken(Database& db, std::string_view token_hash);

// Marks the token used at `now_unix` when it is of `purpose`, unused and not expired. True for
// the one caller that did so; false when the token is unknown, of another purpose, already used
// or expired (by then, or by a concurrent caller).
core::Result<bool> ConsumeUserToken(Database& db, std::string_view token_hash, TokenPurpose purpose,
                                    int64_t now_unix);

// Ends every unused token of the user, whatever its purpose (they expire at `now_unix`): once a
// password is set, the links mailed before are worth nothing.
core::Status EndUserTokens(Database& db, int64_t user_id, int64_t now_unix);

// How many tokens of `purpose` the user was given at or after `since_unix` (for throttling).
core::Result<int64_t> CountUserTokensSince(Database& db, int64_t user_id, TokenPurpose purpose,
                                           int64_t since_unix);

// Who invited user `user_id`: the id in the actor ("user:ID") of the latest "user.invite" or
// "user.reinvite" entry of the audit log about this user (the one whose mail the person holds);
// nullopt when none (or not invited by a person).
core::Result<std::optional<int64_t>> InviterOf(Database& db, int64_t user_id);

}  // namespace tremplin::store
