// The authorization of every request, in one place: before a route's handler runs, the guard
// looks the route up in auth::kRouteAccess and lets the request through, sends it to sign in,
// or refuses it.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "site/account_pages.h"
#include "web/router.h"

namespace tremplin::app {

struct AccessContext {
  const site::AccountServices& accounts;
  std::string api_token;  // empty: the routes that need it are refused
  // The answer to someone signed in whom a route is not for (an administrators' page); a plain
  // 403 when empty.
  std::function<web::Response(const web::Request&)> forbidden = {};
  // The answer when the database cannot tell who is signed in (503 when it is out of reach);
  // a plain text answer with the error's status when empty.
  std::function<web::Response(const web::Request&, const core::Error&)> unavailable = {};
};

web::Guard MakeAccessGuard(const AccessContext& context);

// The routes of `router` that kRouteAccess does not list (the server refuses to start with one).
std::vector<std::pair<std::string, std::string>> RoutesWithoutAccess(const web::Router& router);

}  // namespace tremplin::app
