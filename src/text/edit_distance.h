// Edit distance between words, to suggest what a person probably meant ("Lile" → "Lille").
#pragma once

#include <string_view>

namespace tremplin::text {

// Optimal-string-alignment Damerau-Levenshtein distance between `a` and `b` counted in bytes
// (use on folded text): insertions, deletions, substitutions and transpositions of adjacent
// characters cost 1. Stops early and returns `limit + 1` as soon as the distance exceeds `limit`.
int EditDistance(std::string_view a, std::string_view b, int limit);

}  // namespace tremplin::text
