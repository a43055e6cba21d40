// Cookies (reading one from a request's Cookie header, writing a Set-Cookie header with the
// attributes that keep a session cookie out of scripts' and other sites' reach) and what a
// reverse proxy tells of the client (HTTPS, address).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "web/request.h"

namespace tremplin::web {

// The value of cookie `name` in the request's Cookie header(s), or "" when absent.
std::string_view CookieValue(const Request& req, std::string_view name);

struct CookieOptions {
  bool secure = false;  // sent over HTTPS only
  int max_age_seconds = -1;  // -1: until the browser closes; 0: delete now
  std::string path = "/";
};

// "NAME=VALUE; Path=/; HttpOnly; SameSite=Lax[; Secure][; Max-Age=N]".
std::string SetCookie(std::string_view name, std::string_view value, const CookieOptions& options);

// Whether the client reached us over HTTPS: directly never (we speak plain HTTP), through the
// reverse proxy when it says so (X-Forwarded-Proto: https).
bool OverHttps(const Request& req);

// The client's address: the connection's, unless the connection comes from one of
// `trusted_proxies`, whose X-Forwarded-For the proxy appended to — then the last address in
// it (the one the trusted proxy saw; earlier entries are the client's own say).
std::string ClientAddress(const Request& req, const std::vector<std::string>& trusted_proxies);

}  // namespace tremplin::web
