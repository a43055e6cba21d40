// Inverted index over the documents' text fields: which documents contain a (stemmed) term,
// in which fields, and the vocabulary for prefix matching of the word being typed.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "search/document.h"
#include "text/analyzer.h"

namespace tremplin::search {

enum Field : uint8_t {
  kFieldProfessions = 1 << 0,
  kFieldTitle = 1 << 1,
  kFieldOrganisation = 1 << 2,
  kFieldBody = 1 << 3,
};

// Weight of the best field a term was found in: profession and title above organisation
// above content (DESIGN §6).
double FieldWeight(uint8_t fields);

struct TextMatch {
  DocId doc;
  double score;
};

class TextIndex {
 public:
  explicit TextIndex(const std::vector<Document>& documents);

  // Documents containing every term of `terms` (the last one may also match as a prefix of a
  // word, as typed live), with a score: the sum over terms of the best field weight, an exact
  // word counting more than a shared stem, itself more than a prefix. Sorted by DocId.
  std::vector<TextMatch> Match(const std::vector<text::Term>& terms) const;

 private:
  using Postings = std::vector<std::pair<DocId, uint8_t>>;  // sorted by doc

  // Score of one query term in each document that contains it.
  std::unordered_map<DocId, double> TermScores(const text::Term& term, bool prefix) const;

  std::unordered_map<std::string, Postings> by_stem_;
  std::unordered_map<std::string, Postings> by_word_;
  std::vector<std::string> words_;  // sorted vocabulary of folded words, for prefixes
};

}  // namespace tremplin::search
