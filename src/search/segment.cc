#include "search/segment.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cmath>
#include <numeric>
#include <thread>

#include "text/analyzer.h"
#include "text/words.h"

namespace tremplin::search {
namespace {

constexpr double kCellDegrees = 0.5;

// A course's words as analysed by one thread, before the vocabularies are merged.
struct LocalText {
  Vocabulary vocabulary;
  std::vector<uint32_t> offsets = {0};  // per course: entries[offsets[c]..[c+1])
  std::vector<std::pair<WordId, uint8_t>> entries;  // (local word, field mask), once per word
  std::vector<uint32_t> sequence_offsets = {0};
  std::vector<WordId> sequences;
};

// Where a course's text comes from: its first document, or terms from another segment.
struct CourseSource {
  const Document* document = nullptr;
  const CourseTerms* terms = nullptr;
};

constexpr WordId kStopWord = UINT32_MAX;

// Words as written in texts ("Développeuses") → their word id, or kStopWord: an open-addressing
// table, because indexing looks up every word of every course.
class RawWordIds {
 public:
  // The id of `word`, computing it with `analyse` the first time.
  template <typename Analyse>
  WordId Get(std::string_view word, Analyse analyse) {
    if (size_ * 2 >= slots_.size()) Grow();
    uint64_t h = Hash(word);
    for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      Slot& s = slots_[i];
      if (s.length == 0) {
        s = {h, static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(word.size()), analyse(word)};
        arena_.append(word);
        ++size_;
        return s.id;
      }
      if (s.hash == h && s.length == word.size() &&
          std::string_view(arena_).substr(s.offset, s.length) == word)
        return s.id;
    }
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t offset = 0, length = 0;
    WordId id = 0;
  };
  static uint64_t Hash(std::string_view w) {  // FNV-1a, then mixed
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : w) h = (h ^ c) * 1099511628211ull;
    return h ^ (h >> 29);
  }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(1024, old.size() * 2), Slot{});
    for (const Slot& s : old) {
      if (s.length == 0) continue;
      size_t i = s.hash & (slots_.size() - 1);
      while (slots_[i].length != 0) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  std::string arena_;
  size_t size_ = 0;
};

// Analyses courses [begin, end) into `out`. Each distinct word is analysed once per thread:
// then every occurrence is one lookup.
void AnalyzeCourses(const std::vector<CourseSource>& sources, size_t begin, size_t end,
                    LocalText& out) {
  RawWordIds raw_ids;
  std::unordered_map<const Vocabulary*, std::vector<WordId>> remaps;  // other segments' ids
  std::vector<std::pair<WordId, uint8_t>> words;
  std::vector<std::string_view> raw;
  // Per local word: the course it was last seen in, and where in `words` (to merge fields).
  std::vector<uint32_t> seen_in, seen_at;
  auto analyse = [&](std::string_view word) {
    const text::AnalyzedWord& a = text::AnalyzeWord(word);
    return a.stop || a.folded.empty() ? kStopWord : out.vocabulary.Add(a.folded, a.stem);
  };
  auto add = [&](uint32_t course, WordId id, uint8_t fields) {
    if (id >= seen_in.size()) {
      seen_in.resize(id + 1024, UINT32_MAX);
      seen_at.resize(id + 1024);
    }
    if (seen_in[id] == course) {
      words[seen_at[id]].second |= fields;
    } else {
      seen_in[id] = course;
      seen_at[id] = static_cast<uint32_t>(words.size());
      words.emplace_back(id, fields);
    }
  };
  for (size_t c = begin; c < end; ++c) {
    const uint32_t course = static_cast<uint32_t>(c);
    words.clear();
    if (const CourseTerms* terms = sources[c].terms) {
      std::vector<WordId>& remap = remaps[terms->vocabulary];
      if (remap.empty()) remap.assign(terms->vocabulary->size(), kStopWord);
      auto map = [&](WordId w) {
        if (remap[w] == kStopWord)
          remap[w] = out.vocabulary.Add(terms->vocabulary->word(w), terms->vocabulary->stem(w));
        return remap[w];
      };
      for (const auto& [w, mask] : terms->words) add(course, map(w), mask);
      for (WordId w : terms->sequence) out.sequences.push_back(map(w));
    } else {
      const Document& d = *sources[c].document;
      const std::pair<const std::string*, TextField> fields[] = {
          {&d.professions, kProfessions}, {&d.title, kTitle}, {&d.organisation, kOrganisation},
          {&d.body, kBody}};
      for (const auto& [text, field] : fields) {
        raw.clear();
        text::AppendWords(*text, raw);
        for (std::string_view w : raw) {
          WordId id = raw_ids.Get(w, analyse);
          if (id == kStopWord) continue;
          add(course, id, static_cast<uint8_t>(1u << field));
          if (field == kTitle || field == kProfessions) out.sequences.push_back(id);
        }
      }
    }
    out.entries.insert(out.entries.end(), words.begin(), words.end());
    out.offsets.push_back(static_cast<uint32_t>(out.entries.size()));
    out.sequence_offsets.push_back(static_cast<uint32_t>(out.sequences.size()));
  }
}

}  // namespace

int WeeksForMonths(int months) {
  return static_cast<int>(std::floor(months * 52.0 / 12.0 + 1e-9));
}

uint8_t DurationBucket(int weeks) {
  uint8_t bucket = 0;
  for (int m : kDurationMonths) bucket += weeks <= WeeksForMonths(m);
  return bucket;
}

int TextFieldWeight(TextField field) {
  switch (field) {
    case kProfessions: return 8;
    case kTitle: return 6;
    case kOrganisation: return 3;
    case kBody: return 1;
  }
  return 1;
}

std::string_view ToString(TextField field) {
  switch (field) {
    case kProfessions: return "professions";
    case kTitle: return "title";
    case kOrganisation: return "organisation";
    case kBody: return "body";
  }
  return "body";
}

uint16_t ValueDictionary::Add(std::string_view value) {
  auto it = ids_.find(value);
  if (it != ids_.end()) return it->second;
  if (values_.size() >= kAbsent) return kAbsent;
  uint16_t id = static_cast<uint16_t>(values_.size());
  values_.emplace_back(value);
  ids_.emplace(std::string(value), id);
  return id;
}

uint16_t ValueDictionary::Find(std::string_view value) const {
  auto it = ids_.find(value);
  return it == ids_.end() ? kAbsent : it->second;
}

// A dictionary id as stored in a DocRecord byte.
static uint8_t Narrow(uint16_t id) { return id < kNoValue ? static_cast<uint8_t>(id) : kNoValue; }

int64_t Segment::FindCourse(int64_t course_id) const {
  auto it = std::lower_bound(course_ids.begin(), course_ids.end(), course_id);
  return it != course_ids.end() && *it == course_id ? it - course_ids.begin() : -1;
}

int64_t Segment::Cell(double lat, double lon) {
  int64_t row = static_cast<int64_t>(std::floor(lat / kCellDegrees));
  int64_t col = static_cast<int64_t>(std::floor(lon / kCellDegrees));
  return row * 4096 + col;
}

std::vector<SegmentInput> ExportedDocuments::Inputs() const {
  std::vector<SegmentInput> inputs(documents.size());
  for (size_t i = 0; i < documents.size(); ++i)
    inputs[i] = {&documents[i], ids[i], &terms[course[i]]};
  return inputs;
}

std::shared_ptr<const Segment> Segment::Build(const std::vector<const Document*>& documents,
                                              const std::vector<DocId>& ids) {
  std::vector<SegmentInput> inputs(documents.size());
  for (size_t i = 0; i < documents.size(); ++i) inputs[i] = {documents[i], ids[i], nullptr};
  return Build(inputs);
}

std::shared_ptr<const Segment> Segment::Build(const std::vector<SegmentInput>& inputs) {
  static std::atomic<uint64_t> last_id{0};
  auto segment = std::make_shared<Segment>();
  Segment& s = *segment;
  s.id = ++last_id;
  const size_t n = inputs.size();
  auto doc = [&](uint32_t i) -> const Document& { return *inputs[i].document; };

  // Place order: region, department, commune, course; remote documents last. Places are
  // ranked once, so that the sort compares integers.
  std::unordered_map<std::string_view, uint32_t> place_rank;
  {
    std::vector<const Document*> places;
    std::unordered_map<std::string_view, const Document*> first;
    for (uint32_t i = 0; i < n; ++i)
      if (!doc(i).remote && first.emplace(doc(i).commune_code, &doc(i)).second) places.push_back(&doc(i));
    std::sort(places.begin(), places.end(), [](const Document* x, const Document* y) {
      return std::tie(x->region_code, x->department_code, x->commune_code) <
             std::tie(y->region_code, y->department_code, y->commune_code);
    });
    for (uint32_t r = 0; r < places.size(); ++r) place_rank[places[r]->commune_code] = r;
  }
  struct Key {
    uint32_t place;  // UINT32_MAX for remote documents
    int64_t course;
    DocId id;
    uint32_t index;
  };
  std::vector<Key> keys(n);
  for (uint32_t i = 0; i < n; ++i)
    keys[i] = {doc(i).remote ? UINT32_MAX : place_rank[doc(i).commune_code], doc(i).course_id,
               inputs[i].id, i};
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return std::tie(a.place, a.course, a.id) < std::tie(b.place, b.course, b.id);
  });
  std::vector<uint32_t> order(n);
  for (uint32_t i = 0; i < n; ++i) order[i] = keys[i].index;

  s.records.resize(n);
  s.external.resize(n);
  s.start_offsets.reserve(n + 1);
  s.start_offsets.push_back(0);
  s.remote_begin = static_cast<uint32_t>(n);
  // Courses numbered in course id order (so that a course is found by binary search, and
  // walking them in number order is walking them by id).
  s.course_ids.reserve(n);
  for (uint32_t i = 0; i < n; ++i) s.course_ids.push_back(doc(i).course_id);
  std::sort(s.course_ids.begin(), s.course_ids.end());
  s.course_ids.erase(std::unique(s.course_ids.begin(), s.course_ids.end()), s.course_ids.end());
  s.course_ids.shrink_to_fit();
  std::vector<CourseSource> sources(s.course_ids.size());
  for (uint32_t i = 0; i < n; ++i) {
    const Document& d = doc(order[i]);
    DocRecord& r = s.records[i];
    s.external[i] = inputs[order[i]].id;
    r.course = static_cast<uint32_t>(s.FindCourse(d.course_id));
    if (!sources[r.course].document) sources[r.course] = {&d, inputs[order[i]].terms};
    if (d.remote) {
      s.remote_begin = std::min(s.remote_begin, i);
      r.commune = kNoCommune;
      r.region = r.department = kNoValue;
    } else {
      if (s.commune_codes.empty() || s.commune_codes.back() != d.commune_code) {
        s.commune_codes.push_back(d.commune_code);
        s.commune_points.push_back(d.point.value_or(core::GeoPoint{}));
        s.commune_offsets.push_back(i);
      }
      r.commune = static_cast<uint16_t>(s.commune_codes.size() - 1);
      size_t regions_before = s.regions.size(), departments_before = s.departments.size();
      r.region = Narrow(s.regions.Add(d.region_code));
      r.department = Narrow(s.departments.Add(d.department_code));
      if (s.regions.size() != regions_before) s.region_offsets.push_back(i);
      if (s.departments.size() != departments_before) s.department_offsets.push_back(i);
    }
    r.family = Narrow(s.families.Add(d.family_id));
    r.mode_and_flags = static_cast<uint8_t>(d.mode);
    r.level = static_cast<uint8_t>(std::clamp(d.certification_level, 0, 254));
    r.weeks = static_cast<uint8_t>(std::clamp(d.duration_weeks, 0, 255));
    for (core::Date start : d.session_starts)
      s.starts.push_back(static_cast<int32_t>(start.DaysSinceEpoch()));
    s.start_offsets.push_back(static_cast<uint32_t>(s.starts.size()));
  }
  s.commune_offsets.push_back(s.remote_begin);
  s.region_offsets.push_back(s.remote_begin);
  s.department_offsets.push_back(s.remote_begin);
  // Professions of each course (those of its first document: a course's attribute).
  s.profession_offsets.reserve(s.course_ids.size() + 1);
  s.profession_offsets.push_back(0);
  for (const CourseSource& source : sources) {
    for (const std::string& p : source.document->profession_ids)
      if (uint16_t id = s.professions.Add(p); id != ValueDictionary::kAbsent)
        s.profession_ids.push_back(id);
    s.profession_offsets.push_back(static_cast<uint32_t>(s.profession_ids.size()));
  }
  // The first professions copied into each document's record.
  for (DocRecord& r : s.records) {
    std::span<const uint16_t> professions = s.CourseProfessions(r.course);
    r.professions = {kNoValue, kNoValue, kNoValue, kNoValue};
    bool fit = professions.size() <= r.professions.size() &&
               std::all_of(professions.begin(), professions.end(),
                           [](uint16_t p) { return p < kNoValue; });
    if (!fit) {
      r.mode_and_flags |= DocRecord::kProfessionsInCourse;
      continue;
    }
    for (size_t i = 0; i < professions.size(); ++i)
      r.professions[i] = static_cast<uint8_t>(professions[i]);
  }
  // Documents of each course, in place order (counted, then placed).
  s.course_doc_offsets.assign(s.course_ids.size() + 1, 0);
  for (const DocRecord& r : s.records) ++s.course_doc_offsets[r.course + 1];
  std::partial_sum(s.course_doc_offsets.begin(), s.course_doc_offsets.end(),
                   s.course_doc_offsets.begin());
  s.course_docs.resize(n);
  std::vector<uint32_t> next(s.course_doc_offsets.begin(), s.course_doc_offsets.end() - 1);
  for (uint32_t i = 0; i < n; ++i) s.course_docs[next[s.records[i].course]++] = i;
  for (uint16_t c = 0; c < s.commune_codes.size(); ++c)
    s.grid[Cell(s.commune_points[c].lat, s.commune_points[c].lon)].push_back(c);

  // Totals and orders for the searches over all of France without text or filter.
  for (FacetTotals& t : s.totals) t.profession.assign(s.professions.size(), 0);
  for (const DocRecord& r : s.records) {
    FacetTotals& t = s.totals[r.remote()];
    ++t.documents;
    if (r.family != kNoValue) ++t.family[r.family];
    s.ForEachProfession(r, [&](uint16_t p) { ++t.profession[p]; });
    ++t.mode[r.mode()];
    if (!r.remote()) {
      ++t.region[r.region];
      ++t.department[r.department];
    }
    ++t.level[r.level];
    ++t.duration_bucket[DurationBucket(r.weeks)];
  }
  auto code_of = [&](uint32_t d) -> const std::string& {
    static const std::string kNone;
    return s.records[d].remote() ? kNone : s.commune_codes[s.records[d].commune];
  };
  // A course's documents by commune code: with courses in id order, the order of ties.
  for (uint32_t c = 0; c < s.course_ids.size(); ++c)
    std::sort(s.course_docs.begin() + s.course_doc_offsets[c],
              s.course_docs.begin() + s.course_doc_offsets[c + 1],
              [&](uint32_t a, uint32_t b) { return code_of(a) < code_of(b); });
  auto by_course = [&](uint32_t a, uint32_t b) {
    if (s.records[a].course != s.records[b].course) return s.records[a].course < s.records[b].course;
    return code_of(a) < code_of(b);
  };
  std::vector<uint32_t> doc_of_session(s.starts.size());
  for (uint32_t d = 0; d < n; ++d)
    for (uint32_t k = s.start_offsets[d]; k < s.start_offsets[d + 1]; ++k) doc_of_session[k] = d;
  s.sessions_by_start.resize(s.starts.size());
  std::iota(s.sessions_by_start.begin(), s.sessions_by_start.end(), 0);
  std::sort(s.sessions_by_start.begin(), s.sessions_by_start.end(), [&](uint32_t a, uint32_t b) {
    if (s.starts[a] != s.starts[b]) return s.starts[a] < s.starts[b];
    return by_course(doc_of_session[a], doc_of_session[b]);
  });

  // Text: courses analysed on every core, then the vocabularies merged in course order.
  size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  if (sources.size() < 2048) threads = 1;
  std::vector<LocalText> parts(threads);
  std::vector<std::thread> workers;
  for (size_t t = 0; t < threads; ++t) {
    size_t begin = sources.size() * t / threads, end = sources.size() * (t + 1) / threads;
    workers.emplace_back([&, t, begin, end] { AnalyzeCourses(sources, begin, end, parts[t]); });
  }
  for (std::thread& w : workers) w.join();

  std::vector<std::vector<WordId>> remap(threads);
  for (size_t t = 0; t < threads; ++t) {
    const Vocabulary& local = parts[t].vocabulary;
    remap[t].resize(local.size());
    for (WordId w = 0; w < local.size(); ++w)
      remap[t][w] = s.vocabulary.Add(local.word(w), local.stem(w));
  }
  s.vocabulary.Finish();
  std::vector<uint32_t> counts(s.vocabulary.size() + 1, 0);
  for (size_t t = 0; t < threads; ++t)
    for (const auto& [w, mask] : parts[t].entries) ++counts[remap[t][w] + 1];
  std::partial_sum(counts.begin(), counts.end(), counts.begin());
  std::vector<uint32_t> posting_courses(counts.back());
  std::vector<uint8_t> posting_fields(counts.back());
  std::vector<uint32_t> fill(counts.begin(), counts.end() - 1);
  uint32_t course = 0;
  s.sequence_offsets.reserve(s.course_ids.size() + 1);
  s.sequence_offsets.push_back(0);
  for (size_t t = 0; t < threads; ++t) {
    const LocalText& part = parts[t];
    for (size_t c = 0; c + 1 < part.offsets.size(); ++c, ++course) {
      for (uint32_t e = part.offsets[c]; e < part.offsets[c + 1]; ++e) {
        WordId w = remap[t][part.entries[e].first];
        posting_courses[fill[w]] = course;
        posting_fields[fill[w]++] = part.entries[e].second;
      }
      for (uint32_t q = part.sequence_offsets[c]; q < part.sequence_offsets[c + 1]; ++q)
        s.sequences.push_back(remap[t][part.sequences[q]]);
      s.sequence_offsets.push_back(static_cast<uint32_t>(s.sequences.size()));
    }
  }
  // Encode each word's postings: the gap to the previous course, shifted, with the fields.
  s.posting_offsets.reserve(counts.size());
  s.posting_offsets.push_back(0);
  for (size_t w = 0; w + 1 < counts.size(); ++w) {
    uint32_t previous = 0;
    for (uint32_t p = counts[w]; p < counts[w + 1]; ++p) {
      uint32_t value = (posting_courses[p] - previous) << 4 | posting_fields[p];
      previous = posting_courses[p];
      while (value >= 0x80) {
        s.postings.push_back(static_cast<uint8_t>(value | 0x80));
        value >>= 7;
      }
      s.postings.push_back(static_cast<uint8_t>(value));
    }
    s.posting_offsets.push_back(static_cast<uint32_t>(s.postings.size()));
  }
  s.postings.shrink_to_fit();
  return segment;
}

ExportedDocuments Segment::Export(const std::vector<bool>* skip) const {
  ExportedDocuments out;
  // Courses with a live document get an entry, numbered in course order.
  std::vector<uint32_t> entry(course_ids.size(), UINT32_MAX);
  for (uint32_t i = 0; i < records.size(); ++i) {
    if (skip && (*skip)[i]) continue;
    uint32_t c = records[i].course;
    if (entry[c] == UINT32_MAX) {
      entry[c] = static_cast<uint32_t>(out.terms.size());
      out.terms.push_back({&vocabulary, {}, {}});
      out.course_ids.push_back(course_ids[c]);
    }
  }
  // The postings, read word by word, give each course its words in word order.
  for (WordId w = 0; w < vocabulary.size(); ++w) {
    PostingReader reader = Postings(w);
    uint32_t c;
    uint8_t fields;
    while (reader.Next(c, fields))
      if (uint32_t e = entry[c]; e != UINT32_MAX) out.terms[e].words.emplace_back(w, fields);
  }
  for (uint32_t c = 0; c < course_ids.size(); ++c)
    if (entry[c] != UINT32_MAX)
      out.terms[entry[c]].sequence.assign(sequences.begin() + sequence_offsets[c],
                                          sequences.begin() + sequence_offsets[c + 1]);
  for (uint32_t i = 0; i < records.size(); ++i) {
    if (skip && (*skip)[i]) continue;
    const DocRecord& r = records[i];
    Document d;
    d.course_id = course_ids[r.course];
    d.remote = r.remote();
    if (!d.remote) {
      d.commune_code = commune_codes[r.commune];
      d.point = commune_points[r.commune];
      d.region_code = regions.value(r.region);
      d.department_code = departments.value(r.department);
    }
    d.mode = static_cast<core::DeliveryMode>(r.mode());
    d.family_id = r.family == kNoValue ? "" : families.value(r.family);
    for (uint16_t p : CourseProfessions(r.course)) d.profession_ids.push_back(professions.value(p));
    d.duration_weeks = r.weeks;
    d.certification_level = r.level;
    for (uint32_t k = start_offsets[i]; k < start_offsets[i + 1]; ++k)
      d.session_starts.push_back(core::Date(std::chrono::sys_days(std::chrono::days(starts[k]))));
    out.documents.push_back(std::move(d));
    out.ids.push_back(external[i]);
    out.course.push_back(entry[r.course]);
  }
  return out;
}

int32_t Segment::NextStart(uint32_t doc, int32_t day) const {
  auto first = starts.begin() + start_offsets[doc];
  auto last = starts.begin() + start_offsets[doc + 1];
  auto it = std::lower_bound(first, last, day);
  return it == last ? INT32_MAX : *it;
}

std::vector<std::pair<uint16_t, double>> Segment::CommunesWithin(core::GeoPoint center,
                                                                 double radius_km) const {
  std::vector<std::pair<uint16_t, double>> out;
  // The exact extent of the circle on the sphere (angular radius r/R): in latitude r/R, in
  // longitude asin(sin(r/R) / cos(lat)) — with a margin so that the circle's edge is inside.
  constexpr double kDegrees = 180 / M_PI;
  double angle = radius_km / core::kEarthRadiusKm;
  double dlat = angle * kDegrees + 1e-6;
  double ratio = std::sin(angle) / std::max(1e-9, std::cos(center.lat / kDegrees));
  double dlon = ratio >= 1 ? 180.0 : std::asin(ratio) * kDegrees + 1e-6;
  int64_t row0 = static_cast<int64_t>(std::floor((center.lat - dlat) / kCellDegrees));
  int64_t row1 = static_cast<int64_t>(std::floor((center.lat + dlat) / kCellDegrees));
  int64_t col0 = static_cast<int64_t>(std::floor((center.lon - dlon) / kCellDegrees));
  int64_t col1 = static_cast<int64_t>(std::floor((center.lon + dlon) / kCellDegrees));
  if ((row1 - row0 + 1) * (col1 - col0 + 1) > static_cast<int64_t>(grid.size())) {
    // A very wide circle: looking at every commune is cheaper than every cell.
    for (uint16_t c = 0; c < commune_points.size(); ++c) {
      double d = core::DistanceKm(center, commune_points[c]);
      if (d <= radius_km + 1e-9) out.emplace_back(c, d);
    }
  } else {
    for (int64_t row = row0; row <= row1; ++row) {
      for (int64_t col = col0; col <= col1; ++col) {
        auto it = grid.find(row * 4096 + col);
        if (it == grid.end()) continue;
        for (uint16_t c : it->second) {
          double d = core::DistanceKm(center, commune_points[c]);
          if (d <= radius_km + 1e-9) out.emplace_back(c, d);
        }
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second < b.second : a.first < b.first;
  });
  return out;
}

size_t Segment::IndexBytes() const {
  auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  size_t total = bytes(records) + bytes(external) + bytes(start_offsets) + bytes(starts) +
                 bytes(commune_offsets) + bytes(commune_points) + bytes(course_ids) +
                 bytes(course_doc_offsets) + bytes(course_docs) + bytes(posting_offsets) +
                 bytes(postings) + bytes(sequence_offsets) + bytes(sessions_by_start) +
                 sizeof(totals) + bytes(profession_offsets) + bytes(profession_ids) +
                 bytes(sequences);
  total += vocabulary.size() * 64 + commune_codes.size() * 40;
  return total;
}

}  // namespace tremplin::search
