// The results page "Trouver une formation labellisée" (/formations): the search form, filters
// with live counts, sort, results (remote courses apart), pagination, and help when nothing
// matches or the request is wrong. The whole state is in the URL.
#pragma once

#include "search/services.h"
#include "web/request.h"
#include "web/response.h"

namespace tremplin::site {

web::Response SearchPage(const web::Request& req, const search::Services& services);

}  // namespace tremplin::site
