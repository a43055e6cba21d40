#include "site/back_office.h"

#include <algorithm>

#include "core/labels.h"
#include "core/text_rules.h"
#include "site/error_pages.h"
#include "site/search_form.h"
#include "store/audit_log.h"
#include "text/utf8.h"
#include "web/language.h"

namespace tremplin::site {
namespace {

const core::Messages& M() { return core::Messages::Builtin(); }

}  // namespace

web::Response NoStore(web::Response response) {
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

PageMeta BackOfficeMeta(std::string title, std::string content_template, int status) {
  PageMeta meta;
  meta.status = status;
  meta.title = std::move(title);
  meta.content_template = std::move(content_template);
  meta.noindex = true;
  meta.nav = PageMeta::Nav::kAccount;
  return meta;
}

web::Response ProblemPage(const web::Request& req, const search::Services& services,
                          const core::Error& error) {
  if (error.code == core::ErrorCode::kNotFound) return NoStore(NotFoundPage(req, services));
  core::Lang lang = web::RequestLang(req);
  const int status = core::HttpStatus(error.code);
  PageMeta meta = BackOfficeMeta(
      std::string(M().Text(lang, status >= 500 ? "server_error.title" : "account.space_title")),
      "text_page.tpl", status);
  return NoStore(RenderPage(req, services, lang, meta, [&](ctemplate::TemplateDictionary& dict) {
    dict.SetValue("TITLE", meta.title);
    dict.AddSectionDictionary("LEAD")->SetValue("TEXT", M().ErrorText(lang, error));
  }));
}

core::Error CsrfRefused() { return core::MakeError(core::ErrorCode::kForbidden, "csrf_invalid"); }

std::optional<int64_t> PositivePathId(const web::Request& req, std::string_view name) {
  return core::ParsePositiveId(req.PathParam(name));
}

bool FormHas(const web::KeyValues& form, std::string_view name) {
  return std::any_of(form.begin(), form.end(), [&](const auto& field) { return field.first == name; });
}

std::string FormValue(const web::KeyValues& form, std::string_view name) {
  for (const auto& [key, value] : form)
    if (key == name) return value;
  return "";
}

std::string FormField(const web::KeyValues& form, std::string_view name,
                      std::vector<core::Error>& errors) {
  std::string value = FormValue(form, name);
  if (text::IsValidUtf8(value)) return value;
  errors.push_back(core::MakeError(core::ErrorCode::kInvalidArgument, "invalid_utf8", std::string(name)));
  return "";
}

std::string Actor(const auth::Principal& principal) { return store::UserRef(principal.user.id); }

std::string WithNotice(std::string url, std::string_view parameter) {
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += parameter;
  return url;
}

const core::Error* ErrorAbout(const std::vector<core::Error>& errors, std::string_view field) {
  auto error = std::find_if(errors.begin(), errors.end(), [&](const core::Error& e) { return e.field == field; });
  return error == errors.end() ? nullptr : &*error;
}

void AddFieldErrors(std::vector<core::Error>& errors, std::vector<core::Error> checked) {
  for (core::Error& error : checked)
    if (!ErrorAbout(errors, error.field)) errors.push_back(std::move(error));
}

void FillFormErrors(ctemplate::TemplateDictionary& dict, const std::vector<core::Error>& errors, const web::Request& req,
                    core::Lang lang, std::initializer_list<std::string_view> fields) {
  if (errors.empty()) return;
  FillErrorSummary(dict, errors, req, lang, fields);
  for (std::string_view field : fields) {
    const core::Error* error = ErrorAbout(errors, field);
    if (!error) continue;
    std::string section(field);
    for (char& c : section) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    dict.AddSectionDictionary(section + "_ERROR")->SetValue("TEXT", M().ErrorText(lang, *error));
  }
}

std::vector<core::Error> ReadableErrors(std::vector<core::Error> errors, core::Lang lang,
                                        const core::Taxonomy& taxonomy,
                                        std::initializer_list<std::string_view> label_prefixes) {
  for (core::Error& error : errors) {
    for (auto& [arg, value] : error.args) {
      if (arg == "name") {
        for (std::string_view prefix : label_prefixes) {
          const std::string key = std::string(prefix) + value;
          if (!M().Has(lang, key)) continue;
          value = std::string(M().Text(lang, key));
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

}  // namespace tremplin::site
