#include "auth/mailed_links.h"

#include <boost/json.hpp>

#include "auth/tokens.h"
#include "store/audit_log.h"

namespace tremplin::auth {

std::string MailedLinkUrl(std::string_view public_url, std::string_view path,
                          std::string_view token) {
  return std::string(public_url) + std::string(path) + "?" + std::string(kLinkTokenParameter) +
         "=" + std::string(token);
}

bool WellFormedLinkToken(std::string_view token) {
  return token.size() == 64 &&
         token.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

core::Result<store::User> LinkHolder(store::Database& db, store::TokenPurpose purpose,
                                     std::string_view token, int64_t now_unix) {
  if (!WellFormedLinkToken(token))
    return core::MakeError(core::ErrorCode::kNotFound, "mailed_link_unknown");
  core::Result<std::optional<store::UserToken>> found = store::FindUserToken(db, TokenHash(token));
  if (!found.ok()) return found.error();
  if (!*found || (*found)->purpose != purpose)
    return core::MakeError(core::ErrorCode::kNotFound, "mailed_link_unknown");
  if ((*found)->used_unix != 0)
    return core::MakeError(core::ErrorCode::kNotFound, "mailed_link_used");
  if ((*found)->expires_unix <= now_unix)
    return core::MakeError(core::ErrorCode::kNotFound, "mailed_link_expired");
  core::Result<std::optional<store::User>> user = store::FindUser(db, (*found)->user_id);
  if (!user.ok()) return user.error();
  if (!*user) return core::MakeError(core::ErrorCode::kNotFound, "mailed_link_unknown");
  if ((*user)->disabled) return core::MakeError(core::ErrorCode::kNotFound, "mailed_link_expired");
  return std::move(**user);
}

std::vector<core::Error> CheckChosenPassword(std::string_view password,
                                             std::string_view confirmation, std::string_view email,
                                             const CommonPasswords& common) {
  std::vector<core::Error> errors;
  if (password.empty()) {
    errors.push_back(
        core::MakeError(core::ErrorCode::kInvalidArgument, "new_password_required", "password"));
    return errors;
  }
  if (std::optional<core::Error> weak = CheckNewPassword(password, email, common))
    errors.push_back(*weak);
  if (confirmation != password) {
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument,
                                     "password_confirmation_mismatch", "password_confirmation"));
  }
  return errors;
}

LinkUse SetPasswordByLink(store::Database& db, store::TokenPurpose purpose, std::string_view token,
                          std::string_view password, std::string_view confirmation,
                          const CommonPasswords& common, int64_t now_unix) {
  core::Result<store::User> holder = LinkHolder(db, purpose, token, now_unix);
  if (!holder.ok()) return {std::nullopt, {holder.error()}};
  std::vector<core::Error> errors =
      CheckChosenPassword(password, confirmation, holder->email, common);
  if (!errors.empty()) return {std::nullopt, std::move(errors)};
  // A tenth of a second of hashing, outside the transaction that holds the write lock.
  core::Result<std::string> hash = HashPassword(password);
  if (!hash.ok()) return {std::nullopt, {hash.error()}};

  const store::User& user = *holder;
  core::Status done = db.Transaction([&](soci::session&) -> core::Status {
    core::Result<bool> consumed = store::ConsumeUserToken(db, TokenHash(token), purpose, now_unix);
    if (!consumed.ok()) return consumed.error();
    // Between the check above and here, another submission of the same link won.
    if (!*consumed) return core::MakeError(core::ErrorCode::kNotFound, "mailed_link_used");
    if (core::Status set = store::SetPasswordHash(db, user.id, *hash); !set.ok()) return set;
    if (core::Status ended = store::EndUserTokens(db, user.id, now_unix); !ended.ok()) return ended;
    // Whoever held a session (perhaps the reason for the reset) is signed out everywhere.
    if (core::Status out = store::DeleteSessionsOf(db, user.id); !out.ok()) return out;
    const std::string account_key = "account:" + store::NormalizedEmail(user.email);  // as SignIn's
    if (core::Status cleared = store::ClearLoginFailures(db, account_key); !cleared.ok())
      return cleared;
    store::AuditEntry entry;
    entry.actor = store::UserRef(user.id);
    entry.action =
        purpose == store::TokenPurpose::kInvitation ? "user.activate" : "user.password_reset";
    entry.entity = store::UserRef(user.id);
    entry.before_state = boost::json::serialize(
        boost::json::object{{"email", user.email}, {"has_password", !user.password_hash.empty()}});
    entry.after_state =
        boost::json::serialize(boost::json::object{{"email", user.email}, {"has_password", true}});
    core::Result<int64_t> audited = store::AppendAudit(db, std::move(entry));
    if (!audited.ok()) return audited.error();
    return core::Ok{};
  });
  if (!done.ok()) return {std::nullopt, {done.error()}};
  return {user, {}};
}

}  // namespace tremplin::auth
