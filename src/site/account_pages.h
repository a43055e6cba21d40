// Signing in and the account page: /connexion (form and POST), /espace, and the two ways out,
// /deconnexion and /deconnexion-partout (POST). Sessions are server-side (auth/sign_in); the
// cookie holds only a random token. Every form carries a CSRF token: before signing in, one
// kept in a cookie of its own (the form and the cookie must agree); after, the session's.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/sign_in.h"
#include "core/result.h"
#include "search/services.h"
#include "store/connection_pool.h"
#include "web/router.h"

namespace tremplin::site {

struct AccountServices {
  store::ConnectionPool& pool;
  auth::SessionPolicy policy;
  // Returns once the served catalogue includes change number `version` (or gives up): after
  // an edit in the back office, so that the next search shows it.
  std::function<void(int64_t version)> await_applied = [](int64_t) {};
  // Reverse proxies whose X-Forwarded-For gives the client's address (sign-in throttling).
  std::vector<std::string> trusted_proxies = {};
  // The site's address for links in mails, e.g. "https://formations.example.org" (no
  // trailing slash).
  std::function<std::string()> public_url = [] { return std::string("http://127.0.0.1:8080"); };
};

inline constexpr std::string_view kSessionCookie = "tremplin_session";
inline constexpr std::string_view kLoginCsrfCookie = "tremplin_login_csrf";

// The signed-in person of the request: nullopt when nobody is (no session cookie, an unknown
// or expired session, a disabled account), the database's error when it cannot tell.
core::Result<std::optional<auth::Principal>> FindPrincipal(const web::Request& req,
                                                           const AccountServices& accounts);

// The same where only a person matters (an unreachable database counts as nobody).
std::optional<auth::Principal> CurrentPrincipal(const web::Request& req, const AccountServices& accounts);

// Adds the account routes. `services` and `accounts` must outlive the router.
void RegisterAccountRoutes(web::Router& router, const search::Services& services,
                           const AccountServices& accounts);

}  // namespace tremplin::site
