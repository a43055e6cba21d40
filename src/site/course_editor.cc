#include "site/course_editor.h"

#include <algorithm>
#include <functional>

#include "auth/permissions.h"
#include "auth/tokens.h"
#include "core/course_rules.h"
#include "core/course_texts.h"
#include "core/labels.h"
#include "core/place.h"
#include "site/course_creator.h"
#include "site/search_form.h"
#include "site/session_editor.h"
#include "site/templates.h"
#include "site/urls.h"
#include "store/catalogue_store.h"
#include "web/language.h"

namespace tremplin::site {
namespace {

using ctemplate::TemplateDictionary;

const core::Messages& M() { return core::Messages::Builtin(); }

// The success notices the course page shows after a redirect (?avis=slug), by slug.
constexpr std::pair<std::string_view, std::string_view> kNotices[] = {
    {"creee", "editor.notice.created"},
    {"archivee", "editor.notice.archived"},
    {"en-ligne", "editor.notice.restored_published"},
    {"brouillon", "editor.notice.restored_draft"},
    {"brouillon-sans-label", "editor.notice.restored_draft_unlabelled"},
    {"label-accorde", "editor.notice.label_granted"},
    {"label-accorde-archivee", "editor.notice.label_granted_archived"},
    {"label-retire", "editor.notice.label_withdrawn"},
    {"session-ajoutee", "editor.notice.session_added"},
    {"session-enregistree", "editor.notice.session_saved"},
    {"inscriptions-closes", "editor.notice.recruitment_closed"},
    {"complete", "editor.notice.recruitment_full"},
    {"inscriptions-rouvertes", "editor.notice.recruitment_reopened"},
};

std::string StatusAction(int64_t course_id, core::Lang lang) {
  return Localized("/espace/formations/" + std::to_string(course_id) + "/statut", lang);
}
std::string LabelAction(int64_t course_id, core::Lang lang) {
  return Localized("/espace/formations/" + std::to_string(course_id) + "/label", lang);
}

std::string CommuneText(const core::Geography& geography, const core::Session& session, core::Lang lang) {
  if (session.commune_code.empty()) return std::string(M().Text(lang, "course.remote_address"));
  const core::Commune* commune = geography.FindCommune(session.commune_code);
  std::string place = commune ? core::CommuneLabel(*commune) : session.commune_code;
  return session.address.empty() ? place : session.address + ", " + place;
}

void FillState(TemplateDictionary& dict, const EditableCourse& editable, core::Lang lang) {
  const core::Course& course = editable.course;
  const std::string status(core::ToString(course.status));
  dict.SetValue("STATUS", status);
  dict.SetValue("STATUS_LABEL", Tpl(M().Text(lang, "editor.status." + status)));
  dict.SetValue("STATUS_HELP", Tpl(M().Text(lang, "editor.status_help." + status)));
  if (course.IsPublished()) dict.ShowSection("STATUS_PUBLISHED");
  dict.SetValue("LABEL_TEXT",
                !core::EverLabelled(course)
                    ? std::string(M().Text(lang, "editor.label_none"))
                    : M().Format(lang, "editor.label_value",
                                 {{"state", std::string(core::LabelStateLabel(course.label_state, lang))},
                                  {"granted", core::DateLabel(course.label_granted_on, lang)},
                                  {"expires", core::DateLabel(course.label_expires_on, lang)}}));
  dict.SetValue("STATUS_ACTION", StatusAction(course.id, lang));
  dict.ShowSection(course.status == core::CourseStatus::kArchived ? "RESTORE" : "ARCHIVE");
  if (editable.principal.user.role == store::Role::kAdmin) {
    TemplateDictionary* decision = dict.AddSectionDictionary("LABEL_DECISION");
    decision->SetValue("LABEL_ACTION", LabelAction(course.id, lang));
    if (course.label_state != core::LabelState::kWithdrawn) decision->ShowSection("WITHDRAW");
  }
}

void FillFacts(TemplateDictionary& dict, const core::Course& course, const core::Taxonomy& taxonomy,
               core::Lang lang) {
  const core::Family* family = taxonomy.FindFamily(course.family_id);
  dict.SetValue("FAMILY", family ? std::string(core::Name(*family, lang)) : course.family_id);
  std::string professions;
  for (const std::string& id : course.profession_ids) {
    const core::Profession* profession = taxonomy.FindProfession(id);
    professions += (professions.empty() ? "" : ", ") + (profession ? std::string(core::Name(*profession, lang)) : id);
  }
  dict.SetValue("PROFESSIONS", professions);
  dict.SetValue("MODE", Tpl(core::ModeLabel(course.mode, lang)));
  dict.SetValue("DURATION", M().Format(lang, "course.duration_value",
                                       {{"duration", core::DurationLabel(course.duration_weeks, lang)},
                                        {"hours", std::to_string(course.duration_hours)}}));
  dict.SetValue("COST", core::MoneyLabel(course.cost_to_learner_cents, lang));
  dict.SetValue("CERTIFICATION",
                course.rncp_code.empty()
                    ? std::string(M().Text(lang, "editor.no_certification"))
                    : M().Format(lang, "course.certification_value",
                                 {{"title", course.certification_title},
                                  {"level", core::LevelLabel(course.certification_level, lang)},
                                  {"rncp", course.rncp_code}}));
}

void FillSessions(TemplateDictionary& dict, const core::Course& course, const core::Geography& geography,
                  core::Date today, core::Lang lang) {
  const std::string base = "/espace/formations/" + std::to_string(course.id);
  dict.SetValue("NEW_SESSION_URL", Localized(base + "/nouvelle-session", lang));
  if (course.sessions.empty()) {
    dict.ShowSection("NO_SESSIONS");
    return;
  }
  std::vector<const core::Session*> sessions;
  for (const core::Session& s : course.sessions) sessions.push_back(&s);
  std::stable_sort(sessions.begin(), sessions.end(),
                   [](const core::Session* a, const core::Session* b) { return a->start < b->start; });
  TemplateDictionary* table = dict.AddSectionDictionary("SESSIONS");
  for (const core::Session* s : sessions) {
    TemplateDictionary* row = table->AddSectionDictionary("SESSION");
    const std::string path = base + "/sessions/" + std::to_string(s->id);
    const std::string dates = M().Format(lang, "session.dates_value",
                                         {{"start", core::DateLabel(s->start, lang)},
                                          {"end", core::DateLabel(s->end, lang)}});
    row->SetIntValue("ID", static_cast<long>(s->id));
    row->SetValue("DATES", dates);
    row->SetValue("EDIT_OF", M().Format(lang, "editor.session_edit_of", {{"dates", dates}}));
    row->SetValue("PLACE", CommuneText(geography, *s, lang));
    row->SetValue("ENROLMENT", M().Format(lang, "session.enrolment_value",
                                          {{"opens", core::DateLabel(s->enrolment_opens, lang)},
                                           {"closes", core::DateLabel(s->enrolment_closes, lang)}}));
    row->SetIntValue("CAPACITY", s->capacity);
    core::RecruitmentState state = core::RecruitmentOn(*s, today);
    bool by_organisation =
        s->recruitment == core::RecruitmentState::kClosed || s->recruitment == core::RecruitmentState::kFull;
    std::string label(core::RecruitmentLabel(state, lang));
    row->SetValue("STATE", by_organisation ? M().Format(lang, "editor.session_closed_by_organisation", {{"state", label}})
                                           : label);
    row->SetValue("STATE_CLASS", state == core::RecruitmentState::kOpen       ? "open"
                                 : state == core::RecruitmentState::kUpcoming ? "soon"
                                 : state == core::RecruitmentState::kFull     ? "full"
                                                                              : "closed");
    row->SetValue("STORED_STATE", Tpl(core::ToString(s->recruitment)));
    row->SetValue("EDIT_URL", Localized(path, lang));
    row->SetValue("RECRUITMENT_ACTION", Localized(path + "/recrutement", lang));
    row->ShowSection(by_organisation ? "CLOSED" : "OPEN");
  }
}

// The texts of `course`, as the texts form shows them.
std::vector<std::pair<std::string, std::string>> TextsOf(const core::Course& course) {
  std::vector<std::pair<std::string, std::string>> texts;
  for (const auto& [name, member] : core::kCourseTexts) texts.emplace_back(name, course.*member);
  return texts;
}

// The whole page: state, facts, sessions and the texts form filled with `texts`; `errors` in the
// summary and next to their text field.
web::Response EditorPage(const web::Request& req, const search::Services& services,
                         const EditableCourse& editable, int status,
                         const std::vector<std::pair<std::string, std::string>>& texts,
                         const std::vector<core::Error>& raw_errors) {
  core::Lang lang = web::RequestLang(req);
  const core::Course& course = editable.course;
  auto catalogue = services.catalogue.Get();
  std::vector<core::Error> errors = ReadableErrors(raw_errors, lang, services.taxonomy, {"editor.field."});
  PageMeta meta = BackOfficeMeta(std::string(M().Text(lang, "editor.title")) + " — " + course.title,
                                 "course_editor.tpl", status);
  return NoStore(RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("COURSE_TITLE", course.title);
    dict.SetValue("ORGANISATION", editable.organisation_name);
    if (course.IsPublished()) dict.AddSectionDictionary("PUBLIC")->SetValue("PUBLIC_URL", CourseUrl(course.id, "", lang));
    else dict.ShowSection("NOT_PUBLIC");
    dict.SetValue("ACCOUNT_URL", AccountUrl(lang));
    dict.SetValue("ACTION", CourseEditorUrl(course.id, lang));
    dict.SetValue("CSRF", editable.principal.csrf_token);
    if (errors.empty()) {
      std::string_view notice_key = req.Has("enregistre") ? "editor.saved" : "";
      for (const auto& [slug, key] : kNotices)
        if (req.Param("avis") == slug) notice_key = key;
      if (!notice_key.empty()) dict.AddSectionDictionary("NOTICE")->SetValue("TEXT", Tpl(M().Text(lang, notice_key)));
    }
    FillState(dict, editable, lang);
    FillFacts(dict, course, services.taxonomy, lang);
    FillSessions(dict, course, catalogue->geography(), services.today(), lang);

    std::initializer_list<std::string_view> fields = {"title", "summary", "objectives", "content",
                                                      "prerequisites", "target_public",
                                                      "access_modalities", "teaching_methods",
                                                      "assessment_methods", "accessibility"};
    if (!errors.empty()) FillErrorSummary(dict, errors, req, lang, fields);
    for (const auto& [name, value] : texts) {
      TemplateDictionary* field = dict.AddSectionDictionary("FIELD");
      field->SetValue("NAME", name);
      field->SetValue("LABEL", Tpl(M().Text(lang, "editor.field." + name)));
      TemplateDictionary* input = field->AddSectionDictionary(name == "title" ? "LINE" : "AREA");
      input->SetValue("VALUE", value);
      input->SetIntValue("MAX", static_cast<long>(core::kMaxTitleCharacters));
      if (const core::Error* error = ErrorAbout(errors, name)) {
        field->AddSectionDictionary("ERROR")->SetValue("TEXT", M().ErrorText(lang, *error));
        input->ShowSection("ERROR");
      }
    }
  }));
}

web::Response ShowEditor(const web::Request& req, const search::Services& services,
                         const AccountServices& accounts) {
  core::Result<EditableCourse> editable = FindEditableCourse(req, accounts);
  if (!editable.ok()) return ProblemPage(req, services, editable.error());
  return EditorPage(req, services, *editable, 200, TextsOf(editable->course), {});
}

web::Response SaveTexts(const web::Request& req, const search::Services& services,
                        const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  core::Result<EditableCourse> editable = FindEditableCourse(req, accounts);
  if (!editable.ok()) return ProblemPage(req, services, editable.error());
  const core::Course& course = editable->course;

  core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
  std::vector<core::Error> errors;
  if (!form.ok()) errors.push_back(form.error());
  const web::KeyValues fields = form.ok() ? *form : web::KeyValues{};
  if (!auth::SameToken(FormValue(fields, "csrf"), editable->principal.csrf_token))
    return EditorPage(req, services, *editable, 403, TextsOf(course), {CsrfRefused()});
  // Only the texts sent change: one not sent stays as stored, even if someone else changed it
  // since this page was read.
  std::vector<std::pair<std::string, std::string>> texts = TextsOf(course);
  std::vector<std::pair<core::CourseText, std::string>> sent;
  for (auto& [name, shown] : texts) {
    if (!FormHas(fields, name)) continue;
    shown = FormField(fields, name, errors);
    core::Result<std::string> checked = core::CheckCourseText(name, shown);
    if (checked.ok()) sent.emplace_back(core::FindCourseText(name), *checked);
    else errors.push_back(checked.error());
  }
  if (!errors.empty()) return EditorPage(req, services, *editable, 400, texts, errors);

  core::Status saved = EditStoredCourse(accounts, *editable, [&](core::Course& stored) -> core::Status {
    for (const auto& [member, value] : sent) stored.*member = value;
    return core::Ok{};
  });
  if (!saved.ok()) {
    if (saved.error().code == core::ErrorCode::kNotFound) return ProblemPage(req, services, saved.error());
    return EditorPage(req, services, *editable, core::HttpStatus(saved.error().code), texts, {saved.error()});
  }
  return NoStore(web::Response::Redirect(WithNotice(CourseEditorUrl(course.id, lang), "enregistre=1")));
}

web::Response ChangeStatus(const web::Request& req, const search::Services& services,
                           const AccountServices& accounts) {
  return DecideOnCourse(req, services, accounts, [&](std::string_view action, core::Course& stored) -> core::Result<std::string> {
    core::Status applied = core::ApplyStatusAction(action, services.today(), stored);
    if (!applied.ok()) return applied.error();
    if (stored.status == core::CourseStatus::kArchived) return std::string("archivee");
    if (stored.IsPublished()) return std::string("en-ligne");
    return std::string(core::EverLabelled(stored) ? "brouillon" : "brouillon-sans-label");
  });
}

web::Response DecideLabel(const web::Request& req, const search::Services& services,
                          const AccountServices& accounts) {
  return DecideOnCourse(req, services, accounts, [&](std::string_view action, core::Course& stored) -> core::Result<std::string> {
    core::Status applied = core::ApplyLabelAction(action, services.today(), stored);
    if (!applied.ok()) return applied.error();
    if (stored.label_state == core::LabelState::kWithdrawn) return std::string("label-retire");
    return std::string(stored.status == core::CourseStatus::kArchived ? "label-accorde-archivee" : "label-accorde");
  });
}

}  // namespace

std::string CourseEditorUrl(int64_t course_id, core::Lang lang) {
  return Localized("/espace/formations/" + std::to_string(course_id), lang);
}

std::string CourseEditorUrl(int64_t course_id, core::Lang lang, std::string_view notice) {
  return WithNotice(CourseEditorUrl(course_id, lang), "avis=" + std::string(notice));
}

core::Result<EditableCourse> FindEditableCourse(const web::Request& req, const AccountServices& accounts) {
  const core::Error not_editable = core::MakeError(core::ErrorCode::kNotFound, "editor_course_not_found");
  std::optional<int64_t> id = PositivePathId(req, "id");
  if (!id) return not_editable;
  core::Result<std::optional<auth::Principal>> principal = FindPrincipal(req, accounts);
  if (!principal.ok()) return principal.error();
  if (!*principal) return not_editable;
  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return db.error();
  core::Result<core::Course> course = store::FindCourse(**db, *id);
  if (!course.ok()) return course.error().code == core::ErrorCode::kNotFound ? not_editable : course.error();
  if (!auth::CanEditOrganisationData((*principal)->user, course->organisation_id)) return not_editable;
  core::Result<core::Organisation> organisation = store::FindOrganisation(**db, course->organisation_id);
  if (!organisation.ok()) return organisation.error();
  return EditableCourse{std::move(**principal), std::move(*course), organisation->name};
}

core::Status EditStoredCourse(const AccountServices& accounts, const EditableCourse& editable,
                              const std::function<core::Status(core::Course&)>& edit) {
  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return db.error();
  core::Result<int64_t> version =
      store::EditCourse(**db, editable.course.id, Actor(editable.principal), [&](core::Course& stored) -> core::Status {
        // Checked again in the transaction that holds the row: the organisation the person may
        // edit is the one the page was allowed for.
        if (stored.organisation_id != editable.course.organisation_id)
          return core::MakeError(core::ErrorCode::kNotFound, "course_not_found")
              .With("id", std::to_string(editable.course.id));
        return edit(stored);
      });
  if (!version.ok()) return version.error();
  accounts.await_applied(*version);
  return core::Ok{};
}

web::Response DecideOnCourse(const web::Request& req, const search::Services& services,
                             const AccountServices& accounts, const CourseDecision& decide) {
  core::Lang lang = web::RequestLang(req);
  core::Result<EditableCourse> editable = FindEditableCourse(req, accounts);
  if (!editable.ok()) return ProblemPage(req, services, editable.error());
  core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
  const web::KeyValues fields = form.ok() ? *form : web::KeyValues{};
  if (!auth::SameToken(FormValue(fields, "csrf"), editable->principal.csrf_token))
    return CourseEditorPage(req, services, *editable, 403, {CsrfRefused()});
  std::vector<core::Error> unreadable;  // an unreadable action is no action: refused below
  const std::string action = FormField(fields, "action", unreadable);

  std::string notice;
  core::Status decided = EditStoredCourse(accounts, *editable, [&](core::Course& stored) -> core::Status {
    core::Result<std::string> applied = decide(action, stored);
    if (!applied.ok()) return applied.error();
    notice = *applied;
    return core::Ok{};
  });
  if (!decided.ok()) {
    if (decided.error().code == core::ErrorCode::kNotFound) return ProblemPage(req, services, decided.error());
    return CourseEditorPage(req, services, *editable, core::HttpStatus(decided.error().code), {decided.error()});
  }
  return NoStore(web::Response::Redirect(CourseEditorUrl(editable->course.id, lang, notice)));
}

web::Response CourseEditorPage(const web::Request& req, const search::Services& services,
                               const EditableCourse& editable, int status,
                               const std::vector<core::Error>& errors) {
  return EditorPage(req, services, editable, status, TextsOf(editable.course), errors);
}

void RegisterCourseEditorRoutes(web::Router& router, const search::Services& services,
                                const AccountServices& accounts) {
  router.Get("/espace/formations/{id}",
             [&](const web::Request& req) { return ShowEditor(req, services, accounts); });
  router.Post("/espace/formations/{id}",
              [&](const web::Request& req) { return SaveTexts(req, services, accounts); });
  router.Post("/espace/formations/{id}/statut",
              [&](const web::Request& req) { return ChangeStatus(req, services, accounts); });
  router.Post("/espace/formations/{id}/label",
              [&](const web::Request& req) { return DecideLabel(req, services, accounts); });
  RegisterCourseCreatorRoutes(router, services, accounts);
  RegisterSessionEditorRoutes(router, services, accounts);
}

}  // namespace tremplin::site
