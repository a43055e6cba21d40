// The words of one index segment and how a query word reaches them: the same word, another word
// with the same stem (plurals, feminine forms), a word it begins (the word being typed), or a
// word within its typo allowance (0 typos up to 4 letters, 1 from 5 to 8, 2 from 9; a typo on
// the first letter counts double).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tremplin::search {

using WordId = uint32_t;

enum class MatchKind : uint8_t { kExact = 0, kStem = 1, kPrefix = 2, kTypo = 3 };
std::string_view ToString(MatchKind kind);  // "exact", "stem", "prefix", "typo"

struct WordMatch {
  WordId word;
  MatchKind kind;
  uint8_t typos;  // 0 unless kind == kTypo
};

// Typos allowed for a query word of `characters` characters.
int AllowedTypos(size_t characters);

class Vocabulary {
 public:
  // Adds `word` (folded) with its `stem` if new; returns its id either way.
  WordId Add(std::string_view word, std::string_view stem);
  // Prepares the lookups; call once after the last Add.
  void Finish();

  size_t size() const { return words_.size(); }
  const std::string& word(WordId id) const { return words_[id]; }
  const std::string& stem(WordId id) const { return stems_[id]; }
  // The id of `word`, or -1.
  int64_t Find(std::string_view word) const;

  // Every word `query_word` (folded) reaches, best match first per word: exact, same stem,
  // typos within the allowance, and — when `as_prefix` — the words it begins (at least 2
  // characters typed). Each word appears once, with its best match.
  std::vector<WordMatch> Expand(std::string_view query_word, std::string_view query_stem,
                                bool as_prefix) const;

 private:
  void AddTypos(std::string_view query, int allowed, std::vector<WordMatch>& out) const;

  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using IdMap = std::unordered_map<std::string, WordId, StringHash, std::equal_to<>>;

  std::vector<std::string> words_;
  std::vector<std::string> stems_;
  IdMap ids_;
  std::unordered_map<std::string, std::vector<WordId>, StringHash, std::equal_to<>> by_stem_;
  std::vector<WordId> sorted_;  // ids in word order, for prefixes
  // Ids by first byte, each list in length order, for typo candidates.
  std::vector<std::vector<WordId>> by_first_byte_ = std::vector<std::vector<WordId>>(256);
};

}  // namespace tremplin::search
