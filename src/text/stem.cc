#include "text/stem.h"

#include <libstemmer.h>

#include <cstdlib>
#include <memory>

namespace tremplin::text {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// A Snowball stemmer keeps state between calls: one per thread.
sb_stemmer* FrenchStemmer() {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(
      sb_stemmer_new("french", "UTF_8"));
  if (!stemmer) std::abort();  // libstemmer without French: the install is broken.
  return stemmer.get();
}

}  // namespace

std::string StemFrench(std::string_view word) {
  if (word.size() <= 3) return std::string(word);
  for (char c : word)
    if (c >= '0' && c <= '9') return std::string(word);
  const sb_symbol* stemmed =
      sb_stemmer_stem(FrenchStemmer(), reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  if (!stemmed) return std::string(word);  // out of memory: the word itself still matches
  return std::string(reinterpret_cast<const char*>(stemmed),
                     static_cast<size_t>(sb_stemmer_length(FrenchStemmer())));
}

}  // namespace tremplin::text
