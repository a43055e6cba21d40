#include "site/course_creator.h"

#include <algorithm>

#include "auth/permissions.h"
#include "auth/tokens.h"
#include "core/course_rules.h"
#include "core/course_texts.h"
#include "core/labels.h"
#include "site/course_editor.h"
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

// The organisation the request's {id} names, with the signed-in person, when that person may add
// courses to it. Fails with kNotFound otherwise (the page answers 404), or with the database's
// error.
struct Newcomer {
  auth::Principal principal;
  core::Organisation organisation;
};

core::Result<Newcomer> FindOrganisationToAddTo(const web::Request& req, const AccountServices& accounts) {
  const core::Error not_found = core::MakeError(core::ErrorCode::kNotFound, "organisation_not_found");
  std::optional<int64_t> id = PositivePathId(req, "id");
  if (!id) return not_found;
  core::Result<std::optional<auth::Principal>> principal = FindPrincipal(req, accounts);
  if (!principal.ok()) return principal.error();
  if (!*principal || !auth::CanEditOrganisationData((*principal)->user, *id)) return not_found;
  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return db.error();
  core::Result<core::Organisation> organisation = store::FindOrganisation(**db, *id);
  if (!organisation.ok()) return organisation.error();
  return Newcomer{std::move(**principal), std::move(*organisation)};
}

std::string ActionUrl(int64_t organisation_id, core::Lang lang) {
  return Localized("/espace/organismes/" + std::to_string(organisation_id) + "/nouvelle-formation", lang);
}

web::Response FormPage(const web::Request& req, const search::Services& services, const Newcomer& newcomer,
                       int status, const core::CourseInput& input, const std::vector<core::Error>& raw_errors) {
  core::Lang lang = web::RequestLang(req);
  const core::Taxonomy& taxonomy = services.taxonomy;
  std::vector<core::Error> errors = ReadableErrors(raw_errors, lang, taxonomy, {"editor.field."});
  PageMeta meta = BackOfficeMeta(
      std::string(M().Text(lang, "creator.title")) + " — " + newcomer.organisation.name, "course_creator.tpl", status);
  return NoStore(RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("LEAD", M().Format(lang, "creator.lead", {{"name", newcomer.organisation.name}}));
    dict.SetValue("ACCOUNT_URL", AccountUrl(lang));
    dict.SetValue("ACTION", ActionUrl(newcomer.organisation.id, lang));
    dict.SetValue("CSRF", newcomer.principal.csrf_token);
    FillFormErrors(dict, errors, req, lang,
                   {"title", "summary", "family", "professions", "mode", "duration_hours", "duration_weeks",
                    "cost", "rncp_code", "certification_title", "certification_level"});
    dict.SetValue("TITLE", input.title);
    dict.SetIntValue("TITLE_MAX", static_cast<long>(core::kMaxTitleCharacters));
    dict.SetValue("SUMMARY", input.summary);
    for (const core::Family& family : taxonomy.families()) {
      TemplateDictionary* option = dict.AddSectionDictionary("FAMILY");
      option->SetValue("VALUE", Tpl(family.id));
      option->SetValue("LABEL", Tpl(core::Name(family, lang)));
      if (input.family_id == family.id) option->ShowSection("SELECTED");
      TemplateDictionary* group = dict.AddSectionDictionary("PROFESSION_GROUP");
      group->SetValue("NAME", Tpl(core::Name(family, lang)));
      for (const core::Profession* profession : taxonomy.ProfessionsOf(family.id)) {
        TemplateDictionary* choice = group->AddSectionDictionary("PROFESSION");
        choice->SetValue("VALUE", Tpl(profession->id));
        choice->SetValue("LABEL", Tpl(core::Name(*profession, lang)));
        if (std::find(input.profession_ids.begin(), input.profession_ids.end(), profession->id) !=
            input.profession_ids.end())
          choice->ShowSection("CHECKED");
      }
    }
    for (core::DeliveryMode mode : {core::DeliveryMode::kOnSite, core::DeliveryMode::kBlended, core::DeliveryMode::kRemote}) {
      TemplateDictionary* choice = dict.AddSectionDictionary("MODE");
      choice->SetValue("VALUE", Tpl(core::ToString(mode)));
      choice->SetValue("LABEL", Tpl(core::ModeLabel(mode, lang)));
      if (input.mode == core::ToString(mode)) choice->ShowSection("CHECKED");
    }
    struct Number {
      const char* name;
      const std::string& value;
      const char* inputmode;
    };
    for (const Number& n : {Number{"duration_hours", input.duration_hours, "numeric"},
                            Number{"duration_weeks", input.duration_weeks, "numeric"},
                            Number{"cost", input.cost, "decimal"}}) {
      TemplateDictionary* field = dict.AddSectionDictionary("NUMBER");
      field->SetValue("NAME", n.name);
      field->SetValue("LABEL", Tpl(M().Text(lang, std::string("editor.field.") + n.name)));
      field->SetValue("HINT", Tpl(M().Text(lang, std::string("creator.hint.") + n.name)));
      field->SetValue("VALUE", n.value);
      field->SetValue("INPUTMODE", n.inputmode);
      if (const core::Error* error = ErrorAbout(errors, n.name))
        field->AddSectionDictionary("ERROR")->SetValue("TEXT", M().ErrorText(lang, *error));
    }
    dict.SetValue("RNCP_CODE", input.rncp_code);
    dict.SetValue("CERTIFICATION_TITLE", input.certification_title);
    for (int level = core::kMinCertificationLevel; level <= core::kMaxCertificationLevel; ++level) {
      TemplateDictionary* option = dict.AddSectionDictionary("LEVEL");
      option->SetIntValue("VALUE", level);
      option->SetValue("LABEL", core::LevelLabel(level, lang));
      if (input.certification_level == std::to_string(level)) option->ShowSection("SELECTED");
    }
  }));
}

web::Response ShowForm(const web::Request& req, const search::Services& services, const AccountServices& accounts) {
  core::Result<Newcomer> newcomer = FindOrganisationToAddTo(req, accounts);
  if (!newcomer.ok()) return ProblemPage(req, services, newcomer.error());
  return FormPage(req, services, *newcomer, 200, {}, {});
}

web::Response Create(const web::Request& req, const search::Services& services, const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  core::Result<Newcomer> newcomer = FindOrganisationToAddTo(req, accounts);
  if (!newcomer.ok()) return ProblemPage(req, services, newcomer.error());
  core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
  const web::KeyValues fields = form.ok() ? *form : web::KeyValues{};
  std::vector<core::Error> errors;
  core::CourseInput input;
  input.title = FormField(fields, "title", errors);
  input.summary = FormField(fields, "summary", errors);
  input.family_id = FormField(fields, "family", errors);
  input.mode = FormField(fields, "mode", errors);
  input.duration_hours = FormField(fields, "duration_hours", errors);
  input.duration_weeks = FormField(fields, "duration_weeks", errors);
  input.cost = FormField(fields, "cost", errors);
  input.rncp_code = FormField(fields, "rncp_code", errors);
  input.certification_title = FormField(fields, "certification_title", errors);
  input.certification_level = FormField(fields, "certification_level", errors);
  for (const auto& [key, value] : fields)
    if (key == "professions" && text::IsValidUtf8(value)) input.profession_ids.push_back(value);
  if (!auth::SameToken(FormValue(fields, "csrf"), newcomer->principal.csrf_token))
    return FormPage(req, services, *newcomer, 403, input, {CsrfRefused()});
  if (!form.ok()) errors.push_back(form.error());

  core::Course course = core::NewDraftCourse(newcomer->organisation.id);
  AddFieldErrors(errors, core::ReadCourseInput(input, services.taxonomy, course));
  if (!errors.empty()) return FormPage(req, services, *newcomer, 400, input, errors);

  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return FormPage(req, services, *newcomer, 503, input, {db.error()});
  core::Result<int64_t> id = store::CreateCourse(**db, course, Actor(newcomer->principal));
  if (!id.ok()) return FormPage(req, services, *newcomer, core::HttpStatus(id.error().code), input, {id.error()});
  if (core::Result<int64_t> version = store::CourseVersion(**db, *id); version.ok()) accounts.await_applied(*version);
  return NoStore(web::Response::Redirect(CourseEditorUrl(*id, lang, "creee")));
}

}  // namespace

void RegisterCourseCreatorRoutes(web::Router& router, const search::Services& services,
                                 const AccountServices& accounts) {
  router.Get("/espace/organismes/{id}/nouvelle-formation",
             [&](const web::Request& req) { return ShowForm(req, services, accounts); });
  router.Post("/espace/organismes/{id}/nouvelle-formation",
              [&](const web::Request& req) { return Create(req, services, accounts); });
}

}  // namespace tremplin::site
