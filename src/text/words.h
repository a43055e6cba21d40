// Splitting French text into words, dropping elided articles and pronouns
// ("l'informatique" → "informatique", "qu’elle" → "elle").
#pragma once

#include <string_view>
#include <vector>

namespace tremplin::text {

// The words of `text` (folded or not): maximal runs of letters and digits, in any script;
// everything else separates words, including the inclusive-writing dot ("developpeur·se").
// An elided word (l', d', j', m', n', s', t', c', qu', jusqu', lorsqu', puisqu', quoiqu', in
// any case) directly followed by an apostrophe (' or ’) is skipped. The views point into `text`.
std::vector<std::string_view> Words(std::string_view text);
// The same, appended to `out` (to reuse its memory).
void AppendWords(std::string_view text, std::vector<std::string_view>& out);

}  // namespace tremplin::text
