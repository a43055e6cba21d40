#include "site/organisation_choices.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "text/fold.h"

namespace tremplin::site {
namespace {

const core::Messages& M() { return core::Messages::Builtin(); }

using Named = std::vector<std::pair<int64_t, std::string>>;

// By name as a person reads it (accents and case aside), then by id.
void SortByName(Named& organisations) {
  std::sort(organisations.begin(), organisations.end(), [](const auto& a, const auto& b) {
    return std::tuple(text::Fold(a.second), a.first) < std::tuple(text::Fold(b.second), b.first);
  });
}

}  // namespace

std::string OrganisationName(const search::Catalogue& catalogue, int64_t id, core::Lang lang) {
  const core::Organisation* organisation = catalogue.FindOrganisation(id);
  if (organisation) return organisation->name;
  return M().Format(lang, "administration.organisation_number", {{"id", std::to_string(id)}});
}

void FillOrganisationChoices(ctemplate::TemplateDictionary& dict, const search::Catalogue& catalogue,
                             const std::vector<int64_t>& chosen, core::Lang lang) {
  Named mine;
  for (int64_t id : chosen) {
    if (std::any_of(mine.begin(), mine.end(), [&](const auto& m) { return m.first == id; })) continue;
    mine.emplace_back(id, OrganisationName(catalogue, id, lang));
  }
  Named others;
  for (const core::Organisation& organisation : catalogue.organisations())
    if (std::find(chosen.begin(), chosen.end(), organisation.id) == chosen.end())
      others.emplace_back(organisation.id, organisation.name);
  SortByName(mine);
  SortByName(others);

  ctemplate::TemplateDictionary* list = mine.empty() ? nullptr : dict.AddSectionDictionary("CHOSEN_LIST");
  for (const auto& [id, name] : mine) {
    ctemplate::TemplateDictionary* choice = list->AddSectionDictionary("CHOSEN");
    choice->SetValue("ID", id == mine.front().first ? "organisations" : "organisation-" + std::to_string(id));
    choice->SetIntValue("VALUE", id);
    choice->SetValue("LABEL", name);
  }
  dict.SetValue("ADD_ID", mine.empty() ? "organisations" : "organisation-add");
  dict.SetValue("ADD_LABEL", Tpl(M().Text(lang, mine.empty() ? "administration.organisation_choose"
                                                             : "administration.organisation_add")));
  dict.SetValue("NONE", Tpl(M().Text(lang, "administration.organisation_none")));
  for (const auto& [id, name] : others) {
    ctemplate::TemplateDictionary* option = dict.AddSectionDictionary("OTHER");
    option->SetIntValue("VALUE", id);
    option->SetValue("LABEL", name);
  }
}

}  // namespace tremplin::site
