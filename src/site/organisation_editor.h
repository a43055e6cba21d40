// The organisation's profile in the back office: /espace/organismes/{id} for its members and
// administrators (members edit the description and contacts; the legal identity — name, SIRET,
// Qualiopi — is for administrators), and for administrators the list of every organisation
// (/espace/organismes) and the creation of a new one (/espace/nouvel-organisme). Saved
// profiles show on the public pages at once.
#pragma once

#include <cstdint>
#include <string>

#include "core/messages.h"
#include "search/services.h"
#include "site/account_pages.h"
#include "web/router.h"

namespace tremplin::site {

std::string OrganisationEditorUrl(int64_t organisation_id, core::Lang lang);

// Adds the routes. `services` and `accounts` must outlive the router.
void RegisterOrganisationEditorRoutes(web::Router& router, const search::Services& services,
                                      const AccountServices& accounts);

}  // namespace tremplin::site
