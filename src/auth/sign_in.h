// Signing in and out, and recognising a signed-in person from the session cookie. Sessions
// live in the database (any node recognises them); a new session, with a new token, is made at
// every sign-in, so a token planted before it (session fixation) is worth nothing.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/accounts.h"
#include "store/database.h"

namespace tremplin::auth {

struct SessionPolicy {
  int64_t idle_seconds = 30 * 60;          // a session unused this long ends
  int64_t absolute_seconds = 12 * 3600;    // and any session after this long
  int64_t throttle_window_seconds = 15 * 60;
  int64_t max_failures_per_account = 5;    // within the window
  int64_t max_failures_per_address = 30;
};

struct SignedIn {
  store::User user;
  std::string token;       // for the cookie; the database keeps only its hash
  std::string csrf_token;  // to put in the session's forms
};

// Signs `email` in with `password` from `address` at `now_unix`. Fails with kTooManyRequests
// "login_throttled" (arg minutes) when the account or the address has failed too often in the
// window, this attempt included (checked first, without looking at the password), or kUnauthorized "login_failed"
// when the email is unknown, the account disabled or the password wrong — the same error and
// about the same time, so that the answer says nothing of which.
core::Result<SignedIn> SignIn(store::Database& db, std::string_view email,
                              std::string_view password, std::string_view address,
                              int64_t now_unix, const SessionPolicy& policy);

struct Principal {
  store::User user;
  std::string token_hash;
  std::string csrf_token;
};

// The person whose session `token` is, when it is still valid at `now_unix` (an expired one is
// deleted); nullopt otherwise.
core::Result<std::optional<Principal>> Authenticate(store::Database& db, std::string_view token,
                                                    int64_t now_unix, const SessionPolicy& policy);

int64_t NowUnix();

}  // namespace tremplin::auth
