// Pages of plain text from the message catalogue: legal notice and accessibility statement.
#pragma once

#include "search/services.h"
#include "web/request.h"
#include "web/response.h"

namespace tremplin::site {

web::Response LegalNoticePage(const web::Request& req, const search::Services& services);
web::Response AccessibilityPage(const web::Request& req, const search::Services& services);

}  // namespace tremplin::site
