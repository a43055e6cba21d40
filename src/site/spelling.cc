#include "site/spelling.h"

#include <map>

#include "text/edit_distance.h"
#include "text/fold.h"
#include "text/words.h"

namespace tremplin::site {
namespace {

// Known words by folded form, with how they are written ("developpeur" → "développeur").
using Vocabulary = std::map<std::string, std::string>;

void AddWords(Vocabulary& vocabulary, std::string_view text) {
  for (std::string_view w : text::Words(text)) {
    std::string key = text::Fold(w);
    if (key.size() >= 3) vocabulary.emplace(std::move(key), text::LowerCase(w));
  }
}

}  // namespace

std::optional<std::string> SuggestSpelling(std::string_view query,
                                           const search::Catalogue& catalogue) {
  Vocabulary vocabulary;
  for (const core::Profession& p : catalogue.taxonomy().professions()) {
    AddWords(vocabulary, p.name_fr);
    AddWords(vocabulary, p.name_en);
    for (std::string_view s : p.synonyms) AddWords(vocabulary, s);
  }
  for (const core::Family& f : catalogue.taxonomy().families()) AddWords(vocabulary, f.name_fr);
  for (const auto& c : catalogue.courses()) AddWords(vocabulary, c->title);

  std::string corrected;
  bool changed = false;
  for (std::string_view typed : text::Words(query)) {
    std::string word = text::Fold(typed);
    std::string chosen(typed);
    if (word.size() >= 4 && !vocabulary.contains(word)) {
      int limit = word.size() <= 8 ? 1 : 2;
      int best = limit + 1;
      for (const auto& [key, written] : vocabulary) {
        int d = text::EditDistance(word, key, std::min(limit, best));
        if (d < best) {
          best = d;
          chosen = written;
        }
      }
      if (best <= limit) changed = true;
      else chosen = std::string(typed);
    }
    corrected += (corrected.empty() ? "" : " ") + chosen;
  }
  if (!changed) return std::nullopt;
  return corrected;
}

}  // namespace tremplin::site
