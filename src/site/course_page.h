// A course's page (/formations/{id}): everything a candidate needs to decide — what it leads
// to, sessions and places, duration, mode, prerequisites, cost, accessibility, the organisation
// and the label's validity. "?lieu=INSEE" puts the sessions of the place searched first.
#pragma once

#include "search/services.h"
#include "web/request.h"
#include "web/response.h"

namespace tremplin::site {

web::Response CoursePage(const web::Request& req, const search::Services& services);

}  // namespace tremplin::site
