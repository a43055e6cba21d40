// Folding: the form under which French words compare equal whatever their case and accents
// ("Développeur", "DEVELOPPEUR", "développeur" → "developpeur"; "œuvre" → "oeuvre").
#pragma once

#include <string>
#include <string_view>

namespace tremplin::text {

// Lower-cases `utf8`, removes diacritics and expands ligatures (œ→oe, æ→ae, ß→ss); typographic
// apostrophes become ASCII ones. Invalid UTF-8 sequences become U+FFFD; never throws.
std::string Fold(std::string_view utf8);

// Lower-cases `utf8` keeping accents ("Développeur" → "développeur").
std::string LowerCase(std::string_view utf8);

}  // namespace tremplin::text
