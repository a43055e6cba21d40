// The GEN administrators' pages about people: /espace/utilisateurs lists every account
// (filtered by text and role) and /espace/utilisateurs/{id} changes one — name, role,
// organisations, disabled or not — signs it out of every device, or sends its invitation again
// while it has no password (a new link, the older one ended). Only administrators reach
// them (auth/route_access.h); every change is audited with the state before and after
// (store::EditUser). An administrator can neither disable nor demote themself, and the last
// active administrator stays one.
#pragma once

#include <cstdint>
#include <string>

#include "core/messages.h"
#include "search/services.h"
#include "site/account_pages.h"
#include "web/router.h"

namespace tremplin::site {

std::string UsersUrl(core::Lang lang);
std::string UserUrl(int64_t user_id, core::Lang lang);

// Adds the routes. `services` and `accounts` must outlive the router.
void RegisterUserRoutes(web::Router& router, const search::Services& services,
                        const AccountServices& accounts);

}  // namespace tremplin::site
