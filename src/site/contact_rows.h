// An organisation's contact details as rows of a fiche (CONTACT sections): address, website,
// e-mail, phone, SIRET and Qualiopi certification.
#pragma once

#include "site/dictionary.h"

#include "core/geography.h"
#include "core/messages.h"
#include "core/organisation.h"

namespace tremplin::site {

void FillContactRows(ctemplate::TemplateDictionary& dict, const core::Organisation& org,
                     const core::Geography& geography, core::Lang lang);

}  // namespace tremplin::site
