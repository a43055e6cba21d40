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

// Job titles come in both genders ("développeuse", "formatrice", "technicienne"); Snowball
// stems them apart from the masculine form, so the feminine ending is first made masculine.
std::string MasculineForm(std::string_view word) {
  struct Ending {
    std::string_view feminine, masculine;
    size_t min_length;  // shorter words are left alone ("matrice", "cuisse")
  };
  static constexpr Ending kEndings[] = {
      {"euses", "eurs", 7}, {"euse", "eur", 6},      {"trices", "teurs", 10},
      {"trice", "teur", 9}, {"iennes", "iens", 8},   {"ienne", "ien", 7},
  };
  // Adjectives in -ieuse ("sérieuse", "curieuse") pair with -ieux, not -ieur.
  if (word.ends_with("ieuse") || word.ends_with("ieuses")) return std::string(word);
  for (const Ending& e : kEndings) {
    if (word.size() >= e.min_length && word.ends_with(e.feminine)) {
      std::string out(word.substr(0, word.size() - e.feminine.size()));
      out += e.masculine;
      return out;
    }
  }
  return std::string(word);
}

}  // namespace

std::string StemFrench(std::string_view input) {
  std::string masculine = MasculineForm(input);
  std::string_view word = masculine;
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
