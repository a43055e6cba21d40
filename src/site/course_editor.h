// The back office's course page, /espace/formations/{id}, for the members of the course's
// organisation and for administrators (auth::CanEditOrganisationData); to anyone else the
// course does not exist (404), whatever id they try. It shows the course's status, label, key
// facts and sessions (each with its recruitment buttons), and its texts in a form (POST, with
// the session's CSRF token). Its buttons post to /espace/formations/{id}/statut (archive,
// restore: the organisation) and /espace/formations/{id}/label (grant, withdraw: GEN's
// administrators only). Every change is audited and in search at once.
//
// Also what the back office's course pages share (course_creator, session_editor): finding the
// course a request may edit, changing it, and deciding on it with a button.
#pragma once

#include <cstdint>
#include <functional>
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
#include "site/back_office.h"
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
// signed-in person may edit its organisation's data. Fails with kNotFound whatever the reason
// it may not be edited (no such course, another organisation's, unreadable id: the page
// answers 404), or with the database's error (503 when it is out of reach).
core::Result<EditableCourse> FindEditableCourse(const web::Request& req, const AccountServices& accounts);

// Applies `edit` to the stored course of `editable` (store::EditCourse: one transaction that
// holds its row, audited as the signed-in person), then waits until search shows the change.
// Refuses with kNotFound "course_not_found" when the stored course no longer belongs to the
// organisation the person was allowed to edit; fails as `edit` or the database does.
core::Status EditStoredCourse(const AccountServices& accounts, const EditableCourse& editable,
                              const std::function<core::Status(core::Course&)>& edit);

// A button's decision about the course {id} (POST …/statut, …/label, a session's
// …/recrutement): the session's CSRF token is checked first (403), then `decide` applies the
// form's `action` to the stored course in the transaction that holds it (EditStoredCourse) and
// returns the notice to show (a slug of CourseEditorUrl), or why it refuses. Answers with a
// redirect to the course page and its notice, the course page with the refusal, or 404 for a
// course (or session) that is gone or not the person's.
using CourseDecision = std::function<core::Result<std::string>(std::string_view action, core::Course& stored)>;
web::Response DecideOnCourse(const web::Request& req, const search::Services& services,
                             const AccountServices& accounts, const CourseDecision& decide);

// The course page with `errors` (an action that was refused), answered with `status`.
web::Response CourseEditorPage(const web::Request& req, const search::Services& services,
                               const EditableCourse& editable, int status,
                               const std::vector<core::Error>& errors);

}  // namespace tremplin::site
