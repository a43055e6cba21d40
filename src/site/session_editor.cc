#include "site/session_editor.h"

#include <algorithm>

#include "auth/tokens.h"
#include "core/labels.h"
#include "core/session_rules.h"
#include "site/course_editor.h"
#include "site/error_pages.h"
#include "site/templates.h"
#include "site/urls.h"
#include "store/catalogue_store.h"
#include "web/language.h"
#include "web/url_encoding.h"

namespace tremplin::site {
namespace {

using ctemplate::TemplateDictionary;

const core::Messages& M() { return core::Messages::Builtin(); }

std::string Actor(const EditableCourse& editable) { return "user:" + std::to_string(editable.principal.user.id); }

std::string SessionPath(int64_t course_id, int64_t session_id) {
  return "/espace/formations/" + std::to_string(course_id) + "/sessions/" + std::to_string(session_id);
}

// The session {session} of the editable course, or nullptr (the page then answers 404).
const core::Session* SessionOf(const web::Request& req, const EditableCourse& editable) {
  std::optional<int64_t> id = PositivePathId(req, "session");
  if (!id) return nullptr;
  for (const core::Session& session : editable.course.sessions)
    if (session.id == *id) return &session;
  return nullptr;
}

// The session form, filled with `input`; `session` is the one edited (nullptr for a new one).
web::Response FormPage(const web::Request& req, const search::Services& services, const EditableCourse& editable,
                       const core::Session* session, int status, const core::SessionInput& input,
                       const std::vector<core::Error>& raw_errors) {
  core::Lang lang = web::RequestLang(req);
  const core::Course& course = editable.course;
  std::vector<core::Error> errors = ReadableErrors(raw_errors, lang, services.taxonomy);
  const std::string title(M().Text(lang, session ? "session_editor.edit_title" : "session_editor.new_title"));
  PageMeta meta;
  meta.status = status;
  meta.title = title + " — " + course.title;
  meta.content_template = "session_editor.tpl";
  meta.noindex = true;
  meta.nav = PageMeta::Nav::kAccount;
  return NotCached(RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("TITLE", title);
    dict.SetValue("LEAD", M().Format(lang, "session_editor.lead", {{"title", course.title}}));
    dict.SetValue("COURSE_URL", CourseEditorUrl(course.id, lang));
    dict.SetValue("CSRF", editable.principal.csrf_token);
    dict.SetValue("ACTION", Localized(session ? SessionPath(course.id, session->id)
                                              : "/espace/formations/" + std::to_string(course.id) + "/nouvelle-session",
                                      lang));
    dict.SetValue("SUBMIT", Tpl(M().Text(lang, session ? "session_editor.submit_edit" : "session_editor.submit_new")));
    if (session) {
      std::string state(core::RecruitmentLabel(core::RecruitmentOn(*session, services.today()), lang));
      dict.AddSectionDictionary("RECRUITMENT")
          ->SetValue("TEXT", M().Format(lang, "session_editor.recruitment", {{"state", state}}));
    }
    const bool remote = course.mode == core::DeliveryMode::kRemote;
    if (remote) dict.ShowSection("REMOTE");
    FillFormErrors(dict, errors, req, lang,
                   {"place", "address", "start", "end", "enrolment_opens", "enrolment_closes", "capacity"});
    struct Field {
      const char* name;
      const std::string& value;
      const char* type;
      const char* hint;  // message key, or nullptr
    };
    for (const Field& f : {Field{"place", input.place, "text", "session_editor.hint.place"},
                           Field{"address", input.address, "text", nullptr},
                           Field{"start", input.start, "date", "session_editor.hint.date"},
                           Field{"end", input.end, "date", "session_editor.hint.date"},
                           Field{"enrolment_opens", input.enrolment_opens, "date", "session_editor.hint.date"},
                           Field{"enrolment_closes", input.enrolment_closes, "date", "session_editor.hint.date"},
                           Field{"capacity", input.capacity, "text", "session_editor.hint.capacity"}}) {
      const std::string name = f.name;
      if (remote && (name == "place" || name == "address")) continue;
      TemplateDictionary* field = dict.AddSectionDictionary("FIELD");
      field->SetValue("NAME", name);
      field->SetValue("LABEL", Tpl(M().Text(lang, "session_editor.field." + name)));
      // A date input shows only "YYYY-MM-DD": a date typed "JJ/MM/AAAA" is kept in that form.
      std::optional<core::Date> date = std::string_view(f.type) == "date" ? core::ParseFormDate(f.value) : std::nullopt;
      field->SetValue("VALUE", date ? date->ToIso() : f.value);
      field->SetValue("TYPE", f.type);
      if (name == "capacity") field->ShowSection("NUMERIC");
      if (name != "place" && name != "address") field->ShowSection("SHORT");
      std::string described_by;
      if (f.hint) {
        field->AddSectionDictionary("HINT")->SetValue("TEXT", Tpl(M().Text(lang, f.hint)));
        described_by = name + "-hint";
      }
      auto error = std::find_if(errors.begin(), errors.end(), [&](const core::Error& e) { return e.field == name; });
      if (error != errors.end()) {
        field->AddSectionDictionary("ERROR")->SetValue("TEXT", M().ErrorText(lang, *error));
        described_by += (described_by.empty() ? "" : " ") + name + "-error";
      }
      if (!described_by.empty()) field->SetValueAndShowSection("DESCRIBED_BY", described_by, "DESCRIBED");
    }
  }));
}

// The form's fields; unreadable ones are refused in `errors`. Returns false when the CSRF token
// is not the session's.
bool ReadForm(const web::Request& req, const EditableCourse& editable, core::SessionInput& input,
              std::vector<core::Error>& errors) {
  core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
  const web::KeyValues fields = form.ok() ? *form : web::KeyValues{};
  input.place = FormField(fields, "place", errors);
  input.address = FormField(fields, "address", errors);
  input.start = FormField(fields, "start", errors);
  input.end = FormField(fields, "end", errors);
  input.enrolment_opens = FormField(fields, "enrolment_opens", errors);
  input.enrolment_closes = FormField(fields, "enrolment_closes", errors);
  input.capacity = FormField(fields, "capacity", errors);
  if (!form.ok()) errors.push_back(form.error());
  std::vector<core::Error> unreadable;
  return auth::SameToken(FormField(fields, "csrf", unreadable), editable.principal.csrf_token);
}

// Checks `input` into `session`, adding the rules' errors to `errors` (a field already refused
// as unreadable is not refused twice).
void Check(const core::SessionInput& input, const EditableCourse& editable, const search::Services& services,
           bool is_new, core::Session& session, std::vector<core::Error>& errors) {
  for (core::Error& error : core::ReadSessionInput(input, editable.course.mode, services.places,
                                                   services.today(), is_new, session))
    if (std::none_of(errors.begin(), errors.end(), [&](const core::Error& e) { return e.field == error.field; }))
      errors.push_back(std::move(error));
}

web::Response ShowNew(const web::Request& req, const search::Services& services, const AccountServices& accounts) {
  std::optional<EditableCourse> editable = FindEditableCourse(req, accounts);
  if (!editable) return NotFoundPage(req, services);
  return FormPage(req, services, *editable, nullptr, 200, {}, {});
}

web::Response SaveNew(const web::Request& req, const search::Services& services, const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  std::optional<EditableCourse> editable = FindEditableCourse(req, accounts);
  if (!editable) return NotFoundPage(req, services);
  core::SessionInput input;
  std::vector<core::Error> errors;
  if (!ReadForm(req, *editable, input, errors)) {
    return FormPage(req, services, *editable, nullptr, 403, input,
                    {core::MakeError(core::ErrorCode::kForbidden, "csrf_invalid")});
  }
  core::Session session;
  Check(input, *editable, services, /*is_new=*/true, session, errors);
  if (!errors.empty()) return FormPage(req, services, *editable, nullptr, 400, input, errors);

  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return FormPage(req, services, *editable, nullptr, 503, input, {db.error()});
  session.recruitment = core::DatesDecide(session, services.today());
  core::Result<int64_t> version =
      store::EditCourse(**db, editable->course.id, Actor(*editable), [&](core::Course& stored) -> core::Status {
        stored.sessions.push_back(session);
        return core::Ok{};
      });
  if (!version.ok())
    return FormPage(req, services, *editable, nullptr, core::HttpStatus(version.error().code), input, {version.error()});
  accounts.await_applied(*version);
  return NotCached(web::Response::Redirect(CourseEditorUrl(editable->course.id, lang, "session-ajoutee")));
}

web::Response ShowEdit(const web::Request& req, const search::Services& services, const AccountServices& accounts) {
  std::optional<EditableCourse> editable = FindEditableCourse(req, accounts);
  const core::Session* session = editable ? SessionOf(req, *editable) : nullptr;
  if (!session) return NotFoundPage(req, services);
  return FormPage(req, services, *editable, session, 200, core::InputOf(*session, services.places), {});
}

web::Response SaveEdit(const web::Request& req, const search::Services& services, const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  std::optional<EditableCourse> editable = FindEditableCourse(req, accounts);
  const core::Session* session = editable ? SessionOf(req, *editable) : nullptr;
  if (!session) return NotFoundPage(req, services);
  core::SessionInput input;
  std::vector<core::Error> errors;
  if (!ReadForm(req, *editable, input, errors)) {
    return FormPage(req, services, *editable, session, 403, input,
                    {core::MakeError(core::ErrorCode::kForbidden, "csrf_invalid")});
  }
  core::Session edited = *session;
  Check(input, *editable, services, /*is_new=*/false, edited, errors);
  if (!errors.empty()) return FormPage(req, services, *editable, session, 400, input, errors);

  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return FormPage(req, services, *editable, session, 503, input, {db.error()});
  core::Result<int64_t> version =
      store::EditCourse(**db, editable->course.id, Actor(*editable), [&](core::Course& stored) -> core::Status {
        auto it = std::find_if(stored.sessions.begin(), stored.sessions.end(),
                               [&](const core::Session& s) { return s.id == edited.id; });
        if (it == stored.sessions.end()) return core::MakeError(core::ErrorCode::kNotFound, "session_not_found");
        core::RecruitmentState recruitment = it->recruitment;
        *it = edited;
        // Closed or full by the organisation stays so; otherwise the new dates decide.
        bool by_organisation =
            recruitment == core::RecruitmentState::kClosed || recruitment == core::RecruitmentState::kFull;
        it->recruitment = by_organisation ? recruitment : core::DatesDecide(*it, services.today());
        return core::Ok{};
      });
  if (!version.ok()) {
    if (version.error().code == core::ErrorCode::kNotFound) return NotFoundPage(req, services);
    return FormPage(req, services, *editable, session, core::HttpStatus(version.error().code), input, {version.error()});
  }
  accounts.await_applied(*version);
  return NotCached(web::Response::Redirect(CourseEditorUrl(editable->course.id, lang, "session-enregistree")));
}

web::Response ChangeRecruitment(const web::Request& req, const search::Services& services,
                                const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  std::optional<EditableCourse> editable = FindEditableCourse(req, accounts);
  const core::Session* session = editable ? SessionOf(req, *editable) : nullptr;
  if (!session) return NotFoundPage(req, services);
  core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
  const web::KeyValues fields = form.ok() ? *form : web::KeyValues{};
  std::vector<core::Error> unreadable;  // an unreadable action is no action: refused below
  if (!auth::SameToken(FormField(fields, "csrf", unreadable), editable->principal.csrf_token))
    return CourseEditorPage(req, services, *editable, 403, {core::MakeError(core::ErrorCode::kForbidden, "csrf_invalid")});
  const std::string action = FormField(fields, "action", unreadable);

  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return CourseEditorPage(req, services, *editable, 503, {db.error()});
  core::Result<int64_t> version =
      store::EditCourse(**db, editable->course.id, Actor(*editable), [&](core::Course& stored) -> core::Status {
        auto it = std::find_if(stored.sessions.begin(), stored.sessions.end(),
                               [&](const core::Session& s) { return s.id == session->id; });
        if (it == stored.sessions.end()) return core::MakeError(core::ErrorCode::kNotFound, "session_not_found");
        return core::ApplyRecruitmentAction(action, services.today(), *it);
      });
  if (!version.ok()) {
    if (version.error().code == core::ErrorCode::kNotFound) return NotFoundPage(req, services);
    return CourseEditorPage(req, services, *editable, core::HttpStatus(version.error().code), {version.error()});
  }
  accounts.await_applied(*version);
  std::string_view notice = action == "close" ? "inscriptions-closes" : action == "full" ? "complete" : "inscriptions-rouvertes";
  return NotCached(web::Response::Redirect(CourseEditorUrl(editable->course.id, lang, notice)));
}

}  // namespace

void RegisterSessionEditorRoutes(web::Router& router, const search::Services& services,
                                 const AccountServices& accounts) {
  router.Get("/espace/formations/{id}/nouvelle-session",
             [&](const web::Request& req) { return ShowNew(req, services, accounts); });
  router.Post("/espace/formations/{id}/nouvelle-session",
              [&](const web::Request& req) { return SaveNew(req, services, accounts); });
  router.Get("/espace/formations/{id}/sessions/{session}",
             [&](const web::Request& req) { return ShowEdit(req, services, accounts); });
  router.Post("/espace/formations/{id}/sessions/{session}",
              [&](const web::Request& req) { return SaveEdit(req, services, accounts); });
  router.Post("/espace/formations/{id}/sessions/{session}/recrutement",
              [&](const web::Request& req) { return ChangeRecruitment(req, services, accounts); });
}

}  // namespace tremplin::site
