// The pages of the single-use links mailed to people (auth/mailed_links): /mot-de-passe-oublie
// asks for a reset link (and answers the same whether or not the address has an account),
// /nouveau-mot-de-passe?jeton=… chooses a new password with it; the invitation's page
// (invitation_pages.h) is the same kind of page, described here by a LinkKind. Public forms
// carry a CSRF token kept in a cookie of their own (double submit, like the login form). A page
// that holds a link's token is never cached and sends no Referer, so that the token goes
// nowhere else.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "auth/password.h"
#include "core/messages.h"
#include "core/result.h"
#include "search/services.h"
#include "site/account_pages.h"
#include "site/dictionary.h"
#include "store/database.h"
#include "store/user_tokens.h"
#include "web/router.h"

namespace tremplin::site {

// The list of common passwords new ones are checked against, loaded once at start-up (its
// error, shown when a password is chosen, if the files cannot be read).
using CommonPasswordList = std::shared_ptr<const core::Result<auth::CommonPasswords>>;

// Adds the forgotten-password pages and the invitation pages (RegisterInvitationRoutes), with
// the common passwords read from `common_password_files`. `services` and `accounts` must
// outlive the router.
void RegisterPasswordRoutes(web::Router& router, const search::Services& services,
                            const AccountServices& accounts,
                            const std::vector<std::string>& common_password_files);

inline constexpr std::string_view kFormCsrfCookie = "tremplin_form_csrf";

// A kind of mailed link's page (a password reset, an invitation): GET shows who the link is
// for and the password fields, POST chooses the password with it (auth::SetPasswordByLink)
// and sends the person to sign in; a link that cannot serve gets a page saying why and what
// to do.
struct LinkKind {
  store::TokenPurpose purpose;
  std::string_view path;              // the page's, e.g. auth::kNewPasswordPath
  std::string_view title_key;         // its title's message
  std::string_view content_template;  // e.g. "new_password.tpl"
  std::string_view password_label_key;
  std::string_view done_notice;       // the sign-in page's notice once the password is chosen
  // Adds what the page says of the link's holder besides their email (who invites them, their
  // account…) to `dict`.
  std::function<void(store::Database& db, const store::User& holder, core::Lang lang,
                     ctemplate::TemplateDictionary& dict)>
      describe;
};

// Adds the GET and POST routes of `kind` at kind.path. `services` and `accounts` must outlive
// the router.
void RegisterLinkRoutes(web::Router& router, const search::Services& services,
                        const AccountServices& accounts, CommonPasswordList common, LinkKind kind);

}  // namespace tremplin::site
