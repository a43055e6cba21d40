// "Did you mean…?": a corrected query when words look like typos of words we know (profession
// names and synonyms, course titles).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "search/catalogue.h"

namespace tremplin::site {

// The query with each unknown word of 4 letters or more replaced by the closest known word
// (1 edit up to 8 letters, 2 beyond); nullopt when nothing was replaced.
std::optional<std::string> SuggestSpelling(std::string_view query,
                                           const search::Catalogue& catalogue);

}  // namespace tremplin::site
