#include "search/vocabulary.h"

#include <algorithm>

#include "text/edit_distance.h"
#include "text/utf8.h"

namespace tremplin::search {

std::string_view ToString(MatchKind kind) {
  switch (kind) {
    case MatchKind::kExact: return "exact";
    case MatchKind::kStem: return "stem";
    case MatchKind::kPrefix: return "prefix";
    case MatchKind::kTypo: return "typo";
  }
  return "exact";
}

int AllowedTypos(size_t characters) {
  if (characters <= 4) return 0;
  if (characters <= 8) return 1;
  return 2;
}

WordId Vocabulary::Add(std::string_view word, std::string_view stem) {
  auto it = ids_.find(word);
  if (it != ids_.end()) return it->second;
  WordId id = static_cast<WordId>(words_.size());
  words_.emplace_back(word);
  stems_.emplace_back(stem);
  ids_.emplace(std::string(word), id);
  return id;
}

void Vocabulary::Finish() {
  sorted_.resize(words_.size());
  for (WordId i = 0; i < words_.size(); ++i) sorted_[i] = i;
  std::sort(sorted_.begin(), sorted_.end(),
            [&](WordId a, WordId b) { return words_[a] < words_[b]; });
  for (auto& bucket : by_first_byte_) bucket.clear();
  by_stem_.clear();
  for (WordId i = 0; i < words_.size(); ++i) {
    by_first_byte_[static_cast<unsigned char>(words_[i][0])].push_back(i);
    by_stem_[stems_[i]].push_back(i);
  }
  for (auto& bucket : by_first_byte_)
    std::stable_sort(bucket.begin(), bucket.end(),
                     [&](WordId a, WordId b) { return words_[a].size() < words_[b].size(); });
}

int64_t Vocabulary::Find(std::string_view word) const {
  auto it = ids_.find(word);
  return it == ids_.end() ? -1 : static_cast<int64_t>(it->second);
}

void Vocabulary::AddTypos(std::string_view q, int allowed, std::vector<WordMatch>& out) const {
  auto add = [&](int64_t id, int typos) {
    if (id >= 0) out.push_back({static_cast<WordId>(id), MatchKind::kTypo, static_cast<uint8_t>(typos)});
  };
  // Same first letter: ordinary edits anywhere after it.
  const std::vector<WordId>& bucket = by_first_byte_[static_cast<unsigned char>(q[0])];
  auto shorter = [&](WordId id, size_t length) { return words_[id].size() < length; };
  size_t min_length = q.size() > static_cast<size_t>(allowed) ? q.size() - allowed : 1;
  for (auto it = std::lower_bound(bucket.begin(), bucket.end(), min_length, shorter);
       it != bucket.end() && words_[*it].size() <= q.size() + allowed; ++it) {
    int d = text::EditDistance(q, words_[*it], allowed);
    if (d >= 1 && d <= allowed) add(*it, d);
  }
  // A typo on the first letter counts two: possible only with two allowed, and nothing else.
  if (allowed < 2 || q.size() < 2) return;
  std::string candidate;
  for (int b = 1; b < 256; ++b) {
    if (b == static_cast<unsigned char>(q[0]) || by_first_byte_[b].empty()) continue;
    candidate.assign(1, static_cast<char>(b));
    candidate.append(q.substr(1));
    add(Find(candidate), 2);  // first letter replaced
    candidate.assign(1, static_cast<char>(b));
    candidate.append(q);
    add(Find(candidate), 2);  // a letter added before the first
  }
  add(Find(q.substr(1)), 2);  // first letter dropped
  candidate.assign(q);
  std::swap(candidate[0], candidate[1]);
  if (candidate != q) add(Find(candidate), 2);  // first two letters swapped
}

std::vector<WordMatch> Vocabulary::Expand(std::string_view q, std::string_view stem,
                                          bool as_prefix) const {
  std::vector<WordMatch> out;
  if (q.empty()) return out;
  if (int64_t id = Find(q); id >= 0) out.push_back({static_cast<WordId>(id), MatchKind::kExact, 0});
  if (auto it = by_stem_.find(stem); it != by_stem_.end())
    for (WordId id : it->second) out.push_back({id, MatchKind::kStem, 0});
  if (as_prefix && text::CharacterCount(q) >= 2) {
    auto first = std::lower_bound(sorted_.begin(), sorted_.end(), q,
                                  [&](WordId id, std::string_view v) { return words_[id] < v; });
    for (auto it = first; it != sorted_.end() && words_[*it].starts_with(q); ++it)
      out.push_back({*it, MatchKind::kPrefix, 0});
  }
  int allowed = AllowedTypos(text::CharacterCount(q));
  if (allowed > 0) AddTypos(q, allowed, out);
  // One entry per word, the best way it was reached (kinds are ordered best first).
  std::stable_sort(out.begin(), out.end(), [](const WordMatch& a, const WordMatch& b) {
    if (a.word != b.word) return a.word < b.word;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.typos < b.typos;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const WordMatch& a, const WordMatch& b) { return a.word == b.word; }),
            out.end());
  return out;
}

}  // namespace tremplin::search
