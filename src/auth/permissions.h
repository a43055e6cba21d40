// What a signed-in person may do with the data of an organisation — the object-level half of
// authorization (route_access.h is the route-level half). Pages and API ask here, never decide
// on their own.
#pragma once

#include <cstdint>

#include "store/accounts.h"

namespace tremplin::auth {

// Administrators act on any organisation; a member on the organisations they belong to;
// reviewers judge applications and edit no course.
bool CanEditOrganisationData(const store::User& user, int64_t organisation_id);

}  // namespace tremplin::auth
