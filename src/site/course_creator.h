// The back office's new-course form, /espace/organismes/{id}/nouvelle-formation: a member of
// organisation {id} (or an administrator) gives a course's title, summary, professions,
// delivery, length, cost and certification (core/course_rules); it is stored as a draft that
// waits for GEN's label, audited, and the person goes on to its page in the editor. To anyone
// else the organisation has no such page (404).
#pragma once

#include "search/services.h"
#include "site/account_pages.h"
#include "web/router.h"

namespace tremplin::site {

void RegisterCourseCreatorRoutes(web::Router& router, const search::Services& services,
                                 const AccountServices& accounts);

}  // namespace tremplin::site
