#include "search/text_index.h"

#include <algorithm>

namespace tremplin::search {
namespace {

// How a query word met a document word: the same word, the same stem, or a prefix of a word.
constexpr double kExactFactor = 1.0;
constexpr double kStemFactor = 0.9;
constexpr double kPrefixFactor = 0.7;

void Add(std::unordered_map<std::string, std::vector<std::pair<DocId, uint8_t>>>& map,
         const std::string& key, DocId doc, uint8_t field) {
  auto& postings = map[key];
  if (!postings.empty() && postings.back().first == doc) postings.back().second |= field;
  else postings.emplace_back(doc, field);
}

}  // namespace

double FieldWeight(uint8_t fields) {
  if (fields & kFieldProfessions) return 8;
  if (fields & kFieldTitle) return 6;
  if (fields & kFieldOrganisation) return 3;
  if (fields & kFieldBody) return 1;
  return 0;
}

TextIndex::TextIndex(const std::vector<Document>& documents) {
  for (DocId doc = 0; doc < documents.size(); ++doc) {
    const Document& d = documents[doc];
    const std::pair<const std::string*, Field> fields[] = {{&d.professions, kFieldProfessions},
                                                           {&d.title, kFieldTitle},
                                                           {&d.organisation, kFieldOrganisation},
                                                           {&d.body, kFieldBody}};
    for (const auto& [text, field] : fields) {
      for (const text::Term& term : text::Analyze(*text)) {
        Add(by_stem_, term.stem, doc, field);
        Add(by_word_, term.word, doc, field);
      }
    }
  }
  words_.reserve(by_word_.size());
  for (const auto& [word, postings] : by_word_) words_.push_back(word);
  std::sort(words_.begin(), words_.end());
}

std::unordered_map<DocId, double> TextIndex::TermScores(const text::Term& term,
                                                        bool prefix) const {
  std::unordered_map<DocId, double> scores;
  auto take = [&](const Postings& postings, double factor) {
    for (const auto& [doc, fields] : postings) {
      double s = FieldWeight(fields) * factor;
      double& best = scores[doc];
      best = std::max(best, s);
    }
  };
  if (prefix) {
    for (auto it = std::lower_bound(words_.begin(), words_.end(), term.word);
         it != words_.end() && it->starts_with(term.word); ++it)
      if (*it != term.word) take(by_word_.at(*it), kPrefixFactor);
  }
  if (auto it = by_stem_.find(term.stem); it != by_stem_.end()) take(it->second, kStemFactor);
  if (auto it = by_word_.find(term.word); it != by_word_.end()) take(it->second, kExactFactor);
  return scores;
}

std::vector<TextMatch> TextIndex::Match(const std::vector<text::Term>& terms) const {
  std::vector<TextMatch> matches;
  if (terms.empty()) return matches;
  std::unordered_map<DocId, double> total;
  for (size_t i = 0; i < terms.size(); ++i) {
    std::unordered_map<DocId, double> scores = TermScores(terms[i], i + 1 == terms.size());
    if (i == 0) {
      total = std::move(scores);
    } else {
      std::unordered_map<DocId, double> kept;
      for (const auto& [doc, score] : total)
        if (auto it = scores.find(doc); it != scores.end()) kept.emplace(doc, score + it->second);
      total = std::move(kept);
    }
    if (total.empty()) break;
  }
  matches.reserve(total.size());
  for (const auto& [doc, score] : total) matches.push_back({doc, score});
  std::sort(matches.begin(), matches.end(),
            [](const TextMatch& a, const TextMatch& b) { return a.doc < b.doc; });
  return matches;
}

}  // namespace tremplin::search
