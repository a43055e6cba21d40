// The pages of the single-use links mailed to people (auth/mailed_links): /mot-de-passe-oublie
// asks for a reset link (and answers the same whether or not the address has an account),
// /nouveau-mot-de-passe?jeton=… chooses a new password with it; the invitation pages
// (invitation_pages.h) share what is here. Public forms carry a CSRF token kept in a cookie
// of their own (double submit, like the login form). A page that holds a link's token is never
// cached and sends no Referer, so that the token goes nowhere else.
#pragma once

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
#include "store/user_tokens.h"
#include "web/request.h"
#include "web/response.h"
#include "web/router.h"
#include "web/url_encoding.h"

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

// ---- Shared with invitation_pages.cc ---------------------------------------------------------

inline constexpr std::string_view kFormCsrfCookie = "tremplin_form_csrf";

// The CSRF token to put in a public form: the browser's, when its cookie holds a well-formed
// one (several tabs then agree), else a new one.
std::string PublicFormCsrf(const web::Request& req);
// Sets the cookie of `csrf` on `response` unless the browser has it already.
void KeepPublicFormCsrf(web::Response& response, const web::Request& req, const std::string& csrf);
// Whether the form's token `sent` is the one of the browser's cookie.
bool PublicFormCsrfMatches(const web::Request& req, std::string_view sent);

// The first value of field `name` of a decoded form ("" when absent).
std::string FormValue(const web::KeyValues& form, std::string_view name);

// Never cached, no Referer: for pages whose address or form holds a link's token.
web::Response WithoutTokenLeaks(web::Response response);

// The page for a link that cannot be used (`error` from auth::LinkHolder, or a missing token
// when null): says why and what to do; 404 for an unknown link, 410 for a used or expired one,
// 200 for a missing one — unless `status` is given.
web::Response LinkProblemPage(const web::Request& req, const search::Services& services,
                              store::TokenPurpose purpose, const core::Error* error,
                              int status = 0);

// Adds the PASSWORD_FIELDS include (a new password and its confirmation, never filled in),
// labelled `label_key`, with `errors` next to their fields.
void FillPasswordFields(ctemplate::TemplateDictionary& dict, core::Lang lang,
                        std::string_view label_key, const std::vector<core::Error>& errors);

// `path` localized, with `flag` ("envoye=1") added to its query.
std::string WithFlag(std::string_view path, std::string_view flag, core::Lang lang);

}  // namespace tremplin::site
