// What a signed-in person may do with the data of an organisation — the object-level half of
// authorization (route_access.h is the route-level half). Pages and API ask here, never decide
// on their own.
#pragma once

#include <cstdint>
#include <string>

#include "core/messages.h"
#include "store/accounts.h"

namespace tremplin::auth {

// Administrators act on any organisation; a member on the organisations they belong to;
// reviewers judge applications and edit no course.
bool CanEditOrganisationData(const store::User& user, int64_t organisation_id);

// The role as a sentence names it ("membre d’organisme de formation"): on the person's account
// page, their invitation page and in the invitation mail.
std::string RoleDescription(core::Lang lang, store::Role role);

}  // namespace tremplin::auth
