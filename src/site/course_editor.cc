#include "site/course_editor.h"

#include <charconv>

#include "auth/permissions.h"
#include "auth/tokens.h"
#include "core/course_texts.h"
#include "core/messages.h"
#include "site/error_pages.h"
#include "site/search_form.h"
#include "site/templates.h"
#include "site/urls.h"
#include "store/catalogue_store.h"
#include "text/utf8.h"
#include "web/language.h"
#include "web/url_encoding.h"

namespace tremplin::site {
namespace {

using ctemplate::TemplateDictionary;

const core::Messages& M() { return core::Messages::Builtin(); }

// The course the request names, if the signed-in person may edit it; nullptr otherwise (no
// such course, not theirs, not signed in: the same answer).
const core::Course* EditableCourse(const web::Request& req, const search::Catalogue& catalogue,
                                   const std::optional<auth::Principal>& principal) {
  std::string_view text = req.PathParam("id");
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || !principal) return nullptr;
  const core::Course* course = catalogue.FindCourse(id);
  if (!course || !auth::CanEditOrganisationData(principal->user, course->organisation_id)) return nullptr;
  return course;
}

// The form, filled with `values` (by field), `errors` shown next to their fields.
web::Response EditorPage(const web::Request& req, const search::Services& services,
                         const search::Catalogue& catalogue, const core::Course& course,
                         const auth::Principal& principal, int status,
                         const std::vector<std::pair<std::string, std::string>>& values,
                         const std::vector<core::Error>& errors) {
  core::Lang lang = web::RequestLang(req);
  PageMeta meta;
  meta.status = status;
  meta.title = std::string(M().Text(lang, "editor.title")) + " — " + course.title;
  meta.content_template = "course_editor.tpl";
  meta.noindex = true;
  meta.nav = PageMeta::Nav::kAccount;
  web::Response response = RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    const core::Organisation* organisation = catalogue.FindOrganisation(course.organisation_id);
    dict.SetValue("ORGANISATION", organisation ? organisation->name : "");
    dict.SetValue("PUBLIC_URL", CourseUrl(course.id, "", lang));
    dict.SetValue("ACCOUNT_URL", AccountUrl(lang));
    dict.SetValue("ACTION", CourseEditorUrl(course.id, lang));
    dict.SetValue("CSRF", principal.csrf_token);
    if (req.Has("enregistre") && errors.empty()) dict.ShowSection("SAVED");
    std::initializer_list<std::string_view> fields = {"title", "summary", "objectives", "content",
                                                      "prerequisites", "target_public",
                                                      "access_modalities", "teaching_methods",
                                                      "assessment_methods", "accessibility"};
    if (!errors.empty()) FillErrorSummary(dict, errors, req, lang, fields);
    for (const auto& [name, value] : values) {
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
  });
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

web::Response ShowEditor(const web::Request& req, const search::Services& services,
                         const AccountServices& accounts) {
  auto catalogue = services.catalogue.Get();
  std::optional<auth::Principal> principal = CurrentPrincipal(req, accounts);
  const core::Course* course = EditableCourse(req, *catalogue, principal);
  if (!course) return NotFoundPage(req, services);
  std::vector<std::pair<std::string, std::string>> values;
  for (const auto& [name, member] : core::kCourseTexts) values.emplace_back(name, (*course).*member);
  return EditorPage(req, services, *catalogue, *course, *principal, 200, values, {});
}

web::Response SaveEditor(const web::Request& req, const search::Services& services,
                         const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  auto catalogue = services.catalogue.Get();
  std::optional<auth::Principal> principal = CurrentPrincipal(req, accounts);
  const core::Course* course = EditableCourse(req, *catalogue, principal);
  if (!course) return NotFoundPage(req, services);

  core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
  std::string csrf;
  std::vector<std::pair<std::string, std::string>> values;
  for (const auto& [name, member] : core::kCourseTexts) values.emplace_back(name, (*course).*member);
  std::vector<core::Error> errors;
  if (!form.ok()) errors.push_back(form.error());
  for (const auto& [key, value] : form.ok() ? *form : web::KeyValues{}) {
    if (key == "csrf") csrf = value;
    for (auto& [name, shown] : values)
      if (key == name) shown = text::IsValidUtf8(value) ? value : "";
  }
  if (!auth::SameToken(csrf, principal->csrf_token)) {
    return EditorPage(req, services, *catalogue, *course, *principal, 403, values,
                      {core::MakeError(core::ErrorCode::kForbidden, "csrf_invalid")});
  }
  core::Course edited = *course;
  for (const auto& [name, value] : values) {
    core::Result<std::string> checked = core::CheckCourseText(name, value);
    if (checked.ok()) edited.*core::FindCourseText(name) = *checked;
    else errors.push_back(checked.error());
  }
  if (!errors.empty()) return EditorPage(req, services, *catalogue, *course, *principal, 400, values, errors);

  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return EditorPage(req, services, *catalogue, *course, *principal, 503, values, {db.error()});
  const std::string actor = "user:" + std::to_string(principal->user.id);
  core::Result<int64_t> version =
      store::EditCourse(**db, course->id, actor, [&](core::Course& stored) -> core::Status {
        for (const auto& [name, member] : core::kCourseTexts) stored.*member = edited.*member;
        return core::Ok{};
      });
  if (!version.ok()) {
    int status = core::HttpStatus(version.error().code);
    return EditorPage(req, services, *catalogue, *course, *principal, status, values, {version.error()});
  }
  accounts.await_applied(*version);
  std::string saved = CourseEditorUrl(course->id, lang);
  saved += saved.find('?') == std::string::npos ? "?enregistre=1" : "&enregistre=1";
  return web::Response::Redirect(saved);
}

}  // namespace

std::string CourseEditorUrl(int64_t course_id, core::Lang lang) {
  return Localized("/espace/formations/" + std::to_string(course_id), lang);
}

void RegisterCourseEditorRoutes(web::Router& router, const search::Services& services,
                                const AccountServices& accounts) {
  router.Get("/espace/formations/{id}",
             [&](const web::Request& req) { return ShowEditor(req, services, accounts); });
  router.Post("/espace/formations/{id}",
              [&](const web::Request& req) { return SaveEditor(req, services, accounts); });
}

}  // namespace tremplin::site
