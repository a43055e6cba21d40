// Folding: the form under which French words compare equal whatever their case and accents
// ("Développeur", "DEVELOPPEUR", "développeur" → "developpeur"; "œuvre" → "oeuvre").
#pragma once

#include <string>
#include <string_view>

namespace tremplin::text {

// Lower-cases `utf8`, removes diacritics and expands ligatures (œ→oe, æ→ae, ß→ss); typographic
// apostrophes become ASCII ones. Invalid UTF-8 sequences become U+FFFD; never throws.
std::string Fold(std::string_view utf8);

// True when `bytes` is well-formed UTF-8 (no overlong forms, surrogates or values > U+10FFFF).
bool IsValidUtf8(std::string_view bytes);

}  // namespace tremplin::text
