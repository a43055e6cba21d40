#include "text/analyzer.h"

#include <string>
#include <unordered_map>
#include <utility>

#include "text/fold.h"
#include "text/stem.h"
#include "text/stop_words.h"
#include "text/words.h"

namespace tremplin::text {
namespace {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

// Folding and stemming cost microseconds per word; texts repeat the same few thousand words,
// so each thread remembers what it computed (bounded, then forgotten all at once).
const AnalyzedWord& AnalyzeWord(std::string_view word) {
  constexpr size_t kMaxCached = 1 << 18;
  thread_local std::unordered_map<std::string, AnalyzedWord, StringHash, std::equal_to<>> cache;
  auto it = cache.find(word);
  if (it != cache.end()) return it->second;
  if (cache.size() >= kMaxCached) cache.clear();
  std::string folded = Fold(word);
  std::string stem = StemFrench(folded);
  bool stop = IsStopWord(folded);
  return cache.emplace(std::string(word), AnalyzedWord{std::move(folded), std::move(stem), stop})
      .first->second;
}

std::vector<Term> Analyze(std::string_view utf8) {
  std::vector<Term> terms;
  for (std::string_view w : Words(utf8)) {
    const AnalyzedWord& a = AnalyzeWord(w);
    if (a.stop || a.folded.empty()) continue;
    terms.push_back(Term{a.folded, a.stem, static_cast<uint32_t>(terms.size())});
  }
  return terms;
}

}  // namespace tremplin::text
