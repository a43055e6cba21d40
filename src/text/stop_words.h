// French (and a few English) words too common to carry meaning in a course search.
#pragma once

#include <string_view>

namespace tremplin::text {

// True when the folded word `word` is a stop word ("de", "la", "pour", "the"…).
bool IsStopWord(std::string_view word);

}  // namespace tremplin::text
