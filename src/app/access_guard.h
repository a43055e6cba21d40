// The authorization of every request, in one place: before a route's handler runs, the guard
// looks the route up in auth::kRouteAccess and lets the request through, sends it to sign in,
// or refuses it.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "site/account_pages.h"
#include "web/router.h"

namespace tremplin::app {

struct AccessContext {
  const site::AccountServices& accounts;
  std::string api_token;  // empty: the routes that need it are refused
  // The answer to someone signed in whom a route is not for (an administrators' page).
  std::function<web::Response(const web::Request&)> forbidden;
};

web::Guard MakeAccessGuard(const AccessContext& context);

// The routes of `router` that kRouteAccess does not list (the server refuses to start with one).
std::vector<std::pair<std::string, std::string>> RoutesWithoutAccess(const web::Router& router);

}  // namespace tremplin::app
