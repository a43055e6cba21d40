#include "store/accounts.h"

#include <soci/soci.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>

#include "store/audit_log.h"
#include "store/user_tokens.h"

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

namespace {

// The active administrators other than `id`: there must stay at least one.
int64_t OtherActiveAdmins(soci::session& sql, int64_t id) {
  int64_t count = 0;
  sql << "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at = '' AND id <> :id",
      soci::use(id), soci::into(count);
  return count;
}

bool IsActiveAdmin(const User& user) { return user.role == Role::kAdmin && !user.disabled; }

}  // namespace

core::Result<std::vector<User>> ListUsers(Database& db) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<std::vector<User>> {
    std::vector<User> users;
    UserRow row;
    soci::statement select =
        (sql.prepare << std::string("SELECT ") + kUserColumns + " FROM users ORDER BY id",
         soci::into(row.id), soci::into(row.email), soci::into(row.name), soci::into(row.role),
         soci::into(row.password_hash), soci::into(row.disabled_at));
    select.execute();
    std::map<int64_t, size_t> position;
    while (select.fetch()) {
      position[row.id] = users.size();
      users.push_back(User{.id = row.id,
                           .email = row.email,
                           .name = row.name,
                           .role = ParseRole(row.role).value_or(Role::kMember),
                           .password_hash = row.password_hash,
                           .disabled = !row.disabled_at.empty()});
    }
    int64_t user_id = 0, organisation = 0;
    soci::statement memberships =
        (sql.prepare << "SELECT user_id, organisation_id FROM user_organisations "
                        "ORDER BY user_id, organisation_id",
         soci::into(user_id), soci::into(organisation));
    memberships.execute();
    while (memberships.fetch())
      if (auto it = position.find(user_id); it != position.end())
        users[it->second].organisation_ids.push_back(organisation);
    return users;
  });
}

core::Status UpdateUser(Database& db, const User& user) {
  return db.Transaction([&](soci::session& sql) -> core::Status {
    std::string role(ToString(user.role)), now = UtcTimestamp();
    int disabled = user.disabled ? 1 : 0;
    // A disabled account keeps the time it was first disabled.
    soci::statement update =
        (sql.prepare << "UPDATE users SET name = :name, role = :role, disabled_at = CASE "
                        "WHEN :disabled = 0 THEN '' WHEN disabled_at = '' THEN :now "
                        "ELSE disabled_at END WHERE id = :id",
         soci::use(user.name), soci::use(role), soci::use(disabled), soci::use(now),
         soci::use(user.id));
    update.execute(true);
    if (update.get_affected_rows() != 1)
      return core::MakeError(core::ErrorCode::kNotFound, "administration_user_not_found");
    std::vector<int64_t> organisations = user.organisation_ids;
    std::sort(organisations.begin(), organisations.end());
    organisations.erase(std::unique(organisations.begin(), organisations.end()),
                        organisations.end());
    sql << "DELETE FROM user_organisations WHERE user_id = :id", soci::use(user.id);
    for (int64_t organisation : organisations) {
      sql << "INSERT INTO user_organisations (user_id, organisation_id) VALUES (:user, :org)",
          soci::use(user.id), soci::use(organisation);
    }
    if (!user.disabled) return core::Ok{};
    if (core::Status ended = DeleteSessionsOf(db, user.id); !ended.ok()) return ended;
    // Its mailed links too: an invitation or a reset link must not outlive a disabling, to work
    // again should the account be enabled.
    return EndUserTokens(db, user.id, static_cast<int64_t>(std::time(nullptr)));
  });
}

std::string UserAuditState(const User& user) {
  boost::json::array organisations;
  for (int64_t id : user.organisation_ids) organisations.emplace_back(id);
  return boost::json::serialize(boost::json::object{{"name", user.name},
                                                    {"role", ToString(user.role)},
                                                    {"organisation_ids", std::move(organisations)},
                                                    {"disabled", user.disabled}});
}

core::Result<bool> EditUser(Database& db, int64_t id, std::string_view actor,
                            std::string_view action,
                            const std::function<core::Status(User&)>& edit) {
  return db.Transaction([&](soci::session& sql) -> core::Result<bool> {
    // SQLite's write transaction already excludes every other writer. On PostgreSQL, the
    // active administrators' rows are locked first (always in the same order), so that two
    // administrators demoting each other at the same moment cannot leave none.
    if (db.backend() == Backend::kPostgresql) {
      int64_t locked = 0;
      sql << "SELECT COUNT(*) FROM (SELECT id FROM users WHERE role = 'admin' AND disabled_at = '' "
             "ORDER BY id FOR UPDATE) AS admins",
          soci::into(locked);
      sql << "SELECT id FROM users WHERE id = :id FOR UPDATE", soci::use(id), soci::into(locked);
    }
    core::Result<std::optional<User>> found = FindUser(db, id);
    if (!found.ok()) return found.error();
    if (!*found)
      return core::MakeError(core::ErrorCode::kNotFound, "administration_user_not_found");
    User user = **found;
    const std::string before = UserAuditState(user);
    const bool was_admin = IsActiveAdmin(user);
    if (core::Status edited = edit(user); !edited.ok()) return edited.error();
    user.id = id;
    std::sort(user.organisation_ids.begin(), user.organisation_ids.end());
    user.organisation_ids.erase(
        std::unique(user.organisation_ids.begin(), user.organisation_ids.end()),
        user.organisation_ids.end());
    const std::string after = UserAuditState(user);
    if (after == before) return false;
    if (was_admin && !IsActiveAdmin(user) && OtherActiveAdmins(sql, id) == 0)
      return core::MakeError(core::ErrorCode::kConflict, "administration_last_admin");
    if (core::Status updated = UpdateUser(db, user); !updated.ok()) return updated.error();
    AuditEntry entry;
    entry.actor = std::string(actor);
    entry.action = std::string(action);
    entry.entity = UserRef(id);
    entry.before_state = before;
    entry.after_state = after;
    if (core::Result<int64_t> audited = AppendAudit(db, std::move(entry)); !audited.ok())
      return audited.error();
    return true;
  });
}

}  // namespace tremplin::store
