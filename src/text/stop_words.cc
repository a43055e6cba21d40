#include "text/stop_words.h"

#include <algorithm>
#include <array>

namespace tremplin::text {

bool IsStopWord(std::string_view word) {
  // Sorted, folded. Short on purpose: words like "web", "data" or "site" must stay searchable.
  static constexpr std::array<std::string_view, 65> kStopWords = {
      "a",     "and",   "au",    "aux",  "avec", "ce",    "ces",   "cet",   "cette", "dans",
      "de",    "des",   "du",    "elle", "en",   "est",   "et",    "eux",   "for",   "il",
      "ils",   "in",    "je",    "la",   "le",   "les",   "leur",  "leurs", "lui",   "ma",
      "mais",  "me",    "mes",   "moi",  "mon",  "ne",    "nos",   "notre", "nous",  "of",
      "on",    "ou",    "par",   "pas",  "pour", "qu",    "que",   "qui",   "sa",    "se",
      "ses",   "son",   "sur",   "ta",   "te",   "the",   "to",    "tu",    "un",    "une",
      "vos",   "votre", "vous",  "with", "y"};
  return std::binary_search(kStopWords.begin(), kStopWords.end(), word);
}

}  // namespace tremplin::text
