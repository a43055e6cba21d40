#include "store/user_tokens.h"

#include <soci/soci.h>

#include "store/audit_log.h"

namespace tremplin::store {

std::string_view ToString(TokenPurpose purpose) {
  switch (purpose) {
    case TokenPurpose::kInvitation:
      return "invitation";
    case TokenPurpose::kPasswordReset:
      return "password_reset";
  }
  return "password_reset";
}

core::Status IssueUserToken(Database& db, const UserToken& token) {
  return db.Transaction([&](soci::session& sql) -> core::Status {
    std::string purpose(ToString(token.purpose));
    sql << "UPDATE user_tokens SET expires_unix = :now WHERE user_id = :user AND purpose = "
           ":purpose "
           "AND used_unix = 0 AND expires_unix > :later",
        soci::use(token.created_unix), soci::use(token.user_id), soci::use(purpose),
        soci::use(token.created_unix);
    sql << "INSERT INTO user_tokens (token_hash, user_id, purpose, created_unix, expires_unix, "
           "used_unix) "
           "VALUES (:hash, :user, :purpose, :created, :expires, 0)",
        soci::use(token.token_hash), soci::use(token.user_id), soci::use(purpose),
        soci::use(token.created_unix), soci::use(token.expires_unix);
    return core::Ok{};
  });
}

core::Result<std::optional<UserToken>> FindUserToken(Database& db, std::string_view token_hash) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<std::optional<UserToken>> {
    UserToken token;
    token.token_hash = token_hash;
    std::string purpose;
    soci::statement select =
        (sql.prepare
             << "SELECT user_id, purpose, created_unix, expires_unix, used_unix FROM user_tokens "
                "WHERE token_hash = :hash",
         soci::into(token.user_id), soci::into(purpose), soci::into(token.created_unix),
         soci::into(token.expires_unix), soci::into(token.used_unix), soci::use(token.token_hash));
    if (!select.execute(true)) return std::optional<UserToken>();
    token.purpose = purpose == ToString(TokenPurpose::kInvitation) ? TokenPurpose::kInvitation
                                                                   : TokenPurpose::kPasswordReset;
    return std::optional<UserToken>(std::move(token));
  });
}

core::Result<bool> ConsumeUserToken(Database& db, std::string_view token_hash, TokenPurpose purpose,
                                    int64_t now_unix) {
  return db.Transaction([&](soci::session& sql) -> core::Result<bool> {
    std::string hash(token_hash), kind(ToString(purpose));
    // One statement both checks and marks: of two callers, the second finds used_unix set
    // (PostgreSQL re-reads the row once the first commits; SQLite runs one writer at a time).
    soci::statement consume =
        (sql.prepare << "UPDATE user_tokens SET used_unix = :now WHERE token_hash = :hash "
                        "AND purpose = :purpose AND used_unix = 0 AND expires_unix > :at",
         soci::use(now_unix), soci::use(hash), soci::use(kind), soci::use(now_unix));
    consume.execute(true);
    return consume.get_affected_rows() == 1;
  });
}

core::Status EndUserTokens(Database& db, int64_t user_id, int64_t now_unix) {
  return db.Transaction([&](soci::session& sql) -> core::Status {
    sql << "UPDATE user_tokens SET expires_unix = :now WHERE user_id = :user AND used_unix = 0 "
           "AND expires_unix > :later",
        soci::use(now_unix), soci::use(user_id), soci::use(now_unix);
    return core::Ok{};
  });
}

core::Result<int64_t> CountUserTokensSince(Database& db, int64_t user_id, TokenPurpose purpose,
                                           int64_t since_unix) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<int64_t> {
    std::string kind(ToString(purpose));
    int64_t count = 0;
    sql << "SELECT COUNT(*) FROM user_tokens WHERE user_id = :user AND purpose = :purpose "
           "AND created_unix >= :since",
        soci::use(user_id), soci::use(kind), soci::use(since_unix), soci::into(count);
    return count;
  });
}

core::Result<std::optional<int64_t>> InviterOf(Database& db, int64_t user_id) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<std::optional<int64_t>> {
    std::string entity = UserRef(user_id), actor;
    soci::statement select =
        (sql.prepare << "SELECT actor FROM audit_log WHERE action IN ('user.invite', "
                        "'user.reinvite') AND entity = :entity ORDER BY id DESC LIMIT 1",
         soci::into(actor), soci::use(entity));
    if (!select.execute(true)) return std::optional<int64_t>();
    return UserIdOf(actor);
  });
}

}  // namespace tremplin::store
