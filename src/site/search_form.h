// The search form (what, where, radius) shared by the home and results pages, and the error
// summary listing what to correct.
#pragma once

#include <initializer_list>
#include <string_view>

#include "site/dictionary.h"

#include <string>
#include <vector>

#include "core/messages.h"
#include "core/result.h"
#include "web/request.h"

namespace tremplin::site {

// Adds the SEARCH_FORM include to `dict`, filled with what the person typed. `where_value` is
// the canonical code of the place understood ("59350", "dep:59"; empty if none), which the
// autocomplete script keeps as the chosen place. `errors` (may be null) mark the "where"
// field when one concerns it.
void FillSearchForm(ctemplate::TemplateDictionary& dict, const std::string& text,
                    const std::string& where, const std::string& where_value, double radius_km,
                    const std::vector<core::Error>* errors, core::Lang lang);

// Adds the ERRORS section (error_summary.tpl) listing `errors`, each linked to its field when
// the field is one of the form's `fields` (by id), with the suggested correction as a link when
// there is one ("Vouliez-vous dire Lille ?").
void FillErrorSummary(ctemplate::TemplateDictionary& dict, const std::vector<core::Error>& errors,
                      const web::Request& req, core::Lang lang,
                      std::initializer_list<std::string_view> fields = {"q", "where", "radius_km"});

}  // namespace tremplin::site
