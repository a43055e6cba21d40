// The back office's course page, /espace/formations/{id}, for the members of the course's
// organisation and for administrators (auth::CanEditOrganisationData); to anyone else the
// course does not exist (404), whatever id they try. It shows the course's status, label, key
// facts and sessions (each with its recruitment buttons), and its texts in a form (POST, with
// the session's CSRF token). Its buttons post to /espace/formations/{id}/statut (archive,
// restore: the organisation) and /espace/formations/{id}/label (grant, withdraw: GEN's
// administrators only). Every change is audited and in search at once.
//
// Also what the back office's course pages share (course_creator, session_editor): finding the
// course a request may edit, and showing form errors in the person's words.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/sign_in.h"
#include "core/course.h"
#include "core/messages.h"
#include "core/result.h"
#include "core/taxonomy.h"
#include "search/services.h"
#include "site/account_pages.h"
#include "site/dictionary.h"
#include "web/request.h"
#include "web/response.h"
#include "web/router.h"
#include "web/url_encoding.h"

namespace tremplin::site {

// "/espace/formations/12" in `lang`.
std::string CourseEditorUrl(int64_t course_id, core::Lang lang);
// The same page showing a success notice: `notice` is one of the slugs listed in
// course_editor.cc ("creee", "session-ajoutee"…).
std::string CourseEditorUrl(int64_t course_id, core::Lang lang, std::string_view notice);

// Adds the back office's course routes: this page's, the new-course form's (course_creator.h)
// and the session pages' (session_editor.h). `services` and `accounts` must outlive the router.
void RegisterCourseEditorRoutes(web::Router& router, const search::Services& services,
                                const AccountServices& accounts);

// ---- Shared by the back office's course pages ----------------------------------------------

// A course as stored, with the signed-in person who may edit it and its organisation's name.
struct EditableCourse {
  auth::Principal principal;
  core::Course course;
  std::string organisation_name;
};

// The course the request's path parameter {id} names, read from the database, when the
// signed-in person may edit its organisation's data; nullopt otherwise (not signed in, no such
// course, another organisation's, unreadable id or database): the page then answers 404.
std::optional<EditableCourse> FindEditableCourse(const web::Request& req, const AccountServices& accounts);

// The positive whole number in path parameter `name`; nullopt otherwise.
std::optional<int64_t> PositivePathId(const web::Request& req, std::string_view name);

// Form field `name` of a decoded form ("" when absent; the first one when repeated). Text that
// is not valid UTF-8 is never echoed: it gives "" and an "invalid_utf8" error for the field.
std::string FormField(const web::KeyValues& form, std::string_view name, std::vector<core::Error>& errors);

// `errors` as a person reads them: a field's name (arg "name") becomes its label, profession and
// family ids become their names.
std::vector<core::Error> ReadableErrors(std::vector<core::Error> errors, core::Lang lang,
                                        const core::Taxonomy& taxonomy);

// For each field of `fields` with an error, adds the section "<FIELD>_ERROR" (the field's name
// in capitals) with the first error's TEXT: the template shows it next to the field and marks
// the input (aria-invalid, aria-describedby). Also the error summary (FillErrorSummary).
void FillFormErrors(ctemplate::TemplateDictionary& dict, const std::vector<core::Error>& errors,
                    const web::Request& req, core::Lang lang, std::initializer_list<std::string_view> fields);

// Back-office pages are personal: never stored by a cache.
web::Response NotCached(web::Response response);

// The course page with `errors` (an action that was refused), answered with `status`.
web::Response CourseEditorPage(const web::Request& req, const search::Services& services,
                               const EditableCourse& editable, int status,
                               const std::vector<core::Error>& errors);

}  // namespace tremplin::site
