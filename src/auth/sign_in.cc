#include "auth/sign_in.h"

#include "auth/password.h"
#include "auth/tokens.h"

namespace tremplin::auth {
namespace {

// A hash to check passwords against when the account does not exist, so that an unknown email
// takes as long to refuse as a wrong password.
const std::string& DecoyHash() {
  static const std::string hash = [] {
    core::Result<std::string> made = HashPassword(RandomToken());
    return made.ok() ? *made : std::string();
  }();
  return hash;
}

}  // namespace

int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

core::Result<SignedIn> SignIn(store::Database& db, std::string_view email,
                              std::string_view password, std::string_view address,
                              int64_t now_unix, const SessionPolicy& policy) {
  const std::string account_key = "account:" + store::NormalizedEmail(email.substr(0, 320));
  const std::string address_key = "address:" + std::string(address);
  const int64_t since = now_unix - policy.throttle_window_seconds;
  // Every attempt counts as a failure until its password is known to be right: recorded first,
  // then counted, so that attempts sent at the same moment cannot all slip under the limit.
  int64_t address_failure = 0;
  for (const auto& [key, limit] : {std::pair{account_key, policy.max_failures_per_account},
                                   std::pair{address_key, policy.max_failures_per_address}}) {
    core::Result<int64_t> recorded = store::RecordLoginFailure(db, key, now_unix);
    if (!recorded.ok()) return recorded.error();
    if (key == address_key) address_failure = *recorded;
    core::Result<int64_t> failures = store::CountLoginFailures(db, key, since);
    if (!failures.ok()) return failures.error();
    if (*failures > limit) {
      return core::MakeError(core::ErrorCode::kTooManyRequests, "login_throttled")
          .With("minutes", std::to_string((policy.throttle_window_seconds + 59) / 60));
    }
  }
  core::Result<std::optional<store::User>> user = store::FindUserByEmail(db, email);
  if (!user.ok()) return user.error();
  // Unknown email, account without a password yet: a check against the decoy all the same, so
  // that the time taken does not tell them apart from a wrong password.
  bool known = *user && !(*user)->password_hash.empty();
  bool accepted = VerifyPassword(password, known ? (*user)->password_hash : DecoyHash()) && known;
  if (!accepted || (*user)->disabled) return core::MakeError(core::ErrorCode::kUnauthorized, "login_failed");
  // Right: this attempt was no failure, and the account starts afresh.
  if (core::Status cleared = store::ClearLoginFailures(db, account_key); !cleared.ok())
    return cleared.error();
  if (core::Status kept = store::DeleteLoginFailure(db, address_failure); !kept.ok()) return kept.error();
  SignedIn signed_in{std::move(**user), RandomToken(), RandomToken()};
  store::UserSession session{TokenHash(signed_in.token), signed_in.user.id, signed_in.csrf_token,
                             now_unix, now_unix};
  if (core::Status stored = store::InsertSession(db, session); !stored.ok()) return stored.error();
  return signed_in;
}

core::Result<std::optional<Principal>> Authenticate(store::Database& db, std::string_view token,
                                                    int64_t now_unix, const SessionPolicy& policy) {
  if (token.empty()) return std::optional<Principal>();
  const std::string hash = TokenHash(token);
  core::Result<std::optional<store::UserSession>> session = store::FindSession(db, hash);
  if (!session.ok()) return session.error();
  if (!*session) return std::optional<Principal>();
  if (now_unix - (*session)->created_unix > policy.absolute_seconds ||
      now_unix - (*session)->seen_unix > policy.idle_seconds) {
    if (core::Status deleted = store::DeleteSession(db, hash); !deleted.ok()) return deleted.error();
    return std::optional<Principal>();
  }
  core::Result<std::optional<store::User>> user = store::FindUser(db, (*session)->user_id);
  if (!user.ok()) return user.error();
  if (!*user || (*user)->disabled) return std::optional<Principal>();
  // Noting every request would write on every page view: once a minute is enough for the
  // idle timeout.
  if (now_unix - (*session)->seen_unix >= 60)
    if (core::Status touched = store::TouchSession(db, hash, now_unix); !touched.ok())
      return touched.error();
  return std::optional<Principal>(Principal{std::move(**user), hash, (*session)->csrf_token});
}

}  // namespace tremplin::auth
