// Error pages in the site's look: 403 (not for this account), 404 (page not found) and 500 (a
// bug on our side).
#pragma once

#include "search/services.h"
#include "web/request.h"
#include "web/response.h"

namespace tremplin::site {

web::Response ForbiddenPage(const web::Request& req, const search::Services& services);
web::Response NotFoundPage(const web::Request& req, const search::Services& services);
web::Response ServerErrorPage(const web::Request& req, const search::Services& services);

}  // namespace tremplin::site
