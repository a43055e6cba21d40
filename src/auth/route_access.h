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
  // Signed in, then about one organisation's data (the {id} of an organisation or of a course,
  // {session} of one of its sessions): the handler answers 404 unless auth/permissions.h lets
  // this person edit that organisation's data — whatever ids are put in the URL or the form.
  kOrganisationData,
  kAdmin,     // signed in as a GEN administrator; anyone else signed in gets 403
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
    RouteAccess{"GET", "/readyz", Access::kPublic},
    RouteAccess{"GET", "/metrics", Access::kPublic},  // counts and durations only; see docs/operations.md
    // Public API.
    RouteAccess{"GET", "/api/v1/courses", Access::kPublic},
    RouteAccess{"GET", "/api/v1/courses/{id}", Access::kPublic},
    RouteAccess{"GET", "/api/v1/places", Access::kPublic},
    RouteAccess{"GET", "/api/v1/taxonomy", Access::kPublic},
    RouteAccess{"GET", "/api/v1/openapi.yaml", Access::kPublic},
    // Signing in, a forgotten password and an invitation are open to all (CSRF-checked; the
    // last two need the mailed single-use token); the account needs a session.
    RouteAccess{"GET", "/connexion", Access::kPublic},
    RouteAccess{"POST", "/connexion", Access::kPublic},
    RouteAccess{"GET", "/mot-de-passe-oublie", Access::kPublic},
    RouteAccess{"POST", "/mot-de-passe-oublie", Access::kPublic},
    RouteAccess{"GET", "/nouveau-mot-de-passe", Access::kPublic},
    RouteAccess{"POST", "/nouveau-mot-de-passe", Access::kPublic},
    RouteAccess{"GET", "/invitation", Access::kPublic},
    RouteAccess{"POST", "/invitation", Access::kPublic},
    RouteAccess{"GET", "/espace", Access::kSignedIn},
    RouteAccess{"POST", "/deconnexion", Access::kSignedIn},
    RouteAccess{"POST", "/deconnexion-partout", Access::kSignedIn},
    // The back office: an organisation's profile, courses and sessions.
    RouteAccess{"GET", "/espace/organismes/{id}", Access::kOrganisationData},
    RouteAccess{"POST", "/espace/organismes/{id}", Access::kOrganisationData},
    RouteAccess{"GET", "/espace/organismes/{id}/nouvelle-formation", Access::kOrganisationData},
    RouteAccess{"POST", "/espace/organismes/{id}/nouvelle-formation", Access::kOrganisationData},
    RouteAccess{"GET", "/espace/formations/{id}", Access::kOrganisationData},
    RouteAccess{"POST", "/espace/formations/{id}", Access::kOrganisationData},
    RouteAccess{"POST", "/espace/formations/{id}/statut", Access::kOrganisationData},
    RouteAccess{"GET", "/espace/formations/{id}/nouvelle-session", Access::kOrganisationData},
    RouteAccess{"POST", "/espace/formations/{id}/nouvelle-session", Access::kOrganisationData},
    RouteAccess{"GET", "/espace/formations/{id}/sessions/{session}", Access::kOrganisationData},
    RouteAccess{"POST", "/espace/formations/{id}/sessions/{session}", Access::kOrganisationData},
    RouteAccess{"POST", "/espace/formations/{id}/sessions/{session}/recrutement", Access::kOrganisationData},
    // GEN administration: labels, organisations, people, mail that does not go.
    RouteAccess{"POST", "/espace/formations/{id}/label", Access::kAdmin},
    RouteAccess{"GET", "/espace/organismes", Access::kAdmin},
    RouteAccess{"GET", "/espace/nouvel-organisme", Access::kAdmin},
    RouteAccess{"POST", "/espace/nouvel-organisme", Access::kAdmin},
    RouteAccess{"GET", "/espace/utilisateurs", Access::kAdmin},
    RouteAccess{"GET", "/espace/utilisateurs/inviter", Access::kAdmin},
    RouteAccess{"POST", "/espace/utilisateurs/inviter", Access::kAdmin},
    RouteAccess{"GET", "/espace/utilisateurs/{id}", Access::kAdmin},
    RouteAccess{"POST", "/espace/utilisateurs/{id}", Access::kAdmin},
    RouteAccess{"GET", "/espace/courriels", Access::kAdmin},
    RouteAccess{"POST", "/espace/courriels/{id}/renvoyer", Access::kAdmin},
    // Machine clients.
    RouteAccess{"PATCH", "/api/v1/courses/{id}", Access::kApiToken},
};

constexpr std::optional<Access> AccessOf(std::string_view method, std::string_view pattern) {
  for (const RouteAccess& r : kRouteAccess)
    if (r.method == method && r.pattern == pattern) return r.access;
  return std::nullopt;
}

}  // namespace tremplin::auth
