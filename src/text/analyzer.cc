#include "text/analyzer.h"

#include "text/fold.h"
#include "text/stem.h"
#include "text/stop_words.h"
#include "text/words.h"

namespace tremplin::text {

std::vector<Term> Analyze(std::string_view utf8) {
  std::string folded = Fold(utf8);
  std::vector<std::string_view> words = Words(folded);
  std::vector<Term> terms;
  terms.reserve(words.size());
  for (std::string_view w : words) {
    if (IsStopWord(w)) continue;
    terms.push_back(Term{std::string(w), StemFrench(w), static_cast<uint32_t>(terms.size())});
  }
  return terms;
}

}  // namespace tremplin::text
