// Who may use each route: the one table of authorization. The server refuses to start when a
// route has no entry here, and the access guard (app/access_guard) enforces the entry before
// any handler runs; the route × role matrix test reads the same table.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace tremplin::auth {

enum class Access {
  kPublic,    // anyone, signed in or not
  kSignedIn,  // a signed-in person (session cookie); others are sent to /connexion
  kApiToken,  // a machine client with the operator's API token (Authorization: Bearer)
};

struct RouteAccess {
  std::string_view method;
  std::string_view pattern;  // as registered with the router
  Access access;
};

inline constexpr std::array kRouteAccess = {
    // Public pages, their trailing-slash redirects, assets and health.
    RouteAccess{"GET", "/", Access::kPublic},
    RouteAccess{"GET", "/formations", Access::kPublic},
    RouteAccess{"GET", "/formations/", Access::kPublic},
    RouteAccess{"GET", "/formations/{id}", Access::kPublic},
    RouteAccess{"GET", "/organismes", Access::kPublic},
    RouteAccess{"GET", "/organismes/", Access::kPublic},
    RouteAccess{"GET", "/organismes/{id}", Access::kPublic},
    RouteAccess{"GET", "/mentions-legales", Access::kPublic},
    RouteAccess{"GET", "/mentions-legales/", Access::kPublic},
    RouteAccess{"GET", "/accessibilite", Access::kPublic},
    RouteAccess{"GET", "/accessibilite/", Access::kPublic},
    RouteAccess{"GET", "/assets/{file...}", Access::kPublic},
    RouteAccess{"GET", "/healthz", Access::kPublic},
    // Public API.
    RouteAccess{"GET", "/api/v1/courses", Access::kPublic},
    RouteAccess{"GET", "/api/v1/courses/{id}", Access::kPublic},
    RouteAccess{"GET", "/api/v1/places", Access::kPublic},
    RouteAccess{"GET", "/api/v1/taxonomy", Access::kPublic},
    RouteAccess{"GET", "/api/v1/openapi.yaml", Access::kPublic},
    // Signing in is open to all (CSRF-checked); the account needs a session.
    RouteAccess{"GET", "/connexion", Access::kPublic},
    RouteAccess{"POST", "/connexion", Access::kPublic},
    RouteAccess{"GET", "/espace", Access::kSignedIn},
    RouteAccess{"POST", "/deconnexion", Access::kSignedIn},
    RouteAccess{"POST", "/deconnexion-partout", Access::kSignedIn},
    // The back office: signed in, then auth/permissions.h decides course by course.
    RouteAccess{"GET", "/espace/formations/{id}", Access::kSignedIn},
    RouteAccess{"POST", "/espace/formations/{id}", Access::kSignedIn},
    // Machine clients.
    RouteAccess{"PATCH", "/api/v1/courses/{id}", Access::kApiToken},
};

constexpr std::optional<Access> AccessOf(std::string_view method, std::string_view pattern) {
  for (const RouteAccess& r : kRouteAccess)
    if (r.method == method && r.pattern == pattern) return r.access;
  return std::nullopt;
}

}  // namespace tremplin::auth
