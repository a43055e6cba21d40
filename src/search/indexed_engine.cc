#include "search/indexed_engine.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <queue>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "text/analyzer.h"
#include "text/words.h"

namespace tremplin::search {
namespace {

constexpr size_t kMaxQueryWords = 8;  // further words are ignored
constexpr std::array<double, 8> kWideningSteps = {10, 20, 30, 50, 75, 100, 150, 200};
constexpr uint8_t kMaxProximity = 9;
// Recent changes are searched from a small segment; past this size everything is rebuilt.
constexpr size_t kMinRecentLimit = 256;


enum FilterBit : uint32_t {
  kFamily = 1 << 0,
  kProfession = 1 << 1,
  kMode = 1 << 2,
  kRegion = 1 << 3,
  kDepartment = 1 << 4,
  kLevel = 1 << 5,
  kDuration = 1 << 6,
  kStart = 1 << 7,
};

int32_t Days(core::Date d) { return static_cast<int32_t>(d.DaysSinceEpoch()); }

// Bits set in a byte (a table: the build does not assume the CPU counts bits itself).
int Bits(uint8_t mask) {
  static constexpr std::array<uint8_t, 256> kBits = [] {
    std::array<uint8_t, 256> t{};
    for (int i = 0; i < 256; ++i) t[i] = static_cast<uint8_t>(std::popcount(static_cast<unsigned>(i)));
    return t;
  }();
  return kBits[mask];
}

// DurationBucket for every length in weeks that a document can hold.
const std::array<uint8_t, 256>& DurationBuckets() {
  static const std::array<uint8_t, 256> table = [] {
    std::array<uint8_t, 256> t{};
    for (int weeks = 0; weeks < 256; ++weeks) t[weeks] = DurationBucket(weeks);
    return t;
  }();
  return table;
}

// ---- The query, analysed once ---------------------------------------------------------------

struct QueryWord {
  std::string word, stem;
  bool prefix = false;  // the last word, still being typed
};

std::vector<QueryWord> QueryWords(std::string_view text) {
  std::vector<QueryWord> out;
  std::vector<text::Term> terms = text::Analyze(text);
  if (terms.size() > kMaxQueryWords) terms.resize(kMaxQueryWords);
  // The last word is a prefix unless the person typed a space or punctuation after it.
  size_t last = text.size();
  while (last > 0 && (static_cast<unsigned char>(text[last - 1]) & 0xC0) == 0x80) --last;
  if (last > 0) --last;  // the first byte of the last character
  bool typing = !text.empty() && !text::Words(text.substr(last)).empty();
  for (size_t i = 0; i < terms.size(); ++i)
    out.push_back({terms[i].word, terms[i].stem, typing && i + 1 == terms.size()});
  return out;
}

// ---- Ranking ---------------------------------------------------------------------------------

// Everything results are ordered by; smaller is better for each member.
struct RankKey {
  uint8_t missing_words = 0;
  uint8_t typos = 0;
  uint8_t proximity = 0;
  int16_t field = 0;  // negated field weight
  int8_t exact = 0;   // negated number of exact words
  int32_t next_start = INT32_MAX;
  float distance = std::numeric_limits<float>::infinity();
  int64_t course_id = 0;
  const std::string* commune = nullptr;
};

struct Candidate {
  RankKey key;
  DocId doc;
  const Segment* segment;
  uint32_t index;  // document index in its segment
};

const std::string kNoCode;

int CompareText(const RankKey& a, const RankKey& b) {
  if (a.missing_words != b.missing_words) return a.missing_words < b.missing_words ? -1 : 1;
  if (a.typos != b.typos) return a.typos < b.typos ? -1 : 1;
  if (a.proximity != b.proximity) return a.proximity < b.proximity ? -1 : 1;
  if (a.field != b.field) return a.field < b.field ? -1 : 1;
  if (a.exact != b.exact) return a.exact < b.exact ? -1 : 1;
  return 0;
}

// Compares by every criterion of `sort` before the course id: -1 when a is better, 1 when b is.
int ComparePrimary(const RankKey& a, const RankKey& b, SortOrder sort) {
  auto order = [](auto x, auto y) { return x < y ? -1 : x > y ? 1 : 0; };
  int text = CompareText(a, b);
  int start = order(a.next_start, b.next_start);
  int distance = order(a.distance, b.distance);
  switch (sort) {
    case SortOrder::kRelevance: return text ? text : start ? start : distance;
    case SortOrder::kDistance: return distance ? distance : start ? start : text;
    case SortOrder::kStart: return start ? start : text ? text : distance;
  }
  return 0;
}

// The last tie-breaks: course id, then commune code.
bool BetterTieBreak(const RankKey& a, const RankKey& b) {
  if (a.course_id != b.course_id) return a.course_id < b.course_id;
  const std::string& ca = a.commune ? *a.commune : kNoCode;
  const std::string& cb = b.commune ? *b.commune : kNoCode;
  return ca < cb;
}

bool Better(const RankKey& a, const RankKey& b, SortOrder sort) {
  int primary = ComparePrimary(a, b, sort);
  return primary != 0 ? primary < 0 : BetterTieBreak(a, b);
}

// The `limit` best candidates seen (the worst of them on top).
class TopK {
 public:
  TopK(size_t limit, SortOrder sort) : limit_(limit), heap_(BetterFirst{sort}) {}
  // Whether `key` would enter.
  bool Wants(const RankKey& key, SortOrder sort) const {
    return heap_.size() < limit_ || Better(key, heap_.top().key, sort);
  }
  bool full() const { return heap_.size() >= limit_; }
  // The candidate that would leave first (only when full()).
  const RankKey& worst() const { return heap_.top().key; }
  void Push(Candidate c) {
    if (limit_ == 0) return;
    heap_.push(std::move(c));
    if (heap_.size() > limit_) heap_.pop();
  }
  std::vector<Candidate> Sorted() {
    std::vector<Candidate> out;
    while (!heap_.empty()) {
      out.push_back(heap_.top());
      heap_.pop();
    }
    std::reverse(out.begin(), out.end());
    return out;
  }

 private:
  // The heap's top is its "largest" element: here the worst candidate.
  struct BetterFirst {
    SortOrder sort;
    bool operator()(const Candidate& a, const Candidate& b) const {
      return Better(a.key, b.key, sort);
    }
  };
  size_t limit_;
  std::priority_queue<Candidate, std::vector<Candidate>, BetterFirst> heap_;
};

// ---- Per-thread scratch space, reused from query to query -------------------------------------

struct Scratch {
  // What the query's words found in one course, together so that a course costs one read.
  struct Course {
    uint32_t seen = 0;  // generation when a query word reached it
    uint8_t words = 0;  // bit t set when query word t matched
    std::array<uint8_t, kMaxQueryWords> best{};  // per query word: match quality
  };
  uint32_t generation = 0;
  std::vector<Course> courses;
  std::vector<uint32_t> proximity_seen;  // per course: generation of `proximity`
  std::vector<uint8_t> proximity;
  std::vector<uint32_t> touched;     // courses reached this generation
  std::vector<uint32_t> commune_seen;
  std::vector<float> commune_distance;
  std::vector<uint32_t> doc_seen;    // per document: generation when already ranked
  // Documents the text leads to, as bits in place order (scanned in that order, a place's
  // documents are read one after the other), and their course's text criteria (PackText).
  std::vector<uint64_t> doc_bits;
  std::vector<uint32_t> doc_text;
  bool doc_bits_set = false;  // whether doc_bits must be cleared before the next query
  std::vector<std::pair<uint32_t, uint8_t>> hits;  // for Proximity

  void Prepare(size_t course_count, size_t communes, size_t documents) {
    if (doc_seen.size() < documents) doc_seen.resize(documents, 0);
    if (doc_text.size() < documents) doc_text.resize(documents);
    if (doc_bits.size() < (documents + 63) / 64) doc_bits.resize((documents + 63) / 64, 0);
    if (doc_bits_set) std::fill(doc_bits.begin(), doc_bits.end(), 0);
    doc_bits_set = false;
    if (courses.size() < course_count) {
      courses.resize(course_count);
      proximity_seen.resize(course_count, 0);
      proximity.resize(course_count);
    }
    if (commune_seen.size() < communes) {
      commune_seen.resize(communes, 0);
      commune_distance.resize(communes);
    }
    if (++generation == 0) {  // wrapped: forget everything once
      std::fill(courses.begin(), courses.end(), Course{});
      std::fill(proximity_seen.begin(), proximity_seen.end(), 0);
      std::fill(commune_seen.begin(), commune_seen.end(), 0);
      std::fill(doc_seen.begin(), doc_seen.end(), 0);
      generation = 1;
    }
    touched.clear();
  }
};

// One per segment searched at once (the main one and the recent one).
Scratch& ThreadScratch(size_t slot) {
  thread_local std::array<Scratch, 2> scratch;
  return scratch[slot];
}

// How well one query word matched in one course, smaller is better, in the order results are
// ranked: typos, then the field (the best field scores lowest), then how the word was reached
// (exact first). Used to pick the word an explanation shows.
uint8_t Quality(const WordMatch& m, TextField field) {
  return static_cast<uint8_t>((m.typos << 4) | ((3 - field) << 2) | static_cast<int>(m.kind));
}
int QualityTypos(uint8_t q) { return q >> 4; }
TextField QualityField(uint8_t q) { return static_cast<TextField>(3 - ((q >> 2) & 3)); }
MatchKind QualityKind(uint8_t q) { return static_cast<MatchKind>(q & 3); }

// The criteria of one query word in one course, each the best any of its matches gives (so
// another match can only improve a course): fewest typos; among those matches, the best field;
// and whether one of them is the word as typed. Packed like Quality, exactness in kind 0.
uint8_t Merge(uint8_t a, uint8_t b) {
  if (QualityTypos(a) != QualityTypos(b)) return QualityTypos(a) < QualityTypos(b) ? a : b;
  uint8_t field = std::min(a & 0x0C, b & 0x0C);
  bool exact = QualityKind(a) == MatchKind::kExact || QualityKind(b) == MatchKind::kExact;
  return static_cast<uint8_t>((a & 0xF0) | field | (exact ? 0 : 1));
}

uint8_t Narrow(uint16_t id) { return id < kNoValue ? static_cast<uint8_t>(id) : kNoValue; }

TextField BestField(uint8_t mask) {
  return static_cast<TextField>(31 - std::countl_zero(static_cast<uint32_t>(mask)));
}

// ---- Accumulated answer over segments ---------------------------------------------------------

// Facet names in SearchResult, and their slot in Accumulator::facets.
enum FacetSlot { kFamilyFacet, kProfessionFacet, kModeFacet, kRegionFacet, kDepartmentFacet,
                 kLevelFacet, kFacetSlots };
constexpr std::array<const char*, kFacetSlots> kFacetNames = {"family", "profession", "mode",
                                                              "region", "department", "level"};

struct Accumulator {
  int nearby_total = 0, remote_total = 0;
  // Counts by value; values appear once (the first segment adds, the others look up).
  std::array<std::vector<FacetCount>, kFacetSlots> facets;
  std::array<int, kDurationMonths.size()> duration{};

  void Add(FacetSlot slot, std::string_view value, int n, bool look_up) {
    if (n == 0) return;
    std::vector<FacetCount>& counts = facets[slot];
    if (look_up)
      for (FacetCount& c : counts)
        if (c.value == value) {
          c.count += n;
          return;
        }
    counts.push_back({std::string(value), n});
  }
  TopK nearby, remote;
  Accumulator(size_t limit, SortOrder sort) : nearby(limit, sort), remote(limit, sort) {}
};

// ---- One segment, one query ------------------------------------------------------------------

class SegmentSearch {
 public:
  SegmentSearch(size_t slot, const Segment& s, const std::vector<bool>* removed,
                const SearchQuery& q, const std::vector<QueryWord>& words, SortOrder sort,
                Accumulator& acc)
      : s_(s), removed_(removed), q_(q), words_(words), sort_(sort), acc_(acc),
        scratch_(ThreadScratch(slot)) {
    scratch_.Prepare(s.course_ids.size(), s.commune_codes.size(), s.size());
    TranslateFilters();
    MatchText();
  }

  // Courses reached by all words (or `min_words` of them, when relaxed).
  void SetMinWords(int min_words) {
    min_words_ = min_words;
    text_documents_ = 0;
    for (uint32_t c : scratch_.touched)
      if (WordsMatched(c) >= min_words_)
        text_documents_ += s_.course_doc_offsets[c + 1] - s_.course_doc_offsets[c];
  }
  bool has_text() const { return !words_.empty(); }
  // How many documents the text alone leads to (all of them without text).
  size_t TextDocuments() const { return words_.empty() ? s_.size() : text_documents_; }

  // Documents at `commune` (nearby, at `distance` km).
  void ConsiderCommune(uint16_t commune, double distance) {
    for (uint32_t d = s_.commune_offsets[commune]; d < s_.commune_offsets[commune + 1]; ++d)
      ConsiderImpl(d, static_cast<float>(distance));
  }
  // Documents [begin, end), no distance.
  void ConsiderRange(uint32_t begin, uint32_t end) {
    for (uint32_t d = begin; d < end; ++d) ConsiderImpl(d, std::numeric_limits<float>::infinity());
  }
  // The documents of [begin, end) the text leads to, in order: only the marked ones are read.
  void ConsiderMarked(uint32_t begin, uint32_t end) {
    const std::vector<uint64_t>& bits = scratch_.doc_bits;
    for (uint32_t block = begin / 64; block * 64 < end; ++block) {
      uint64_t word = bits[block];
      while (word) {
        uint32_t d = block * 64 + static_cast<uint32_t>(std::countr_zero(word));
        word &= word - 1;
        if (d >= begin && d < end) ConsiderImpl(d, std::numeric_limits<float>::infinity());
      }
    }
  }
  // Documents of [begin, end): those the text leads to, or all of them without text.
  void ConsiderArea(uint32_t begin, uint32_t end) {
    if (marked_) ConsiderMarked(begin, end);
    else ConsiderRange(begin, end);
  }
  void ConsiderRemote() { ConsiderArea(s_.remote_begin, static_cast<uint32_t>(s_.size())); }

  // The non-remote documents of the courses the text reached.
  template <typename Visit>
  void ForEachTextDocument(Visit visit) const {
    for (uint32_t c : scratch_.touched) {
      if (WordsMatched(c) < min_words_) continue;
      for (uint32_t k = s_.course_doc_offsets[c]; k < s_.course_doc_offsets[c + 1]; ++k) {
        uint32_t d = s_.course_docs[k];
        if (d < s_.remote_begin) visit(d);  // documents at a place come first
      }
    }
  }

  // Filters failed by document d (0 when it passes them all).
  uint32_t Failed(uint32_t d) const {
    const DocRecord& r = s_.records[d];
    uint32_t failed = 0;
    if (family_filter_ && !families_[r.family]) failed |= kFamily;
    if (profession_filter_) {
      bool any = false;
      s_.ForEachProfession(r, [&](uint16_t p) { any = any || professions_[p]; });
      if (!any) failed |= kProfession;
    }
    if (mode_filter_ && !modes_[r.mode()]) failed |= kMode;
    if (!r.remote() && region_filter_ && !regions_[r.region]) failed |= kRegion;
    if (!r.remote() && department_filter_ && !departments_[r.department]) failed |= kDepartment;
    if (level_filter_ && !levels_[r.level]) failed |= kLevel;
    if (max_weeks_ >= 0 && r.weeks > max_weeks_) failed |= kDuration;
    if (starts_filter_ && s_.NextStart(d, from_day_) == INT32_MAX) failed |= kStart;
    return failed;
  }

  bool Matches(uint32_t d) const {
    if (removed_ && (*removed_)[d]) return false;
    if (words_.empty()) return true;
    if (marked_) return scratch_.doc_bits[d / 64] >> (d % 64) & 1;
    return WordsMatched(s_.records[d].course) >= min_words_;
  }

  float CommuneDistance(uint16_t commune, core::GeoPoint center) {
    if (scratch_.commune_seen[commune] != scratch_.generation) {
      scratch_.commune_seen[commune] = scratch_.generation;
      scratch_.commune_distance[commune] =
          static_cast<float>(core::DistanceKm(center, s_.commune_points[commune]));
    }
    return scratch_.commune_distance[commune];
  }

  // Adds this segment's facet counts to the accumulator (`merge`: values may be there already).
  void Flush(bool merge) {
    for (size_t i = 0; i < s_.families.size(); ++i)
      acc_.Add(kFamilyFacet, s_.families.value(i), family_counts_[i], merge);
    for (size_t i = 0; i < s_.professions.size(); ++i)
      acc_.Add(kProfessionFacet, s_.professions.value(i), profession_counts_[i], merge);
    for (int m = 0; m < 3; ++m)
      acc_.Add(kModeFacet, core::ToString(static_cast<core::DeliveryMode>(m)), mode_counts_[m], merge);
    for (size_t i = 0; i < s_.regions.size(); ++i)
      acc_.Add(kRegionFacet, s_.regions.value(i), region_counts_[i], merge);
    for (size_t i = 0; i < s_.departments.size(); ++i)
      acc_.Add(kDepartmentFacet, s_.departments.value(i), department_counts_[i], merge);
    for (int l = 0; l < 256; ++l)
      if (level_counts_[l] > 0) acc_.Add(kLevelFacet, std::to_string(l), level_counts_[l], merge);
    // Bucket b holds the documents under the last b thresholds.
    for (size_t i = 0; i < kDurationMonths.size(); ++i)
      for (size_t b = kDurationMonths.size() - i; b <= kDurationMonths.size(); ++b)
        acc_.duration[i] += duration_bucket_counts_[b];
  }

  // Nearby documents passing everything so far (to decide on widening).
  int nearby_passing() const { return nearby_passing_; }

  // Counts document d in the facets and, when it passes every filter, in the results.
  void Consider(uint32_t d, float distance);

  const Segment& segment() const { return s_; }
  const std::vector<uint32_t>& touched() const { return scratch_.touched; }
  int min_words() const { return min_words_; }
  int WordsMatched(uint32_t course) const {
    if (scratch_.courses[course].seen != scratch_.generation) return 0;
    return Bits(scratch_.courses[course].words);
  }

 private:
  void TranslateFilters() {
    family_filter_ = !q_.families.empty();
    for (const auto& v : q_.families)
      if (uint16_t id = s_.families.Find(v); id < kNoValue) families_[id] = true;
    profession_filter_ = !q_.professions.empty();
    professions_.assign(s_.professions.size(), false);
    profession_counts_.assign(s_.professions.size(), 0);
    for (const auto& v : q_.professions)
      if (uint16_t id = s_.professions.Find(v); id != ValueDictionary::kAbsent) professions_[id] = true;
    mode_filter_ = !q_.modes.empty();
    for (core::DeliveryMode m : q_.modes) modes_[static_cast<uint8_t>(m)] = true;
    region_filter_ = !q_.regions.empty();
    for (const auto& v : q_.regions)
      if (uint16_t id = s_.regions.Find(v); id < kNoValue) regions_[id] = true;
    department_filter_ = !q_.departments.empty();
    for (const auto& v : q_.departments)
      if (uint16_t id = s_.departments.Find(v); id < kNoValue) departments_[id] = true;
    level_filter_ = !q_.levels.empty();
    for (int l : q_.levels)
      if (l >= 0 && l < 255) levels_[l] = true;
    max_weeks_ = q_.max_duration_weeks ? *q_.max_duration_weeks : -1;
    starts_filter_ = q_.starts_after.has_value();
    from_day_ = Days(std::max(q_.today, q_.starts_after.value_or(q_.today)));
    any_filter_ = family_filter_ || profession_filter_ || mode_filter_ || region_filter_ ||
                  department_filter_ || level_filter_ || max_weeks_ >= 0 || starts_filter_;
    // The duration facet is cumulative ("at most 3, 6, 12, 24 months"): a document counts in
    // every threshold at or above its length, so it is counted once, in its bucket — the
    // number of thresholds it stays under — and the buckets are summed at the end.

  }

  // The words a query word reaches in this segment. Typo candidates cost an edit distance each,
  // and people repeat searches: each thread remembers recent expansions.
  const std::vector<WordMatch>& Expansion(const QueryWord& w) const {
    constexpr size_t kMaxCached = 4096;
    thread_local std::unordered_map<std::string, std::vector<WordMatch>> cache;
    std::string key = std::to_string(s_.id) + (w.prefix ? "*" : " ") + w.word;
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    if (cache.size() >= kMaxCached) cache.clear();
    return cache.emplace(std::move(key), s_.vocabulary.Expand(w.word, w.stem, w.prefix))
        .first->second;
  }

  void MatchText() {
    const uint32_t gen = scratch_.generation;
    min_words_ = static_cast<int>(words_.size());
    variant_bits_.assign(words_.size(), {});
    for (size_t t = 0; t < words_.size(); ++t) {
      const QueryWord& w = words_[t];
      const std::vector<WordMatch>& variants = Expansion(w);
      variant_bits_[t].assign((s_.vocabulary.size() + 63) / 64, 0);
      for (const WordMatch& m : variants) {
        variant_bits_[t][m.word / 64] |= uint64_t{1} << (m.word % 64);
        Segment::PostingReader reader = s_.Postings(m.word);
        uint32_t c;
        uint8_t fields;
        while (reader.Next(c, fields)) {
          Scratch::Course& course = scratch_.courses[c];
          if (course.seen != gen) {
            course.seen = gen;
            course.words = 0;
            scratch_.touched.push_back(c);
          }
          uint8_t quality = Quality(m, BestField(fields));
          uint8_t bit = static_cast<uint8_t>(1u << t);
          if (!(course.words & bit)) {
            course.best[t] = quality;
            course.words |= bit;
          } else {
            course.best[t] = Merge(course.best[t], quality);
          }
        }
      }
    }
  }

  // How far apart the matched words are in the course's title and professions.
  uint8_t Proximity(uint32_t course) {
    if (words_.size() < 2) return 0;
    if (scratch_.proximity_seen[course] == scratch_.generation) return scratch_.proximity[course];
    scratch_.proximity_seen[course] = scratch_.generation;
    // Positions of each matched word in the sequence; then the narrowest window holding one
    // position of every word found there.
    std::vector<std::pair<uint32_t, uint8_t>>& hits = scratch_.hits;  // (position, word)
    hits.clear();
    uint32_t begin = s_.sequence_offsets[course], end = s_.sequence_offsets[course + 1];
    for (uint32_t i = begin; i < end; ++i) {
      WordId w = s_.sequences[i];
      for (size_t t = 0; t < words_.size(); ++t)
        if (variant_bits_[t][w / 64] >> (w % 64) & 1) hits.emplace_back(i - begin, static_cast<uint8_t>(t));
    }
    uint8_t present = 0;
    for (const auto& h : hits) present |= static_cast<uint8_t>(1u << h.second);
    int wanted = Bits(scratch_.courses[course].words);
    int found = Bits(present);
    uint8_t result = kMaxProximity;
    if (found == wanted && found >= 2) {
      uint32_t best = UINT32_MAX;
      std::array<int, kMaxQueryWords> count{};
      int distinct = 0;
      for (size_t lo = 0, hi = 0; hi < hits.size(); ++hi) {
        if (count[hits[hi].second]++ == 0) ++distinct;
        while (distinct == found) {
          // One word of the title may serve two query words: never below 0.
          uint32_t span = hits[hi].first - hits[lo].first + 1;
          best = std::min(best, span > static_cast<uint32_t>(found) ? span - found : 0);
          if (--count[hits[lo].second] == 0) --distinct;
          ++lo;
        }
      }
      result = static_cast<uint8_t>(std::min<uint32_t>(best, kMaxProximity - 1));
    }
    scratch_.proximity[course] = result;
    return result;
  }

  // The text criteria of a course (proximity left at 0, the best it can be), packed in a word
  // for its documents (see TextRank).
  uint32_t PackText(uint32_t c) const {
    const Scratch::Course& state = scratch_.courses[c];
    int typos = 0, field = 0, exact = 0;
    for (size_t t = 0; t < words_.size(); ++t) {
      if (!(state.words >> t & 1)) continue;
      uint8_t quality = state.best[t];
      typos += QualityTypos(quality);
      field += TextFieldWeight(QualityField(quality));
      exact += QualityKind(quality) == MatchKind::kExact;
    }
    uint32_t missing = static_cast<uint32_t>(words_.size()) - Bits(state.words);
    return missing << 24 | static_cast<uint32_t>(typos) << 16 |
           static_cast<uint32_t>(field) << 8 | static_cast<uint32_t>(exact);
  }
  RankKey TextRank(uint32_t d) const {
    uint32_t packed = marked_ ? scratch_.doc_text[d] : PackText(s_.records[d].course);
    RankKey key;
    key.missing_words = static_cast<uint8_t>(packed >> 24);
    key.typos = static_cast<uint8_t>(packed >> 16);
    key.field = static_cast<int16_t>(-static_cast<int>(packed >> 8 & 0xFF));
    key.exact = static_cast<int8_t>(-static_cast<int>(packed & 0xFF));
    return key;
  }

 public:
  // Sets the bits of the documents of the courses reached by enough words: then an area's
  // scan reads only those (worth it unless the text leads to many more documents than the
  // area holds).
  void MarkTextDocuments() {
    if (words_.empty() || marked_) return;
    marked_ = true;
    scratch_.doc_bits_set = true;
    for (uint32_t c : scratch_.touched) {
      if (WordsMatched(c) < min_words_) continue;
      const uint32_t packed = PackText(c);
      for (uint32_t k = s_.course_doc_offsets[c]; k < s_.course_doc_offsets[c + 1]; ++k) {
        uint32_t d = s_.course_docs[k];
        scratch_.doc_bits[d / 64] |= uint64_t{1} << (d % 64);
        scratch_.doc_text[d] = packed;
      }
    }
  }

 private:
  // Offers document d to `top`: the cheap criteria first, the course id only on a tie (it is
  // a read far away in memory), proximity only if the course may enter. False when it does
  // not enter.
  bool Offer(uint32_t d, float distance, TopK& top) {
    const DocRecord& r = s_.records[d];
    RankKey key = words_.empty() ? RankKey{} : TextRank(d);
    key.next_start = s_.NextStart(d, from_day_);
    key.distance = distance;
    // Worse than the heap's worst before the course id is even looked at: out.
    int primary = top.full() ? ComparePrimary(key, top.worst(), sort_) : -1;
    if (primary > 0) return false;
    key.course_id = s_.course_ids[r.course];
    key.commune = r.remote() ? nullptr : &s_.commune_codes[r.commune];
    if (primary == 0 && !BetterTieBreak(key, top.worst())) return false;
    if (words_.size() >= 2) {
      key.proximity = Proximity(r.course);
      if (key.proximity != 0 && !top.Wants(key, sort_)) return false;
    }
    top.Push({key, s_.external[d], &s_, d});
    return true;
  }

 public:
  // Whether ConsiderAllFromTotals can answer: no text and no filter (all of France is the
  // caller's condition).
  bool CanUseTotals() const { return words_.empty() && !any_filter_; }

  // All documents of France with no text and no filter, without reading them all: counts
  // from the segment's totals less the `removed` documents, results walked in ranking order
  // (next start, course id, commune) until each page is full.
  void ConsiderAllFromTotals(const std::vector<uint32_t>& removed) {
    auto add = [&](const Segment::FacetTotals& t, int sign) {
      for (int i = 0; i < 256; ++i) {
        family_counts_[i] += sign * t.family[i];
        region_counts_[i] += sign * t.region[i];
        department_counts_[i] += sign * t.department[i];
        level_counts_[i] += sign * t.level[i];
      }
      for (size_t i = 0; i < t.profession.size(); ++i) profession_counts_[i] += sign * t.profession[i];
      for (int m = 0; m < 3; ++m) mode_counts_[m] += sign * t.mode[m];
      for (size_t b = 0; b < duration_bucket_counts_.size(); ++b)
        duration_bucket_counts_[b] += sign * t.duration_bucket[b];
    };
    add(s_.totals[0], 1);
    add(s_.totals[1], 1);
    acc_.nearby_total += s_.totals[0].documents;
    acc_.remote_total += s_.totals[1].documents;
    for (uint32_t d : removed) {  // what the totals counted but is gone
      const DocRecord& r = s_.records[d];
      Segment::FacetTotals one;
      one.profession.assign(s_.professions.size(), 0);
      if (r.family != kNoValue) one.family[r.family] = 1;
      s_.ForEachProfession(r, [&](uint16_t p) { one.profession[p] = 1; });
      one.mode[r.mode()] = 1;
      if (!r.remote()) {
        one.region[r.region] = 1;
        one.department[r.department] = 1;
      }
      one.level[r.level] = 1;
      one.duration_bucket[duration_bucket_[r.weeks]] = 1;
      add(one, -1);
      --(r.remote() ? acc_.remote_total : acc_.nearby_total);
    }
    const uint32_t gen = scratch_.generation;
    for (uint32_t d : removed) scratch_.doc_seen[d] = gen;
    bool done[2] = {false, false};
    auto offer = [&](uint32_t d) {
      if (scratch_.doc_seen[d] == gen) return;
      scratch_.doc_seen[d] = gen;
      bool remote = s_.records[d].remote();
      if (done[remote]) return;
      TopK& top = remote ? acc_.remote : acc_.nearby;
      if (!Offer(d, std::numeric_limits<float>::infinity(), top) && top.full()) done[remote] = true;
    };
    auto first = std::lower_bound(s_.sessions_by_start.begin(), s_.sessions_by_start.end(), from_day_,
                                  [&](uint32_t k, int32_t day) { return s_.starts[k] < day; });
    for (auto it = first; it != s_.sessions_by_start.end() && !(done[0] && done[1]); ++it)
      offer(s_.DocumentOfSession(*it));
    // Then those with no session to come, by course id and commune.
    for (uint32_t d : s_.course_docs) {
      if (done[0] && done[1]) break;
      if (scratch_.doc_seen[d] != gen && s_.NextStart(d, from_day_) == INT32_MAX) offer(d);
    }
  }

 private:

  void ConsiderImpl(uint32_t d, float distance) {
    if (!Matches(d)) return;
    const DocRecord& r = s_.records[d];
    uint32_t failed = any_filter_ ? Failed(d) : 0;
    if (failed == 0) {  // the usual case: counted in every facet
      CountFacets(r);
      TopK& top = r.remote() ? acc_.remote : acc_.nearby;
      if (r.remote()) {
        ++acc_.remote_total;
      } else {
        ++acc_.nearby_total;
        ++nearby_passing_;
      }
      Offer(d, distance, top);
      return;
    }
    // Failing one filter only, it counts in that filter's facet (what ticking it would give).
    if (failed & (failed - 1)) return;
    switch (failed) {
      case kFamily: if (r.family != kNoValue) ++family_counts_[r.family]; break;
      case kProfession:
        s_.ForEachProfession(r, [&](uint16_t p) { ++profession_counts_[p]; });
        break;
      case kMode: ++mode_counts_[r.mode()]; break;
      case kRegion: ++region_counts_[r.region]; break;
      case kDepartment: ++department_counts_[r.department]; break;
      case kLevel: ++level_counts_[r.level]; break;
      case kDuration: ++duration_bucket_counts_[duration_bucket_[r.weeks]]; break;
      default: break;  // starts_after has no facet
    }
  }

  void CountFacets(const DocRecord& r) {
    if (r.family != kNoValue) ++family_counts_[r.family];
    s_.ForEachProfession(r, [&](uint16_t p) { ++profession_counts_[p]; });
    ++mode_counts_[r.mode()];
    if (!r.remote()) {
      ++region_counts_[r.region];
      ++department_counts_[r.department];
    }
    ++level_counts_[r.level];
    ++duration_bucket_counts_[duration_bucket_[r.weeks]];
  }

  const Segment& s_;
  const std::vector<bool>* removed_;
  const SearchQuery& q_;
  const std::vector<QueryWord>& words_;
  SortOrder sort_;
  Accumulator& acc_;
  Scratch& scratch_;
  int min_words_ = 0;
  size_t text_documents_ = 0;  // documents of the courses the text reached
  bool marked_ = false;        // whether MarkTextDocuments ran
  std::vector<std::vector<uint64_t>> variant_bits_;

  bool family_filter_ = false, profession_filter_ = false, mode_filter_ = false,
       region_filter_ = false, department_filter_ = false, level_filter_ = false,
       starts_filter_ = false;
  std::array<bool, 256> families_{}, regions_{}, departments_{}, levels_{};
  std::vector<bool> professions_;
  std::array<bool, 3> modes_{};
  bool any_filter_ = false;
  int max_weeks_ = -1;
  int32_t from_day_ = 0;
  const std::array<uint8_t, 256>& duration_bucket_ = DurationBuckets();

  std::array<int, 256> family_counts_{}, region_counts_{}, department_counts_{}, level_counts_{};
  std::vector<int> profession_counts_;
  std::array<int, 3> mode_counts_{};
  std::array<int, kDurationMonths.size() + 1> duration_bucket_counts_{};
  int nearby_passing_ = 0;
};

void SegmentSearch::Consider(uint32_t d, float distance) { ConsiderImpl(d, distance); }

}  // namespace

namespace {

// The place part of a search on one segment: which documents, in rings of growing radius when
// the place is a commune (so that widening never looks at a document twice).
class PlaceScan {
 public:
  PlaceScan(SegmentSearch& search, const core::Place& place, double radius_km)
      : search_(search), s_(search.segment()), place_(place) {
    const bool text = search.has_text();
    size_t place_documents = 0;
    switch (place.kind) {
      case core::PlaceKind::kFrance:
        place_documents = s_.remote_begin;
        break;
      case core::PlaceKind::kRegion:
        area_ = Narrow(s_.regions.Find(place.code));
        if (area_ != kNoValue) place_documents = s_.region_offsets[area_ + 1] - s_.region_offsets[area_];
        break;
      case core::PlaceKind::kDepartment:
        area_ = Narrow(s_.departments.Find(place.code));
        if (area_ != kNoValue)
          place_documents = s_.department_offsets[area_ + 1] - s_.department_offsets[area_];
        break;
      case core::PlaceKind::kCommune:
        communes_ = s_.CommunesWithin(*place.point, radius_km);
        fetched_km_ = radius_km;
        for (const auto& [c, d] : communes_) place_documents += s_.commune_offsets[c + 1] - s_.commune_offsets[c];
        break;
    }
    // In an area, read the text's documents only, unless the text leads to many more (each
    // costs a write to mark it, a document of the area a read of its course's words).
    if (text && place.kind != core::PlaceKind::kCommune &&
        search.TextDocuments() <= 4 * place_documents)
      search.MarkTextDocuments();
    // Around a commune, drive by the text when it leads to far fewer documents than the
    // circle holds (an area's documents are read in place order, the text's ones only).
    text_driven_ = place.kind == core::PlaceKind::kCommune && text &&
                   search.TextDocuments() * 2 < place_documents;
    if (text_driven_) {
      search.ForEachTextDocument([&](uint32_t d) {
        float km = search_.CommuneDistance(s_.records[d].commune, *place.point);
        if (km <= kWideningSteps.back() + 1e-6) pending_.emplace_back(d, km);
      });
      std::sort(pending_.begin(), pending_.end(),
                [](const auto& a, const auto& b) { return a.second < b.second; });
    }
  }

  // Considers the nearby documents up to `radius_km` not considered yet (all of them for a
  // department, a region or France, on the first call).
  void ConsiderUpTo(double radius_km) {
    if (place_.kind != core::PlaceKind::kCommune) {
      if (done_) return;
      done_ = true;
      if (place_.kind == core::PlaceKind::kFrance) {
        search_.ConsiderArea(0, s_.remote_begin);
      } else if (area_ != kNoValue) {
        const auto& offsets = place_.kind == core::PlaceKind::kRegion ? s_.region_offsets
                                                                      : s_.department_offsets;
        search_.ConsiderArea(offsets[area_], offsets[area_ + 1]);
      }
      return;
    }
    const double limit = radius_km + 1e-9;
    if (text_driven_) {
      for (; next_ < pending_.size() && pending_[next_].second <= limit; ++next_)
        search_.Consider(pending_[next_].first, pending_[next_].second);
      return;
    }
    if (radius_km > fetched_km_) {
      // Wider than what was fetched: fetch again, keeping the place of the next one to consider.
      double done_km = next_ > 0 ? communes_[next_ - 1].second : -1;
      communes_ = s_.CommunesWithin(*place_.point, radius_km);
      fetched_km_ = radius_km;
      next_ = 0;
      while (next_ < communes_.size() && communes_[next_].second <= done_km) ++next_;
    }
    for (; next_ < communes_.size() && communes_[next_].second <= limit; ++next_)
      search_.ConsiderCommune(communes_[next_].first, communes_[next_].second);
  }

 private:
  SegmentSearch& search_;
  const Segment& s_;
  const core::Place& place_;
  uint8_t area_ = kNoValue;
  bool text_driven_ = false;
  bool done_ = false;
  std::vector<std::pair<uint16_t, double>> communes_;
  double fetched_km_ = 0;
  std::vector<std::pair<uint32_t, float>> pending_;
  size_t next_ = 0;
};

// The fields where `word` occurs in `course`, if it does (a walk along the word's postings:
// for explanations only).
std::optional<uint8_t> FieldsOf(const Segment& s, WordId word, uint32_t course) {
  Segment::PostingReader reader = s.Postings(word);
  uint32_t c;
  uint8_t fields;
  while (reader.Next(c, fields)) {
    if (c == course) return fields;
    if (c > course) break;
  }
  return std::nullopt;
}

// Why the course ranks: each query word's best match in it, found again from the postings.
Explanation Explain(const Segment& s, uint32_t course, const std::vector<QueryWord>& words,
                    const RankKey& key) {
  Explanation e;
  e.words_in_query = static_cast<int>(words.size());
  e.words_matched = static_cast<int>(words.size()) - key.missing_words;
  e.typos = key.typos;
  e.proximity = key.proximity;
  e.field_weight = -key.field;
  e.exact_words = -key.exact;
  for (const QueryWord& w : words) {
    Explanation::TermMatch term;
    term.query_word = w.word;
    uint8_t best = 0xFF;
    for (const WordMatch& m : s.vocabulary.Expand(w.word, w.stem, w.prefix)) {
      std::optional<uint8_t> fields = FieldsOf(s, m.word, course);
      if (!fields) continue;
      uint8_t quality = Quality(m, BestField(*fields));
      if (quality >= best) continue;
      best = quality;
      term.matched_word = s.vocabulary.word(m.word);
      term.kind = std::string(ToString(m.kind));
      term.typos = m.typos;
      term.field = std::string(ToString(QualityField(quality)));
    }
    e.terms.push_back(std::move(term));
  }
  return e;
}

// Most frequent first; equal counts by value, so the order never depends on the index layout.
std::vector<FacetCount> SortedFacet(std::vector<FacetCount> counts) {
  std::sort(counts.begin(), counts.end(), [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  return counts;
}

}  // namespace

IndexedEngine::IndexedEngine(std::vector<Document> documents) {
  std::vector<const Document*> pointers;
  std::vector<DocId> ids;
  for (DocId i = 0; i < documents.size(); ++i) {
    pointers.push_back(&documents[i]);
    ids.push_back(i);
  }
  auto snapshot = std::make_shared<Version>();
  snapshot->main = Segment::Build(pointers, ids);
  snapshot->main_removed = std::make_shared<std::vector<bool>>(documents.size(), false);
  snapshot->main_removed_list = std::make_shared<std::vector<uint32_t>>();
  snapshot->live_documents = documents.size();
  snapshot->next_id = static_cast<DocId>(documents.size());
  current_.Set(std::move(snapshot));
}

size_t IndexedEngine::document_count() const { return Current()->live_documents; }

size_t IndexedEngine::IndexBytes() const {
  auto snap = Current();
  size_t bytes = snap->main->IndexBytes() + snap->main_removed->size() / 8;
  if (snap->recent) bytes += snap->recent->IndexBytes();
  return bytes;
}

void IndexedEngine::Upsert(int64_t course_id, std::vector<Document> documents) {
  std::vector<CourseDocuments> one;
  one.push_back({course_id, std::move(documents)});
  Upsert(std::move(one));
}

void IndexedEngine::Upsert(std::vector<CourseDocuments> courses) {
  std::lock_guard<std::mutex> lock(writer_);
  std::shared_ptr<const Version> before = Current();
  auto after = std::make_shared<Version>(*before);
  auto removed = std::make_shared<std::vector<bool>>(*before->main_removed);
  auto removed_list = std::make_shared<std::vector<uint32_t>>(*before->main_removed_list);
  size_t live = before->live_documents;
  const Segment& main = *before->main;
  std::unordered_set<int64_t> changed;
  for (const CourseDocuments& course : courses) {
    changed.insert(course.course_id);
    int64_t c = main.FindCourse(course.course_id);
    if (c < 0) continue;
    for (uint32_t k = main.course_doc_offsets[c]; k < main.course_doc_offsets[c + 1]; ++k) {
      uint32_t d = main.course_docs[k];
      if (!(*removed)[d]) {
        (*removed)[d] = true;
        removed_list->push_back(d);
        --live;
      }
    }
  }
  // The recent segment is small: rebuild it with these courses' new documents. Documents
  // carried over from a segment bring their analysed text, so nothing is analysed twice.
  ExportedDocuments recent;
  if (before->recent) recent = before->recent->Export();
  std::vector<SegmentInput> inputs;
  for (const SegmentInput& in : recent.Inputs()) {
    if (changed.contains(in.document->course_id)) --live;
    else inputs.push_back(in);
  }
  DocId next_id = before->next_id;
  // A course listed twice keeps its last documents.
  std::unordered_map<int64_t, size_t> last;
  for (size_t i = 0; i < courses.size(); ++i) last[courses[i].course_id] = i;
  for (size_t i = 0; i < courses.size(); ++i) {
    if (last[courses[i].course_id] != i) continue;
    for (Document& d : courses[i].documents) {
      d.course_id = courses[i].course_id;
      inputs.push_back({&d, next_id++, nullptr});
      ++live;
    }
  }
  after->next_id = next_id;
  after->live_documents = live;
  if (inputs.size() > std::max(kMinRecentLimit, main.size() / 32)) {
    // Too many changes to search them apart: one segment again.
    ExportedDocuments kept = main.Export(removed.get());
    std::vector<SegmentInput> all = kept.Inputs();
    all.insert(all.end(), inputs.begin(), inputs.end());
    after->main = Segment::Build(all);
    after->main_removed = std::make_shared<std::vector<bool>>(after->main->size(), false);
    after->main_removed_list = std::make_shared<std::vector<uint32_t>>();
    after->recent = nullptr;
  } else {
    after->recent = inputs.empty() ? nullptr : Segment::Build(inputs);
    after->main_removed = std::move(removed);
    after->main_removed_list = std::move(removed_list);
  }
  current_.Set(std::move(after));
}

// A version of the index that no longer changes.
class IndexedEngine::PinnedView final : public SearchEngine {
 public:
  explicit PinnedView(std::shared_ptr<const Version> version) : version_(std::move(version)) {}
  SearchResult Search(const SearchQuery& query) const override { return SearchIn(*version_, query); }
  size_t document_count() const override { return version_->live_documents; }

 private:
  std::shared_ptr<const Version> version_;
};

std::shared_ptr<const SearchEngine> IndexedEngine::Pinned() const {
  return std::make_shared<PinnedView>(Current());
}

SearchResult IndexedEngine::Search(const SearchQuery& query) const {
  return SearchIn(*Current(), query);
}

SearchResult IndexedEngine::SearchIn(const Version& version, const SearchQuery& query) {
  const Version* snap = &version;
  SearchResult result;
  const core::Place& place = query.place;
  const bool around_commune = place.kind == core::PlaceKind::kCommune && place.point.has_value();
  result.sort = query.sort;
  if (query.sort == SortOrder::kDistance && !around_commune) result.sort = SortOrder::kRelevance;
  const std::vector<QueryWord> words = QueryWords(query.text);
  const int page = std::max(1, query.page), per_page = std::max(1, query.per_page);
  const size_t limit = static_cast<size_t>(page) * per_page;
  const double requested = std::clamp(query.radius_km, 0.0, kMaxRadiusKm);
  core::Place effective_place = place;
  if (place.kind == core::PlaceKind::kCommune && !place.point) effective_place = core::Place{};

  // All words must match; when nothing does, the words are relaxed one at a time.
  for (int min_words = static_cast<int>(words.size());; --min_words) {
    Accumulator acc(limit, result.sort);
    std::vector<std::unique_ptr<SegmentSearch>> searches;
    searches.push_back(std::make_unique<SegmentSearch>(0, *snap->main, snap->main_removed.get(),
                                                       query, words, result.sort, acc));
    if (snap->recent)
      searches.push_back(std::make_unique<SegmentSearch>(1, *snap->recent, nullptr, query, words,
                                                         result.sort, acc));
    // All of France with no text and no filter: answered from the segments' totals.
    static const std::vector<uint32_t> kNothingRemoved;
    const bool from_totals = effective_place.kind == core::PlaceKind::kFrance &&
                             searches.front()->CanUseTotals();
    if (from_totals) {
      searches[0]->ConsiderAllFromTotals(*snap->main_removed_list);
      if (searches.size() > 1) searches[1]->ConsiderAllFromTotals(kNothingRemoved);
    }
    std::vector<PlaceScan> scans;
    for (auto& s : searches) {
      s->SetMinWords(std::max(min_words, 1));
      if (!from_totals) scans.emplace_back(*s, effective_place, requested);
    }
    double radius = requested;
    for (;;) {
      for (PlaceScan& scan : scans) scan.ConsiderUpTo(radius);
      if (!around_commune || !query.widen_radius || acc.nearby_total > 0) break;
      auto next = std::upper_bound(kWideningSteps.begin(), kWideningSteps.end(), radius + 1e-9);
      if (next == kWideningSteps.end()) break;
      radius = *next;
    }
    if (!from_totals)
      for (auto& s : searches) s->ConsiderRemote();
    if (acc.nearby_total + acc.remote_total == 0 && min_words > 1) continue;

    for (size_t i = 0; i < searches.size(); ++i) searches[i]->Flush(/*merge=*/i > 0);
    result.radius_km = around_commune ? radius : 0;
    result.radius_widened = around_commune && radius != requested;
    result.nearby_total = acc.nearby_total;
    result.remote_total = acc.remote_total;
    result.total = acc.nearby_total + acc.remote_total;
    for (int slot = 0; slot < kFacetSlots; ++slot)
      result.facets[kFacetNames[slot]] = SortedFacet(std::move(acc.facets[slot]));
    std::vector<FacetCount>& months = result.facets["max_months"];
    for (size_t i = 0; i < kDurationMonths.size(); ++i)
      months.push_back({std::to_string(kDurationMonths[i]), acc.duration[i]});

    std::vector<Candidate> ordered = acc.nearby.Sorted();
    std::vector<Candidate> remote = acc.remote.Sorted();
    ordered.insert(ordered.end(), remote.begin(), remote.end());
    size_t first = static_cast<size_t>(page - 1) * per_page;
    for (size_t i = first; i < ordered.size() && i < first + per_page; ++i) {
      const Candidate& c = ordered[i];
      const DocRecord& r = c.segment->records[c.index];
      Hit hit;
      hit.doc = c.doc;
      hit.course_id = c.key.course_id;
      hit.remote = r.remote() != 0;
      if (c.key.commune) hit.commune_code = *c.key.commune;
      if (std::isfinite(c.key.distance) && place.point)  // exact, not the float kept for sorting
        hit.distance_km = core::DistanceKm(*place.point, c.segment->commune_points[r.commune]);
      if (c.key.next_start != INT32_MAX)
        hit.next_start = core::Date(std::chrono::sys_days(std::chrono::days(c.key.next_start)));
      hit.score = words.empty() ? 0 : -c.key.field - 0.5 * c.key.typos;
      if (query.explain && !words.empty())
        hit.explanation = Explain(*c.segment, r.course, words, c.key);
      else if (query.explain)
        hit.explanation = Explanation{};
      result.hits.push_back(std::move(hit));
    }
    return result;
  }
}

std::unique_ptr<SearchEngine> MakeSearchEngine(std::vector<Document> documents) {
  return std::make_unique<IndexedEngine>(std::move(documents));
}

}  // namespace tremplin::search
