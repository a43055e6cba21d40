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
  std::vector<core::Error> errors = ReadableErrors(raw_errors, lang, services.taxonomy, {"session_editor.field."});
  const std::string title(M().Text(lang, session ? "session_editor.edit_title" : "session_editor.new_title"));
  PageMeta meta = BackOfficeMeta(title + " — " + course.title, "session_editor.tpl", status);
  return NoStore(RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
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
      if (const core::Error* error = ErrorAbout(errors, name)) {
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
  return auth::SameToken(FormValue(fields, "csrf"), editable.principal.csrf_token);
}

// Checks `input` into `session`, adding the rules' errors to `errors`.
void Check(const core::SessionInput& input, const EditableCourse& editable, const search::Services& services,
           bool is_new, core::Session& session, std::vector<core::Error>& errors) {
  AddFieldErrors(errors, core::ReadSessionInput(input, editable.course.mode, services.places, services.today(),
                                                is_new, session));
}

// The stored session `id` of `stored`, or the refusal "session_not_found".
core::Result<core::Session*> StoredSession(core::Course& stored, int64_t id) {
  auto it = std::find_if(stored.sessions.begin(), stored.sessions.end(),
                         [&](const core::Session& s) { return s.id == id; });
  if (it == stored.sessions.end()) return core::MakeError(core::ErrorCode::kNotFound, "session_not_found");
  return &*it;
}

web::Response ShowNew(const web::Request& req, const search::Services& services, const AccountServices& accounts) {
  core::Result<EditableCourse> editable = FindEditableCourse(req, accounts);
  if (!editable.ok()) return ProblemPage(req, services, editable.error());
  return FormPage(req, services, *editable, nullptr, 200, {}, {});
}

web::Response SaveNew(const web::Request& req, const search::Services& services, const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  core::Result<EditableCourse> editable = FindEditableCourse(req, accounts);
  if (!editable.ok()) return ProblemPage(req, services, editable.error());
  core::SessionInput input;
  std::vector<core::Error> errors;
  if (!ReadForm(req, *editable, input, errors))
    return FormPage(req, services, *editable, nullptr, 403, input, {CsrfRefused()});
  core::Session session;
  Check(input, *editable, services, /*is_new=*/true, session, errors);
  if (!errors.empty()) return FormPage(req, services, *editable, nullptr, 400, input, errors);

  session.recruitment = core::DatesDecide(session, services.today());
  core::Status added = EditStoredCourse(accounts, *editable, [&](core::Course& stored) -> core::Status {
    stored.sessions.push_back(session);
    return core::Ok{};
  });
  if (!added.ok()) {  // 404 when the course is gone (or moved to another organisation)
    if (added.error().code == core::ErrorCode::kNotFound) return ProblemPage(req, services, added.error());
    return FormPage(req, services, *editable, nullptr, core::HttpStatus(added.error().code), input, {added.error()});
  }
  return NoStore(web::Response::Redirect(CourseEditorUrl(editable->course.id, lang, "session-ajoutee")));
}

web::Response ShowEdit(const web::Request& req, const search::Services& services, const AccountServices& accounts) {
  core::Result<EditableCourse> editable = FindEditableCourse(req, accounts);
  if (!editable.ok()) return ProblemPage(req, services, editable.error());
  const core::Session* session = SessionOf(req, *editable);
  if (!session) return NotFoundPage(req, services);
  return FormPage(req, services, *editable, session, 200, core::InputOf(*session, services.places), {});
}

web::Response SaveEdit(const web::Request& req, const search::Services& services, const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  core::Result<EditableCourse> editable = FindEditableCourse(req, accounts);
  if (!editable.ok()) return ProblemPage(req, services, editable.error());
  const core::Session* session = SessionOf(req, *editable);
  if (!session) return NotFoundPage(req, services);
  core::SessionInput input;
  std::vector<core::Error> errors;
  if (!ReadForm(req, *editable, input, errors))
    return FormPage(req, services, *editable, session, 403, input, {CsrfRefused()});
  core::Session edited = *session;
  Check(input, *editable, services, /*is_new=*/false, edited, errors);
  if (!errors.empty()) return FormPage(req, services, *editable, session, 400, input, errors);

  core::Status saved = EditStoredCourse(accounts, *editable, [&](core::Course& stored) -> core::Status {
    core::Result<core::Session*> it = StoredSession(stored, edited.id);
    if (!it.ok()) return it.error();
    core::RecruitmentState recruitment = (*it)->recruitment;
    **it = edited;
    // Closed or full by the organisation stays so; otherwise the new dates decide.
    bool by_organisation =
        recruitment == core::RecruitmentState::kClosed || recruitment == core::RecruitmentState::kFull;
    (*it)->recruitment = by_organisation ? recruitment : core::DatesDecide(**it, services.today());
    return core::Ok{};
  });
  if (!saved.ok()) {  // 404 when the course or the session is gone
    if (saved.error().code == core::ErrorCode::kNotFound) return ProblemPage(req, services, saved.error());
    return FormPage(req, services, *editable, session, core::HttpStatus(saved.error().code), input, {saved.error()});
  }
  return NoStore(web::Response::Redirect(CourseEditorUrl(editable->course.id, lang, "session-enregistree")));
}

web::Response ChangeRecruitment(const web::Request& req, const search::Services& services,
                                const AccountServices& accounts) {
  std::optional<int64_t> session_id = PositivePathId(req, "session");
  if (!session_id) return NotFoundPage(req, services);
  return DecideOnCourse(req, services, accounts, [&](std::string_view action, core::Course& stored) -> core::Result<std::string> {
    core::Result<core::Session*> session = StoredSession(stored, *session_id);  // of this course only
    if (!session.ok()) return session.error();
    core::Status applied = core::ApplyRecruitmentAction(action, services.today(), **session);
    if (!applied.ok()) return applied.error();
    return std::string(action == "close" ? "inscriptions-closes" : action == "full" ? "complete" : "inscriptions-rouvertes");
  });
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
