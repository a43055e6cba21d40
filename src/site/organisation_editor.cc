#include "site/organisation_editor.h"

#include <algorithm>

#include "auth/permissions.h"
#include "auth/tokens.h"
#include "core/organisation_rules.h"
#include "site/back_office.h"
#include "site/error_pages.h"
#include "site/search_form.h"
#include "site/templates.h"
#include "site/urls.h"
#include "store/catalogue_store.h"
#include "web/language.h"
#include "web/url_encoding.h"

namespace tremplin::site {
namespace {

using ctemplate::TemplateDictionary;

const core::Messages& M() { return core::Messages::Builtin(); }

// The form's fields, in order; `admin_only` ones are the legal identity.
struct Field {
  std::string_view name;
  std::string core::OrganisationInput::*member;
  bool admin_only;
  bool multiline;
  std::string_view autocomplete;  // "" for none
};
constexpr Field kFields[] = {
    {"name", &core::OrganisationInput::name, true, false, "organization"},
    {"siret", &core::OrganisationInput::siret, true, false, ""},
    {"description", &core::OrganisationInput::description, false, true, ""},
    {"address", &core::OrganisationInput::address, false, false, "address-line1"},
    {"postcode", &core::OrganisationInput::postcode, false, false, "postal-code"},
    {"commune", &core::OrganisationInput::commune, false, false, "address-level2"},
    {"website", &core::OrganisationInput::website, false, false, "url"},
    {"email", &core::OrganisationInput::email, false, false, "email"},
    {"phone", &core::OrganisationInput::phone, false, false, "tel"},
};

bool IsAdmin(const auth::Principal& principal) { return principal.user.role == store::Role::kAdmin; }

// Where the form is shown: the profile of an existing organisation, or a new one.
struct FormPlace {
  const core::Organisation* existing = nullptr;  // nullptr: creation
  std::string action;
};

web::Response FormPage(const web::Request& req, const search::Services& services,
                       const auth::Principal& principal, const FormPlace& place, int status,
                       const core::OrganisationInput& input, const std::vector<core::Error>& errors) {
  core::Lang lang = web::RequestLang(req);
  const bool admin = IsAdmin(principal);
  PageMeta meta = BackOfficeMeta(place.existing ? M().Format(lang, "orgedit.title", {{"name", place.existing->name}})
                                                : std::string(M().Text(lang, "orgedit.new_title")),
                                 "organisation_editor.tpl", status);
  // "« Site web » est trop long", not "« website »".
  const std::vector<core::Error> shown = ReadableErrors(errors, lang, services.taxonomy, {"orgedit.field."});
  return NoStore(RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("TITLE", meta.title);
    dict.SetValue("ACCOUNT_URL", AccountUrl(lang));
    dict.SetValue("ACTION", place.action);
    dict.SetValue("CSRF", principal.csrf_token);
    if (place.existing) {
      TemplateDictionary* public_link = dict.AddSectionDictionary("PUBLIC");
      public_link->SetValue("URL", OrganisationUrl(place.existing->id, lang));
    }
    if (admin && place.existing) dict.AddSectionDictionary("ADMIN_LIST")->SetValue("URL", Localized("/espace/organismes", lang));
    if (req.Has("enregistre") && errors.empty()) dict.ShowSection("SAVED");
    if (!shown.empty()) FillErrorSummary(dict, shown, req, lang,
                                       {"name", "siret", "description", "address", "postcode",
                                        "commune", "website", "email", "phone"});
    for (const Field& f : kFields) {
      TemplateDictionary* field = dict.AddSectionDictionary("FIELD");
      field->SetValue("NAME", Tpl(f.name));
      field->SetValue("LABEL", Tpl(M().Text(lang, "orgedit.field." + std::string(f.name))));
      std::string hint_key = "orgedit.hint." + std::string(f.name);
      const bool hinted = M().Has(lang, hint_key);
      if (hinted) field->AddSectionDictionary("HINT")->SetValue("TEXT", Tpl(M().Text(lang, hint_key)));
      const std::string& value = input.*f.member;
      if (f.admin_only && !admin) {  // shown, not editable
        field->AddSectionDictionary("READ_ONLY")->SetValue("VALUE", value);
        continue;
      }
      TemplateDictionary* control = field->AddSectionDictionary(f.multiline ? "AREA" : "LINE");
      control->SetValue("VALUE", value);
      if (!f.autocomplete.empty()) control->AddSectionDictionary("AUTOCOMPLETE")->SetValue("VALUE", Tpl(f.autocomplete));
      // The control's description: its hint, then its error, read out after the label.
      std::string described_by = hinted ? std::string(f.name) + "-hint" : "";
      if (const core::Error* error = ErrorAbout(shown, f.name)) {
        field->AddSectionDictionary("ERROR")->SetValue("TEXT", M().ErrorText(lang, *error));
        control->ShowSection("ERROR");
        field->ShowSection("HAS_ERROR");
        described_by += (described_by.empty() ? "" : " ") + std::string(f.name) + "-error";
      }
      if (!described_by.empty()) control->AddSectionDictionary("DESCRIBED")->SetValue("IDS", Tpl(described_by));
    }
    if (admin) {
      TemplateDictionary* qualiopi = dict.AddSectionDictionary("QUALIOPI");
      if (input.qualiopi_certified) qualiopi->ShowSection("CHECKED");
    } else if (input.qualiopi_certified) {
      dict.ShowSection("QUALIOPI_READ_ONLY");
    }
  }));
}

// The form's values over `input` (fields not sent, and those the person may not edit, keep
// their stored value), and its CSRF token; an undecodable form or text leaves an error.
std::string ReadForm(const web::Request& req, bool admin, core::OrganisationInput& input,
                     std::vector<core::Error>& errors) {
  core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
  if (!form.ok()) {  // a NUL or a broken %-escape: no browser sends that from this form
    errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument, "form_invalid"));
    return "";
  }
  if (admin) input.qualiopi_certified = FormValue(*form, "qualiopi") == "1";  // unticked: not sent
  for (const Field& f : kFields)
    if (FormHas(*form, f.name) && (admin || !f.admin_only)) input.*f.member = FormField(*form, f.name, errors);
  return FormValue(*form, "csrf");
}

// The stored organisation the request names, read from the database (a new one may not be in
// this node's catalogue yet), if the signed-in person may edit it; otherwise the answer to give
// (404 whatever the reason, 503 when the database is out of reach).
struct Editable {
  std::optional<auth::Principal> principal;
  std::optional<core::Organisation> organisation;
  std::optional<web::Response> refusal;
};

Editable EditableOrganisation(const web::Request& req, const search::Services& services,
                              const AccountServices& accounts) {
  Editable editable;
  core::Result<std::optional<auth::Principal>> principal = FindPrincipal(req, accounts);
  if (!principal.ok()) {
    editable.refusal = ProblemPage(req, services, principal.error());
    return editable;
  }
  editable.principal = std::move(*principal);
  std::optional<int64_t> id = PositivePathId(req, "id");
  if (!id || !editable.principal || !auth::CanEditOrganisationData(editable.principal->user, *id)) {
    editable.refusal = NotFoundPage(req, services);
    return editable;
  }
  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  core::Result<core::Organisation> stored =
      db.ok() ? store::FindOrganisation(**db, *id) : core::Result<core::Organisation>(db.error());
  if (stored.ok()) editable.organisation = std::move(*stored);
  else editable.refusal = ProblemPage(req, services, stored.error());
  return editable;
}

web::Response ShowProfile(const web::Request& req, const search::Services& services,
                          const AccountServices& accounts) {
  Editable editable = EditableOrganisation(req, services, accounts);
  if (editable.refusal) return *editable.refusal;
  const core::Organisation& organisation = *editable.organisation;
  FormPlace place{&organisation, OrganisationEditorUrl(organisation.id, web::RequestLang(req))};
  auto catalogue = services.catalogue.Get();
  return FormPage(req, services, *editable.principal, place, 200,
                  core::InputOf(organisation, catalogue->geography()), {});
}

web::Response SaveProfile(const web::Request& req, const search::Services& services,
                          const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  auto catalogue = services.catalogue.Get();
  Editable editable = EditableOrganisation(req, services, accounts);
  if (editable.refusal) return *editable.refusal;
  const std::optional<auth::Principal>& principal = editable.principal;
  const core::Organisation* organisation = &*editable.organisation;
  const int64_t id = organisation->id;
  FormPlace place{organisation, OrganisationEditorUrl(id, lang)};
  core::OrganisationInput input = core::InputOf(*organisation, catalogue->geography());
  std::vector<core::Error> errors;
  std::string csrf = ReadForm(req, IsAdmin(*principal), input, errors);
  if (!errors.empty() && errors.front().id == "form_invalid")
    return FormPage(req, services, *principal, place, 400, input, errors);
  if (!auth::SameToken(csrf, principal->csrf_token))
    return FormPage(req, services, *principal, place, 403, input, {CsrfRefused()});
  core::Organisation checked = *organisation;
  if (errors.empty()) errors = core::ReadOrganisationInput(input, catalogue->geography(), checked);
  if (!errors.empty()) return FormPage(req, services, *principal, place, 400, input, errors);

  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return FormPage(req, services, *principal, place, 503, input, {db.error()});
  // Stored fields a member may not change are taken from the database, not from the snapshot.
  const bool admin = IsAdmin(*principal);
  core::Result<int64_t> version =
      store::EditOrganisation(**db, id, Actor(*principal), [&](core::Organisation& stored) -> core::Status {
        core::Organisation updated = checked;
        updated.id = stored.id;
        updated.is_demo = stored.is_demo;
        if (!admin) {
          updated.name = stored.name;
          updated.siret = stored.siret;
          updated.qualiopi_certified = stored.qualiopi_certified;
        }
        stored = std::move(updated);
        return core::Ok{};
      });
  if (!version.ok())
    return FormPage(req, services, *principal, place, core::HttpStatus(version.error().code), input, {version.error()});
  accounts.await_applied(*version);
  return NoStore(web::Response::Redirect(WithNotice(place.action, "enregistre=1")));
}

web::Response ShowNewOrganisation(const web::Request& req, const search::Services& services,
                                  const AccountServices& accounts) {
  std::optional<auth::Principal> principal = CurrentPrincipal(req, accounts);
  if (!principal) return NotFoundPage(req, services);  // the guard lets administrators only
  FormPlace place{nullptr, Localized("/espace/nouvel-organisme", web::RequestLang(req))};
  return FormPage(req, services, *principal, place, 200, {}, {});
}

web::Response CreateNewOrganisation(const web::Request& req, const search::Services& services,
                                    const AccountServices& accounts) {
  core::Lang lang = web::RequestLang(req);
  auto catalogue = services.catalogue.Get();
  std::optional<auth::Principal> principal = CurrentPrincipal(req, accounts);
  if (!principal) return NotFoundPage(req, services);
  FormPlace place{nullptr, Localized("/espace/nouvel-organisme", lang)};
  core::OrganisationInput input;
  std::vector<core::Error> errors;
  std::string csrf = ReadForm(req, true, input, errors);
  if (!errors.empty() && errors.front().id == "form_invalid")
    return FormPage(req, services, *principal, place, 400, input, errors);
  if (!auth::SameToken(csrf, principal->csrf_token))
    return FormPage(req, services, *principal, place, 403, input, {CsrfRefused()});
  core::Organisation organisation;
  if (errors.empty()) errors = core::ReadOrganisationInput(input, catalogue->geography(), organisation);
  if (!errors.empty()) return FormPage(req, services, *principal, place, 400, input, errors);

  core::Result<store::ConnectionPool::Lease> db = accounts.pool.Acquire();
  if (!db.ok()) return FormPage(req, services, *principal, place, 503, input, {db.error()});
  core::Result<int64_t> id = store::CreateOrganisation(**db, organisation, Actor(*principal));
  if (!id.ok()) {
    core::Error error = id.error();
    if (error.id == "conflict_duplicate_siret") error.field = "siret";
    return FormPage(req, services, *principal, place, core::HttpStatus(error.code), input, {error});
  }
  // The creation took a change number: wait until this node's catalogue has the organisation,
  // so that the lists show it at once.
  if (core::Result<int64_t> version = store::CatalogueVersion(**db); version.ok()) accounts.await_applied(*version);
  return NoStore(web::Response::Redirect(WithNotice(OrganisationEditorUrl(*id, lang), "enregistre=1")));
}

web::Response ListOrganisations(const web::Request& req, const search::Services& services) {
  core::Lang lang = web::RequestLang(req);
  auto catalogue = services.catalogue.Get();
  std::vector<const core::Organisation*> sorted;
  for (const core::Organisation& o : catalogue->organisations()) sorted.push_back(&o);
  std::sort(sorted.begin(), sorted.end(), [](const core::Organisation* a, const core::Organisation* b) {
    return a->name < b->name;
  });
  PageMeta meta = BackOfficeMeta(std::string(M().Text(lang, "orgedit.list_title")), "organisations_admin.tpl");
  return NoStore(RenderPage(req, services, lang, meta, [&](TemplateDictionary& dict) {
    dict.SetValue("ACCOUNT_URL", AccountUrl(lang));
    dict.SetValue("NEW_URL", Localized("/espace/nouvel-organisme", lang));
    dict.SetValue("COUNT", M().Format(lang, "orgedit.list_count", {{"n", std::to_string(sorted.size())}}));
    for (const core::Organisation* o : sorted) {
      TemplateDictionary* row = dict.AddSectionDictionary("ORGANISATION");
      row->SetValue("NAME", o->name);
      row->SetValue("SIRET", o->siret);
      row->SetValue("URL", OrganisationEditorUrl(o->id, lang));
      const core::Commune* commune = catalogue->geography().FindCommune(o->commune_code);
      row->SetValue("PLACE", commune ? core::CommuneLabel(*commune) : "");
      row->SetIntValue("COURSES", static_cast<long>(catalogue->CoursesOf(o->id).size()));
    }
  }));
}

}  // namespace

std::string OrganisationEditorUrl(int64_t organisation_id, core::Lang lang) {
  return Localized("/espace/organismes/" + std::to_string(organisation_id), lang);
}

void RegisterOrganisationEditorRoutes(web::Router& router, const search::Services& services,
                                      const AccountServices& accounts) {
  router.Get("/espace/organismes/{id}",
             [&](const web::Request& req) { return ShowProfile(req, services, accounts); });
  router.Post("/espace/organismes/{id}",
              [&](const web::Request& req) { return SaveProfile(req, services, accounts); });
  router.Get("/espace/organismes", [&](const web::Request& req) { return ListOrganisations(req, services); });
  router.Get("/espace/nouvel-organisme",
             [&](const web::Request& req) { return ShowNewOrganisation(req, services, accounts); });
  router.Post("/espace/nouvel-organisme",
              [&](const web::Request& req) { return CreateNewOrganisation(req, services, accounts); });
}

}  // namespace tremplin::site
