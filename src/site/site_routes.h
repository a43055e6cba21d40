// The public HTML pages and their French paths.
#pragma once

#include "search/services.h"
#include "site/error_pages.h"
#include "web/router.h"

namespace tremplin::site {

// Adds "/", "/formations", "/formations/{id}", "/organismes", "/organismes/{id}",
// "/mentions-legales" and "/accessibilite" to `router`. `services` must outlive it.
void RegisterSiteRoutes(web::Router& router, const search::Services& services);

}  // namespace tremplin::site
