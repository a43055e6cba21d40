#include "store/accounts.h"

#include <soci/soci.h>

#include <algorithm>
#include <cctype>

namespace tremplin::store {
namespace {

// The user of the current row of a SELECT over users, organisations read afterwards.
struct UserRow {
  int64_t id = 0;
  std::string email, name, role, password_hash, disabled_at;
};

constexpr const char* kUserColumns = "id, email, name, role, password_hash, disabled_at";

// The user found by `where` ("id = :key" or "email = :key"), `key` bound to it.
template <typename Key>
core::Result<std::optional<User>> ReadUser(Database& db, const char* where, const Key& key) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<std::optional<User>> {
    UserRow row;
    soci::statement select =
        (sql.prepare << std::string("SELECT ") + kUserColumns + " FROM users WHERE " + where,
         soci::into(row.id), soci::into(row.email), soci::into(row.name), soci::into(row.role),
         soci::into(row.password_hash), soci::into(row.disabled_at), soci::use(key));
    if (!select.execute(true)) return std::optional<User>();
    User user;
    user.id = row.id;
    user.email = row.email;
    user.name = row.name;
    user.role = ParseRole(row.role).value_or(Role::kMember);
    user.password_hash = row.password_hash;
    user.disabled = !row.disabled_at.empty();
    int64_t organisation = 0;
    soci::statement organisations =
        (sql.prepare << "SELECT organisation_id FROM user_organisations WHERE user_id = :id "
                        "ORDER BY organisation_id",
         soci::use(user.id), soci::into(organisation));
    organisations.execute();
    while (organisations.fetch()) user.organisation_ids.push_back(organisation);
    return std::optional<User>(std::move(user));
  });
}

}  // namespace

std::string NormalizedEmail(std::string_view email) {
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kReviewer: return "reviewer";
    case Role::kMember: return "member";
  }
  return "member";
}

std::optional<Role> ParseRole(std::string_view text) {
  for (Role r : {Role::kAdmin, Role::kReviewer, Role::kMember})
    if (ToString(r) == text) return r;
  return std::nullopt;
}

core::Result<int64_t> InsertUser(Database& db, const User& user) {
  return db.Transaction([&](soci::session& sql) -> core::Result<int64_t> {
    std::string email = NormalizedEmail(user.email), role(ToString(user.role));
    std::string disabled_at = user.disabled ? UtcTimestamp() : "";
    std::string now = UtcTimestamp();
    int64_t id = 0;
    sql << "INSERT INTO users (email, name, role, password_hash, disabled_at, created_at) "
           "VALUES (:email, :name, :role, :hash, :disabled, :created) RETURNING id",
        soci::use(email), soci::use(user.name), soci::use(role), soci::use(user.password_hash),
        soci::use(disabled_at), soci::use(now), soci::into(id);
    for (int64_t organisation : user.organisation_ids) {
      sql << "INSERT INTO user_organisations (user_id, organisation_id) VALUES (:user, :org)",
          soci::use(id), soci::use(organisation);
    }
    return id;
  });
}

core::Result<std::optional<User>> FindUserByEmail(Database& db, std::string_view email) {
  const std::string key = NormalizedEmail(email);
  return ReadUser(db, "email = :key", key);
}

core::Result<std::optional<User>> FindUser(Database& db, int64_t id) {
  return ReadUser(db, "id = :key", id);
}

core::Status SetPasswordHash(Database& db, int64_t user_id, std::string_view password_hash) {
  return db.Transaction([&](soci::session& sql) -> core::Status {
    std::string hash(password_hash);
    sql << "UPDATE users SET password_hash = :hash WHERE id = :id", soci::use(hash), soci::use(user_id);
    return core::Ok{};
  });
}

core::Status InsertSession(Database& db, const UserSession& s) {
  return db.Transaction([&](soci::session& sql) -> core::Status {
    sql << "INSERT INTO user_sessions (token_hash, user_id, csrf_token, created_unix, seen_unix) "
           "VALUES (:token, :user, :csrf, :created, :seen)",
        soci::use(s.token_hash), soci::use(s.user_id), soci::use(s.csrf_token),
        soci::use(s.created_unix), soci::use(s.seen_unix);
    return core::Ok{};
  });
}

core::Result<std::optional<UserSession>> FindSession(Database& db, std::string_view token_hash) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<std::optional<UserSession>> {
    UserSession s;
    s.token_hash = token_hash;
    sql << "SELECT user_id, csrf_token, created_unix, seen_unix FROM user_sessions "
           "WHERE token_hash = :token",
        soci::use(s.token_hash), soci::into(s.user_id), soci::into(s.csrf_token),
        soci::into(s.created_unix), soci::into(s.seen_unix);
    if (!sql.got_data()) return std::optional<UserSession>();
    return std::optional<UserSession>(std::move(s));
  });
}

core::Status TouchSession(Database& db, std::string_view token_hash, int64_t seen_unix) {
  return db.Transaction([&](soci::session& sql) -> core::Status {
    std::string token(token_hash);
    sql << "UPDATE user_sessions SET seen_unix = :seen WHERE token_hash = :token",
        soci::use(seen_unix), soci::use(token);
    return core::Ok{};
  });
}

core::Status DeleteSession(Database& db, std::string_view token_hash) {
  return db.Transaction([&](soci::session& sql) -> core::Status {
    std::string token(token_hash);
    sql << "DELETE FROM user_sessions WHERE token_hash = :token", soci::use(token);
    return core::Ok{};
  });
}

core::Status DeleteSessionsOf(Database& db, int64_t user_id) {
  return db.Transaction([&](soci::session& sql) -> core::Status {
    sql << "DELETE FROM user_sessions WHERE user_id = :user", soci::use(user_id);
    return core::Ok{};
  });
}

core::Result<int64_t> RecordLoginFailure(Database& db, std::string_view key, int64_t at_unix) {
  return db.Transaction([&](soci::session& sql) -> core::Result<int64_t> {
    std::string k(key);
    int64_t id = 0;
    sql << "INSERT INTO login_failures (throttle_key, at_unix) VALUES (:key, :at) RETURNING id",
        soci::use(k), soci::use(at_unix), soci::into(id);
    return id;
  });
}

core::Status DeleteLoginFailure(Database& db, int64_t id) {
  return db.Transaction([&](soci::session& sql) -> core::Status {
    sql << "DELETE FROM login_failures WHERE id = :id", soci::use(id);
    return core::Ok{};
  });
}

core::Result<int64_t> CountLoginFailures(Database& db, std::string_view key, int64_t since_unix) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<int64_t> {
    std::string k(key);
    int64_t count = 0;
    sql << "SELECT COUNT(*) FROM login_failures WHERE throttle_key = :key AND at_unix >= :since",
        soci::use(k), soci::use(since_unix), soci::into(count);
    return count;
  });
}

core::Status ClearLoginFailures(Database& db, std::string_view key) {
  return db.Transaction([&](soci::session& sql) -> core::Status {
    std::string k(key);
    sql << "DELETE FROM login_failures WHERE throttle_key = :key", soci::use(k);
    return core::Ok{};
  });
}

}  // namespace tremplin::store
