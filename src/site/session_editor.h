// The back office's session pages: /espace/formations/{id}/nouvelle-session adds a session to
// course {id}, /espace/formations/{id}/sessions/{session} edits one (place, address, dates,
// seats: core/session_rules), and .../sessions/{session}/recrutement closes, marks full or
// reopens its recruitment. For the members of the course's organisation and administrators;
// a session that is not course {id}'s, or a course of another organisation, does not exist
// (404) and nothing changes. Every change is audited and on the public page at once.
#pragma once

#include "search/services.h"
#include "site/account_pages.h"
#include "web/router.h"

namespace tremplin::site {

void RegisterSessionEditorRoutes(web::Router& router, const search::Services& services,
                                 const AccountServices& accounts);

}  // namespace tremplin::site
