// Cookies: reading one from a request's Cookie header, and writing a Set-Cookie header with
// the attributes that keep a session cookie out of scripts' and other sites' reach.
#pragma once

#include <string>
#include <string_view>

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

}  // namespace tremplin::web
