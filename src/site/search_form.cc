#include "site/search_form.h"

#include <algorithm>
#include <cmath>

#include "site/templates.h"
#include "site/urls.h"

namespace tremplin::site {
namespace {

constexpr int kRadiusChoices[] = {10, 20, 30, 50, 100, 200};

}  // namespace

void FillSearchForm(ctemplate::TemplateDictionary& dict, const std::string& text,
                    const std::string& where, const std::string& where_value, double radius_km,
                    const std::vector<core::Error>* errors, core::Lang lang) {
  ctemplate::TemplateDictionary* form = Include(dict, "SEARCH_FORM", "search_form.tpl");
  form->SetValue("Q", text);
  form->SetValue("WHERE", where);
  if (!where_value.empty()) form->SetValueAndShowSection("VALUE", where_value, "WHERE_VALUE");
  // An unusual radius from the URL is offered too, so that submitting again keeps it.
  std::vector<int> choices(std::begin(kRadiusChoices), std::end(kRadiusChoices));
  int selected = static_cast<int>(std::lround(radius_km));
  if (std::find(choices.begin(), choices.end(), selected) == choices.end()) {
    choices.push_back(selected);
    std::sort(choices.begin(), choices.end());
  }
  for (int r : choices) {
    ctemplate::TemplateDictionary* option = form->AddSectionDictionary("RADIUS");
    option->SetIntValue("VALUE", r);
    if (r == selected) option->ShowSection("SELECTED");
  }
  if (!errors) return;
  for (const core::Error& e : *errors) {
    if (e.field != "where") continue;
    form->SetValueAndShowSection("WHERE_ERROR_TEXT",
                                 core::Messages::Builtin().ErrorText(lang, e), "WHERE_ERROR");
    break;
  }
}

void FillErrorSummary(ctemplate::TemplateDictionary& dict, const std::vector<core::Error>& errors,
                      const web::Request& req, core::Lang lang,
                      std::initializer_list<std::string_view> fields) {
  ctemplate::TemplateDictionary* section = dict.AddSectionDictionary("ERRORS");
  ctemplate::TemplateDictionary* summary = Include(*section, "ERROR_SUMMARY", "error_summary.tpl");
  for (const core::Error& e : errors) {
    ctemplate::TemplateDictionary* item = summary->AddSectionDictionary("ERROR");
    std::string text = core::Messages::Builtin().ErrorText(lang, e);
    if (std::find(fields.begin(), fields.end(), e.field) != fields.end()) {
      ctemplate::TemplateDictionary* link = item->AddSectionDictionary("LINK");
      link->SetValue("FIELD", e.field);
      link->SetValue("TEXT", text);
    } else {
      item->SetValueAndShowSection("TEXT", text, "NOLINK");
    }
    if (const std::string* suggestion = e.Arg("suggestion")) {
      Parameters params;
      for (const auto& [name, value] : req.query)
        params.emplace_back(name, name == e.field ? *suggestion : value);
      ctemplate::TemplateDictionary* s = item->AddSectionDictionary("SUGGESTION");
      s->SetValue("SUGGESTION_URL", WithQuery(req.path, params, lang));
      s->SetValue("SUGGESTION_TEXT", core::Messages::Builtin().Format(
                                         lang, "error.search_with", {{"value", *suggestion}}));
    }
  }
}

}  // namespace tremplin::site
