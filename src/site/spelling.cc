#include "site/spelling.h"

#include <set>

#include "text/edit_distance.h"
#include "text/fold.h"
#include "text/words.h"

namespace tremplin::site {
namespace {

void AddWords(std::set<std::string>& vocabulary, std::string_view text) {
  std::string folded = text::Fold(text);
  for (std::string_view w : text::Words(folded))
    if (w.size() >= 3) vocabulary.emplace(w);
}

}  // namespace

std::optional<std::string> SuggestSpelling(std::string_view query,
                                           const search::Catalogue& catalogue) {
  std::set<std::string> vocabulary;
  for (const core::Profession& p : catalogue.taxonomy().professions()) {
    AddWords(vocabulary, p.name_fr);
    AddWords(vocabulary, p.name_en);
    for (std::string_view s : p.synonyms) AddWords(vocabulary, s);
  }
  for (const core::Family& f : catalogue.taxonomy().families()) AddWords(vocabulary, f.name_fr);
  for (const core::Course& c : catalogue.courses()) AddWords(vocabulary, c.title);

  std::string folded = text::Fold(query);
  std::string corrected;
  bool changed = false;
  for (std::string_view word : text::Words(folded)) {
    std::string chosen(word);
    if (word.size() >= 4 && !vocabulary.contains(chosen)) {
      int limit = word.size() <= 8 ? 1 : 2;
      int best = limit + 1;
      for (const std::string& candidate : vocabulary) {
        int d = text::EditDistance(word, candidate, std::min(limit, best));
        if (d < best) {
          best = d;
          chosen = candidate;
        }
      }
      if (best <= limit) changed = true;
      else chosen = std::string(word);
    }
    corrected += (corrected.empty() ? "" : " ") + chosen;
  }
  if (!changed) return std::nullopt;
  return corrected;
}

}  // namespace tremplin::site
