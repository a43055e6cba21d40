// Invitations in the site: an administrator invites someone at /espace/utilisateurs/inviter
// (email, name, role and a member's organisations; the mail goes through the outbox), and the
// person activates the account at /invitation?jeton=… by choosing a password (auth/invitations,
// auth/mailed_links). Shares the public forms' CSRF cookie and the link pages with
// password_pages.h.
#pragma once

#include "search/services.h"
#include "site/account_pages.h"
#include "site/password_pages.h"
#include "web/router.h"

namespace tremplin::site {

// Adds the invitation routes (called by RegisterPasswordRoutes, which loads `common`).
void RegisterInvitationRoutes(web::Router& router, const search::Services& services,
                              const AccountServices& accounts, CommonPasswordList common);

}  // namespace tremplin::site
