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

// The terms of `utf8`, in order, without stop words (documents never contain them, so a
// query of only stop words asks for nothing in particular).
std::vector<Term> Analyze(std::string_view utf8);

// One word as Analyze sees it (a word of text::Words: not folded yet).
struct AnalyzedWord {
  std::string folded;
  std::string stem;
  bool stop = false;
};
// Its analysis, remembered by the calling thread (the reference stays valid until the thread's
// cache is cleared, after a quarter of a million distinct words).
const AnalyzedWord& AnalyzeWord(std::string_view word);

}  // namespace tremplin::text
