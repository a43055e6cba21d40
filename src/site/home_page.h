// The home page: the search form, key figures of the network and the families of professions.
#pragma once

#include "search/services.h"
#include "web/request.h"
#include "web/response.h"

namespace tremplin::site {

web::Response HomePage(const web::Request& req, const search::Services& services);

}  // namespace tremplin::site
