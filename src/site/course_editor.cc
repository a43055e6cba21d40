#include "site/course_editor.h"

#include <algorithm>
#include <charconv>
#include <functional>

#include "auth/permissions.h"
#include "auth/tokens.h"
#include "core/course_rules.h"
#include "core/course_texts.h"
#include "core/labels.h"
#include "core/place.h"
#include "site/course_creator.h"
#include "site/error_pages.h"
#include "site/search_form.h"
#include "site/session_editor.h"
#include "site/templates.h"
#include "site/urls.h"
#include "store/catalogue_store.h"
#include "text/utf8.h"
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
    {"label-accorde", "editor.notice.label_granted"},
    {"label-retire", "editor.notice.label_withdrawn"},
    {"session-ajoutee", "editor.notice.session_added"},
    {"session-enregistree", "editor.notice.session_saved"},
    {"inscriptions-closes", "editor.notice.recruitment_closed"},
    {"complete", "editor.notice.recruitment_full"},
    {"inscriptions-rouvertes", "editor.notice.recruitment_reopened"},
};

std::string Actor(const auth::Principal& principal) { return "user:" + std::to_string(principal.user.id); }

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
  bool never_labelled = course.label_state == core::LabelState::kExpired && course.label_granted_on == core::Date();
  dict.SetValue("LABEL_TEXT",
                never_labelled
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
  std::vector<core::Error> errors = ReadableErrors(raw_errors, lang, services.taxonomy);
  PageMeta meta;
  meta.status = status;
  meta.title = std::string(M().Text(lang, "editor.title")) + " — " + course.title;
  meta.content_template = "course_editor.tpl";
  meta.noindex = true;
  meta.nav = PageMeta::Nav::kAccount;
  return NotCached(RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
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
      for (const core::Error& e : errors) {
        if (e.field != name) continue;
        field->AddSectionDictionary("ERROR")->SetValue("TEXT", M().ErrorText(lang, e));
        input->ShowSection("ERROR");
        break;
      }
    }
  }));
}

web::Response ShowEditor(const web::Request& req, const search::Services& services,
                         const AccountServices& accounts) {
  std::optional<EditableCourse> editable = FindEditableCourse(req, accounts);
  if (!editable) return NotFoundPage(req, services);
  return EditorPage(req, services, *editable, 200, TextsOf(editable->course), {});
}

web::Response SaveTexts(const web::Request& req, const search::Services& services,
                        const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  std::optional<EditableCourse> editable = FindEditableCourse(req, accounts);
  if (!editable) return NotFoundPage(req, services);
  const core::Course& course = editable->course;

  core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
  std::vector<core::Error> errors;
  if (!form.ok()) errors.push_back(form.error());
  const web::KeyValues fields = form.ok() ? *form : web::KeyValues{};
  std::vector<core::Error> ignored;
  if (!auth::SameToken(FormField(fields, "csrf", ignored), editable->principal.csrf_token)) {
    return EditorPage(req, services, *editable, 403, TextsOf(course),
                      {core::MakeError(core::ErrorCode::kForbidden, "csrf_invalid")});
  }
  // A text not sent stays as it is.
  std::vector<std::pair<std::string, std::string>> texts = TextsOf(course);
  for (auto& [name, shown] : texts)
    if (std::any_of(fields.begin(), fields.end(), [&](const auto& kv) { return kv.first == name; }))
      shown = FormField(fields, name, errors);
  core::Course edited = course;
  for (const auto& [name, value] : texts) {
    core::Result<std::string> checked = core::CheckCourseText(name, value);
    if (checked.ok()) edited.*core::FindCourseText(name) = *checked;
    else errors.push_back(checked.error());
  }
  if (!errors.empty()) return EditorPage(req, services, *editable, 400, texts, errors);

  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return EditorPage(req, services, *editable, 503, texts, {db.error()});
  core::Result<int64_t> version =
      store::EditCourse(**db, course.id, Actor(editable->principal), [&](core::Course& stored) -> core::Status {
        for (const auto& [name, member] : core::kCourseTexts) stored.*member = edited.*member;
        return core::Ok{};
      });
  if (!version.ok())
    return EditorPage(req, services, *editable, core::HttpStatus(version.error().code), texts, {version.error()});
  accounts.await_applied(*version);
  std::string saved = CourseEditorUrl(course.id, lang);
  saved += saved.find('?') == std::string::npos ? "?enregistre=1" : "&enregistre=1";
  return NotCached(web::Response::Redirect(saved));
}

// POST /statut and /label: `decide` applies the form's action to the stored course (in the
// transaction that holds it) and returns the notice to show, or why it was refused.
using Decision = std::function<core::Result<std::string>(std::string_view action, core::Course& stored)>;

web::Response Decide(const web::Request& req, const search::Services& services,
                     const AccountServices& accounts, const Decision& decide) {
  core::Lang lang = web::RequestLang(req);
  std::optional<EditableCourse> editable = FindEditableCourse(req, accounts);
  if (!editable) return NotFoundPage(req, services);
  core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
  const web::KeyValues fields = form.ok() ? *form : web::KeyValues{};
  std::vector<core::Error> unreadable;  // an unreadable action is no action: refused below
  if (!auth::SameToken(FormField(fields, "csrf", unreadable), editable->principal.csrf_token))
    return CourseEditorPage(req, services, *editable, 403, {core::MakeError(core::ErrorCode::kForbidden, "csrf_invalid")});
  const std::string action = FormField(fields, "action", unreadable);

  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return CourseEditorPage(req, services, *editable, 503, {db.error()});
  std::string notice;
  core::Result<int64_t> version = store::EditCourse(
      **db, editable->course.id, Actor(editable->principal), [&](core::Course& stored) -> core::Status {
        core::Result<std::string> decided = decide(action, stored);
        if (!decided.ok()) return decided.error();
        notice = *decided;
        return core::Ok{};
      });
  if (!version.ok())
    return CourseEditorPage(req, services, *editable, core::HttpStatus(version.error().code), {version.error()});
  accounts.await_applied(*version);
  return NotCached(web::Response::Redirect(CourseEditorUrl(editable->course.id, lang, notice)));
}

web::Response ChangeStatus(const web::Request& req, const search::Services& services,
                           const AccountServices& accounts) {
  return Decide(req, services, accounts, [&](std::string_view action, core::Course& stored) -> core::Result<std::string> {
    core::Status applied = core::ApplyStatusAction(action, services.today(), stored);
    if (!applied.ok()) return applied.error();
    if (stored.status == core::CourseStatus::kArchived) return std::string("archivee");
    return std::string(stored.IsPublished() ? "en-ligne" : "brouillon");
  });
}

web::Response DecideLabel(const web::Request& req, const search::Services& services,
                          const AccountServices& accounts) {
  return Decide(req, services, accounts, [&](std::string_view action, core::Course& stored) -> core::Result<std::string> {
    core::Status applied = core::ApplyLabelAction(action, services.today(), stored);
    if (!applied.ok()) return applied.error();
    return std::string(stored.label_state == core::LabelState::kWithdrawn ? "label-retire" : "label-accorde");
  });
}

}  // namespace

std::string CourseEditorUrl(int64_t course_id, core::Lang lang) {
  return Localized("/espace/formations/" + std::to_string(course_id), lang);
}

std::string CourseEditorUrl(int64_t course_id, core::Lang lang, std::string_view notice) {
  std::string url = CourseEditorUrl(course_id, lang);
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "avis=" + std::string(notice);
}

std::optional<int64_t> PositivePathId(const web::Request& req, std::string_view name) {
  std::string_view text = req.PathParam(name);
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::optional<EditableCourse> FindEditableCourse(const web::Request& req, const AccountServices& accounts) {
  std::optional<int64_t> id = PositivePathId(req, "id");
  if (!id) return std::nullopt;
  std::optional<auth::Principal> principal = CurrentPrincipal(req, accounts);
  if (!principal) return std::nullopt;
  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return std::nullopt;
  core::Result<core::Course> course = store::FindCourse(**db, *id);
  if (!course.ok() || !auth::CanEditOrganisationData(principal->user, course->organisation_id)) return std::nullopt;
  core::Result<core::Organisation> organisation = store::FindOrganisation(**db, course->organisation_id);
  if (!organisation.ok()) return std::nullopt;
  return EditableCourse{std::move(*principal), std::move(*course), organisation->name};
}

std::string FormField(const web::KeyValues& form, std::string_view name, std::vector<core::Error>& errors) {
  for (const auto& [key, value] : form) {
    if (key != name) continue;
    if (text::IsValidUtf8(value)) return value;
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument, "invalid_utf8", std::string(name)));
    return "";
  }
  return "";
}

std::vector<core::Error> ReadableErrors(std::vector<core::Error> errors, core::Lang lang,
                                        const core::Taxonomy& taxonomy) {
  for (core::Error& error : errors) {
    for (auto& [arg, value] : error.args) {
      if (arg == "name") {
        for (std::string_view prefix : {"editor.field.", "session_editor.field."})
          if (M().Has(lang, std::string(prefix) + value)) {
            value = std::string(M().Text(lang, std::string(prefix) + value));
            break;
          }
      } else if (arg == "profession") {
        if (const core::Profession* p = taxonomy.FindProfession(value)) value = std::string(core::Name(*p, lang));
      } else if (arg == "family") {
        if (const core::Family* f = taxonomy.FindFamily(value)) value = std::string(core::Name(*f, lang));
      }
    }
  }
  return errors;
}

void FillFormErrors(TemplateDictionary& dict, const std::vector<core::Error>& errors, const web::Request& req,
                    core::Lang lang, std::initializer_list<std::string_view> fields) {
  if (errors.empty()) return;
  FillErrorSummary(dict, errors, req, lang, fields);
  for (std::string_view field : fields) {
    auto error = std::find_if(errors.begin(), errors.end(), [&](const core::Error& e) { return e.field == field; });
    if (error == errors.end()) continue;
    std::string section(field);
    for (char& c : section) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    dict.AddSectionDictionary(section + "_ERROR")->SetValue("TEXT", M().ErrorText(lang, *error));
  }
}

web::Response NotCached(web::Response response) {
  response.SetHeader("Cache-Control", "no-store");
  return response;
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
