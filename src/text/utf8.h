// UTF-8 as people count it: validity, number of characters, cutting without breaking one.
#pragma once

#include <cstddef>
#include <string_view>

namespace tremplin::text {

// True when `bytes` is well-formed UTF-8 (no overlong forms, surrogates or values > U+10FFFF).
bool IsValidUtf8(std::string_view bytes);

// The number of characters (code points) of well-formed `utf8`: what a person counts.
size_t CharacterCount(std::string_view utf8);

// The first `max_characters` characters of well-formed `utf8` (all of it when shorter).
std::string_view TruncateCharacters(std::string_view utf8, size_t max_characters);

}  // namespace tremplin::text
