// What every page of the back office shares (the account pages, the course, session and
// organisation editors, the administrators' pages, the mailed links' pages): its pages' meta,
// never cached; the page for a problem that has no form to be shown on; reading ids from the
// path and values from a form; the audit log's name of the signed-in person; notices after a
// redirect; and errors in the words of the form's labels.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/sign_in.h"
#include "core/messages.h"
#include "core/result.h"
#include "core/taxonomy.h"
#include "search/services.h"
#include "site/templates.h"
#include "web/request.h"
#include "web/response.h"
#include "web/url_encoding.h"

namespace tremplin::site {

// Back-office answers are personal: never stored by a cache, redirects included.
web::Response NoStore(web::Response response);

// The meta of a back-office page: never indexed, in the account's part of the navigation.
PageMeta BackOfficeMeta(std::string title, std::string content_template, int status = 200);

// The answer to `error` when there is no form to show it on: NotFoundPage for kNotFound,
// otherwise a page saying the error's sentence with its status (503 when the database is out of
// reach), never cached.
web::Response ProblemPage(const web::Request& req, const search::Services& services,
                          const core::Error& error);

// The refusal of a form whose CSRF token is missing or not the session's (403).
core::Error CsrfRefused();

// The positive whole number in path parameter `name` ("/espace/formations/{id}"); nullopt
// otherwise.
std::optional<int64_t> PositivePathId(const web::Request& req, std::string_view name);

// Whether field `name` was sent at all (empty or not).
bool FormHas(const web::KeyValues& form, std::string_view name);

// The value of field `name` of a decoded form, as sent ("" when absent; the first one when
// repeated).
std::string FormValue(const web::KeyValues& form, std::string_view name);

// The same for a text to show or store: text that is not valid UTF-8 is never echoed, it
// gives "" and an "invalid_utf8" error for the field in `errors`.
std::string FormField(const web::KeyValues& form, std::string_view name,
                      std::vector<core::Error>& errors);

// The signed-in person as the audit log names them ("user:42").
std::string Actor(const auth::Principal& principal);

// `url` (a page's path, localized) with `parameter` ("enregistre=1", "avis=creee") added to its
// query: the page then shows the notice it names.
std::string WithNotice(std::string url, std::string_view parameter);

// The first of `errors` about form field `field`; nullptr when none is.
const core::Error* ErrorAbout(const std::vector<core::Error>& errors, std::string_view field);

// Adds the `checked` errors (a form's rules) to `errors`, except those about a field `errors`
// refuses already (a field refused as unreadable is not refused twice).
void AddFieldErrors(std::vector<core::Error>& errors, std::vector<core::Error> checked);

// For each field of `fields` with an error, adds the section "<FIELD>_ERROR" (the field's name
// in capitals) with the first error's TEXT: the template shows it next to the field and marks
// the input (aria-invalid, aria-describedby). Also the error summary (FillErrorSummary), when
// there are errors.
void FillFormErrors(ctemplate::TemplateDictionary& dict, const std::vector<core::Error>& errors,
                    const web::Request& req, core::Lang lang, std::initializer_list<std::string_view> fields);

// `errors` as a person reads them: a field's id in arg "name" becomes its label (the message
// `prefix` + id for the first of `label_prefixes` that has one, e.g. "orgedit.field."),
// profession and family ids become their names.
std::vector<core::Error> ReadableErrors(std::vector<core::Error> errors, core::Lang lang,
                                        const core::Taxonomy& taxonomy,
                                        std::initializer_list<std::string_view> label_prefixes);

}  // namespace tremplin::site
