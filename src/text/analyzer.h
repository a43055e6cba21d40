// The French analysis shared by indexing and querying: fold, split, drop elisions and stop
// words, stem. Both sides use the same function, so they always agree.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tremplin::text {

struct Term {
  std::string word;  // folded word as written ("developpeurs")
  std::string stem;  // its stem ("developpeur")
  uint32_t position = 0;  // index among the kept words
};

// The terms of `utf8`, in order. Stop words are dropped unless nothing else is left
// (so that a query of only stop words still means something).
std::vector<Term> Analyze(std::string_view utf8);

}  // namespace tremplin::text
