// Accounts in the database: users and their roles, the organisations a member belongs to,
// server-side sessions (known by the hash of their token) and failed sign-ins for throttling.
// Passwords and tokens arrive here already hashed (auth/); the store never sees a secret.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace tremplin::store {

enum class Role { kAdmin, kReviewer, kMember };
std::string_view ToString(Role role);  // "admin", "reviewer", "member"
std::optional<Role> ParseRole(std::string_view text);

// How emails are stored and compared: ASCII letters in lower case (other characters as typed).
std::string NormalizedEmail(std::string_view email);

struct User {
  int64_t id = 0;
  std::string email;  // lower case
  std::string name;
  Role role = Role::kMember;
  std::string password_hash;  // argon2id string; "" when none is set yet
  bool disabled = false;
  std::vector<int64_t> organisation_ids;  // a member's organisations, by id
};

// Stores a new user with its organisations and returns its id. An email already used fails
// with kConflict "conflict_duplicate_email", an unknown organisation with
// "conflict_unknown_reference".
core::Result<int64_t> InsertUser(Database& db, const User& user);

// The user with this email (compared in lower case) or this id; nullopt when there is none.
core::Result<std::optional<User>> FindUserByEmail(Database& db, std::string_view email);
core::Result<std::optional<User>> FindUser(Database& db, int64_t id);

core::Status SetPasswordHash(Database& db, int64_t user_id, std::string_view password_hash);

struct UserSession {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_unix = 0;
  int64_t seen_unix = 0;
};

core::Status InsertSession(Database& db, const UserSession& session);
core::Result<std::optional<UserSession>> FindSession(Database& db, std::string_view token_hash);
core::Status TouchSession(Database& db, std::string_view token_hash, int64_t seen_unix);
core::Status DeleteSession(Database& db, std::string_view token_hash);
// Every session of the user ("log out everywhere").
core::Status DeleteSessionsOf(Database& db, int64_t user_id);

// Failed sign-ins under `key` ("account:…", "address:…"): recorded (returning the row's id),
// counted since a time, forgotten one by one or all after a success.
core::Result<int64_t> RecordLoginFailure(Database& db, std::string_view key, int64_t at_unix);
core::Status DeleteLoginFailure(Database& db, int64_t id);
core::Result<int64_t> CountLoginFailures(Database& db, std::string_view key, int64_t since_unix);
core::Status ClearLoginFailures(Database& db, std::string_view key);

// --- Administration of accounts (the administrators' pages, /espace/utilisateurs) ---

// Every user with their organisations, by id.
core::Result<std::vector<User>> ListUsers(Database& db);

// Stores the name, role, organisations and disabled state of user `user.id` (its email and
// password hash stay as they are); disabling it also ends its sessions and its unused mailed
// links (store/user_tokens). Fails with kNotFound
// "administration_user_not_found" when there is no such user, kConflict
// "conflict_unknown_reference" for an organisation that does not exist.
core::Status UpdateUser(Database& db, const User& user);

// The state of `user` the audit log keeps: name, role, organisation ids and disabled, as JSON
// (never the email's history nor the password hash).
std::string UserAuditState(const User& user);

// Changes user `id` with `edit`, in one transaction that holds the row (and, on PostgreSQL,
// those of the active administrators): when something changed it is stored with UpdateUser
// and appended to the audit log as `action` by `actor`, with the state before and after.
// Returns whether something changed. Fails as `edit` does, with kNotFound
// "administration_user_not_found", or with kConflict "administration_last_admin" when no
// active administrator would be left.
core::Result<bool> EditUser(Database& db, int64_t id, std::string_view actor,
                            std::string_view action,
                            const std::function<core::Status(User&)>& edit);

}  // namespace tremplin::store
