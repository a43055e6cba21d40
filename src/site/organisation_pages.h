// The organisations: the list (/organismes) and one organisation with its courses
// (/organismes/{id}).
#pragma once

#include "search/services.h"
#include "web/request.h"
#include "web/response.h"

namespace tremplin::site {

web::Response OrganisationsPage(const web::Request& req, const search::Services& services);
web::Response OrganisationPage(const web::Request& req, const search::Services& services);

}  // namespace tremplin::site
