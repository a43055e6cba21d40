// Splitting folded French text into words, dropping elided articles and pronouns
// ("l'informatique" → "informatique", "qu'elle" → "elle").
#pragma once

#include <string_view>
#include <vector>

namespace tremplin::text {

// The words of `folded` (output of Fold): maximal runs of letters and digits, in any script;
// everything else separates words, including the inclusive-writing dot ("developpeur·se"). An elided word (l', d', j', m', n', s', t', c',
// qu', jusqu', lorsqu', puisqu', quoiqu') directly followed by an apostrophe is skipped.
// The views point into `folded`.
std::vector<std::string_view> Words(std::string_view folded);

}  // namespace tremplin::text
