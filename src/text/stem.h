// Snowball French stemming, so that plurals and inflections meet ("formations" → "format",
// "développeuses" and "développeurs" share a stem once folded).
#pragma once

#include <string>
#include <string_view>

namespace tremplin::text {

// The French Snowball stem of a folded word, feminine job-title endings made masculine first
// ("developpeuses" and "developpeur" meet). Words of three bytes or fewer, and words with
// digits, are returned unchanged.
std::string StemFrench(std::string_view folded_word);

}  // namespace tremplin::text
