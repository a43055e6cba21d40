// The organisations of a person in the administrators' forms (an account, an invitation): the
// chosen ones as ticked checkboxes, to untick, then one select to add one of the others. With
// the whole network as checkboxes, the submit button was some 150 Tabs away.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/messages.h"
#include "search/catalogue.h"
#include "site/templates.h"

namespace tremplin::site {

// The name of organisation `id`, or "Organisme n° ID" when the catalogue does not show it (yet).
std::string OrganisationName(const search::Catalogue& catalogue, int64_t id, core::Lang lang);

// Fills, for `field` (the form field's name, sent once per organisation):
// - section CHOSEN_LIST, when `chosen` is not empty, with sections CHOSEN (ID, VALUE, LABEL):
//   `chosen` in name order; a chosen id the catalogue does not show (yet) is labelled with its
//   number, so that saving keeps it;
// - ADD_ID, ADD_LABEL, NONE and sections OTHER (VALUE, LABEL): the select of the others.
// The first control (the first checkbox, else the select) has the id "organisations", which
// the error summary links to.
void FillOrganisationChoices(ctemplate::TemplateDictionary& dict, const search::Catalogue& catalogue,
                             const std::vector<int64_t>& chosen, core::Lang lang);

}  // namespace tremplin::site
