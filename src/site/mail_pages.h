// The GEN administrators' view of the mail outbox: /espace/courriels lists the mails not sent
// yet — attempts, next attempt, last error — and those sent in the last 7 days; POST
// /espace/courriels/{id}/renvoyer puts an unsent mail back to be tried at once (audited
// "mail.retry"; not a mail the sender gave up on, whose text is erased). Only administrators
// reach them (auth/route_access.h). The texts of mails are never read here: they may hold
// single-use links (invitations, password resets).
#pragma once

#include "search/services.h"
#include "site/account_pages.h"
#include "web/router.h"

namespace tremplin::site {

// Adds the routes. `services` and `accounts` must outlive the router.
void RegisterMailRoutes(web::Router& router, const search::Services& services,
                        const AccountServices& accounts);

}  // namespace tremplin::site
