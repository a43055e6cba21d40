// The back office's course editor: /espace/formations/{id} shows the course's texts in a form
// and saves them (POST, with the session's CSRF token), for the members of the course's
// organisation and for administrators (auth::CanEditOrganisationData). To anyone else the
// course does not exist (404), whatever id they try. Saved changes are in search at once.
#pragma once

#include <cstdint>
#include <string>

#include "core/messages.h"
#include "search/services.h"
#include "site/account_pages.h"
#include "web/router.h"

namespace tremplin::site {

std::string CourseEditorUrl(int64_t course_id, core::Lang lang);

void RegisterCourseEditorRoutes(web::Router& router, const search::Services& services,
                                const AccountServices& accounts);

}  // namespace tremplin::site
