// One immutable part of the search index: documents laid out so that every commune,
// department and region is a contiguous run (a place filter is a few ranges, never a scan),
// packed attributes for filters and facets, and an inverted index over the courses' text.
// The engine (indexed_engine.h) searches a large main segment and a small one of recent changes.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/geo_point.h"
#include "search/document.h"
#include "search/vocabulary.h"

namespace tremplin::search {

inline constexpr uint8_t kNoValue = 0xFF;

// Thresholds of the duration facet ("at most 3, 6, 12, 24 months"), and the bucket of a length
// in weeks: how many of them it stays under (4 for 13 weeks or less, … 0 beyond 104 weeks).
inline constexpr std::array<int, 4> kDurationMonths = {3, 6, 12, 24};
int WeeksForMonths(int months);
uint8_t DurationBucket(int weeks);
inline constexpr uint16_t kNoCommune = 0xFFFF;

// Fields in the order of their weight (professions > title > organisation > body).
enum TextField : uint8_t { kBody = 0, kOrganisation = 1, kTitle = 2, kProfessions = 3 };
int TextFieldWeight(TextField field);         // 1, 3, 6, 8
std::string_view ToString(TextField field);   // "body", …

// The distinct values of an attribute, numbered in order of appearance (up to 65,534).
class ValueDictionary {
 public:
  static constexpr uint16_t kAbsent = 0xFFFF;
  uint16_t Add(std::string_view value);
  uint16_t Find(std::string_view value) const;  // kAbsent when absent
  const std::string& value(uint16_t id) const { return values_[id]; }
  size_t size() const { return values_.size(); }

 private:
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> values_;
  std::unordered_map<std::string, uint16_t, StringHash, std::equal_to<>> ids_;
};

// What filters and facets read of a document: 16 bytes, read in place order. Families, regions
// and departments are few by nature (the 255th value on is kNoValue: not filterable).
// Professions are a course's attribute: up to four are copied here when their ids fit in a
// byte (a course has one to three, the taxonomy about 80), otherwise they are read from
// Segment::CourseProfessions (see Segment::ForEachProfession).
struct DocRecord {
  static constexpr uint8_t kProfessionsInCourse = 0x80;  // in mode_and_flags

  uint32_t course;   // index into the segment's courses
  uint16_t commune;  // index into the segment's communes; kNoCommune when remote
  uint8_t family;
  uint8_t mode_and_flags;  // core::DeliveryMode in bits 0-1; kProfessionsInCourse
  uint8_t level;
  uint8_t weeks;     // duration in weeks (≤ 255)
  uint8_t region;      // kNoValue when remote
  uint8_t department;  // kNoValue when remote
  std::array<uint8_t, 4> professions;  // ids in Segment::professions, kNoValue after the last

  bool remote() const { return commune == 0xFFFF; }
  uint8_t mode() const { return mode_and_flags & 3; }
  bool professions_in_course() const { return mode_and_flags & kProfessionsInCourse; }
};
static_assert(sizeof(DocRecord) == 16);

// A course's text already analysed, as word ids of the vocabulary it comes from: how segments
// merge without keeping (or analysing again) the original text.
struct CourseTerms {
  const Vocabulary* vocabulary = nullptr;
  std::vector<std::pair<WordId, uint8_t>> words;  // (word, fields mask), by word
  std::vector<WordId> sequence;                   // title and professions, in order
};

// One document to index: its attributes and text, and its external id. When `terms` is set,
// the course's text comes from there and the document's text fields are not read.
struct SegmentInput {
  const Document* document = nullptr;
  DocId id = 0;
  const CourseTerms* terms = nullptr;
};

// The live documents of a segment (attributes only, no text), their ids, and their courses'
// analysed text: what a new segment is built from when segments merge.
struct ExportedDocuments {
  std::vector<Document> documents;
  std::vector<DocId> ids;
  std::vector<uint32_t> course;      // per document: index into `terms`
  std::vector<CourseTerms> terms;
  std::vector<int64_t> course_ids;   // per entry of `terms`
  // The inputs to build from (pointers into this object: keep it alive meanwhile).
  std::vector<SegmentInput> Inputs() const;
};

struct Segment {
  static std::shared_ptr<const Segment> Build(const std::vector<SegmentInput>& inputs);
  // Builds from documents with their text, numbered by `ids` (same length).
  static std::shared_ptr<const Segment> Build(const std::vector<const Document*>& documents,
                                              const std::vector<DocId>& ids);

  // Documents not in `skip` (by index in this segment), for a merge.
  ExportedDocuments Export(const std::vector<bool>* skip = nullptr) const;

  size_t size() const { return records.size(); }

  // Unique among the segments of the process (caches key on it, not on the address).
  uint64_t id = 0;
  // First session start on or after `day` (days since epoch), or INT32_MAX.
  int32_t NextStart(uint32_t doc, int32_t day) const;

  // Documents, in place order: by region, department, commune, course; remote ones last.
  std::vector<DocRecord> records;
  std::vector<DocId> external;             // external id of each document
  std::vector<uint32_t> start_offsets;     // sessions of document i: starts[offsets[i]..[i+1])
  std::vector<int32_t> starts;             // days since epoch, ascending per document
  uint32_t remote_begin = 0;               // documents [remote_begin, size) are remote

  // Attribute values.
  ValueDictionary families, professions, regions, departments;
  // Communes, numbered in document order: commune c holds documents
  // [commune_offsets[c], commune_offsets[c + 1]).
  std::vector<std::string> commune_codes;
  std::vector<core::GeoPoint> commune_points;
  std::vector<uint32_t> commune_offsets;
  // Departments and regions are contiguous too: [offsets[id], offsets[id + 1]).
  std::vector<uint32_t> department_offsets, region_offsets;

  // Courses, in id order, their documents (by commune code) and professions.
  std::vector<int64_t> course_ids;
  std::vector<uint32_t> course_doc_offsets, course_docs;
  std::vector<uint32_t> profession_offsets;  // course c: profession_ids[offsets[c]..[c+1])
  std::vector<uint16_t> profession_ids;      // ids in `professions`
  std::span<const uint16_t> CourseProfessions(uint32_t course) const {
    return {profession_ids.data() + profession_offsets[course],
            profession_offsets[course + 1] - profession_offsets[course]};
  }
  // Calls f(id) for each profession of document record `r`.
  template <typename F>
  void ForEachProfession(const DocRecord& r, F f) const {
    if (r.professions_in_course()) {
      for (uint16_t p : CourseProfessions(r.course)) f(p);
      return;
    }
    for (uint8_t p : r.professions) {
      if (p == kNoValue) break;
      f(p);
    }
  }
  // The index of course `course_id`, or -1.
  int64_t FindCourse(int64_t course_id) const;

  // Inverted index over courses: the courses holding word w, in course order, with the fields
  // it occurs in (bit mask of 1 << TextField), read with Postings(w). Encoded in
  // postings[posting_offsets[w]..[w+1]) as one varint per course:
  // (course - previous course) << 4 | fields — one or two bytes for most.
  Vocabulary vocabulary;
  std::vector<uint32_t> posting_offsets;
  std::vector<uint8_t> postings;
  class PostingReader {
   public:
    PostingReader(const uint8_t* begin, const uint8_t* end) : p_(begin), end_(end) {}
    // The next (course, fields); false at the end.
    bool Next(uint32_t& course, uint8_t& fields) {
      if (p_ == end_) return false;
      uint32_t value = 0;
      for (int shift = 0;; shift += 7) {
        uint8_t byte = *p_++;
        value |= static_cast<uint32_t>(byte & 0x7F) << shift;
        if (!(byte & 0x80)) break;
      }
      course_ += value >> 4;
      course = course_;
      fields = static_cast<uint8_t>(value & 0x0F);
      return true;
    }

   private:
    const uint8_t* p_;
    const uint8_t* end_;
    uint32_t course_ = 0;
  };
  PostingReader Postings(WordId w) const {
    return PostingReader(postings.data() + posting_offsets[w], postings.data() + posting_offsets[w + 1]);
  }
  // Title and professions of each course as word ids, in order, to measure proximity.
  std::vector<uint32_t> sequence_offsets;
  std::vector<WordId> sequences;

  // For searches over all of France with no text and no filter, which would otherwise read
  // every document: facet counts of the whole segment, and the documents in the order such a
  // search ranks them — by next session start (sessions in start order, ties by course id and
  // commune code), then, for those without a session to come, by course id and commune code
  // (course_docs, course by course).
  struct FacetTotals {
    std::array<int, 256> family{}, region{}, department{}, level{};
    std::vector<int> profession;  // by profession id
    std::array<int, 3> mode{};
    std::array<int, 5> duration_bucket{};  // see DurationBucket
    int documents = 0;
  };
  std::array<FacetTotals, 2> totals;        // [0]: documents at a place, [1]: remote ones
  std::vector<uint32_t> sessions_by_start;  // indices into `starts`
  // The document a session (index into `starts`) belongs to.
  uint32_t DocumentOfSession(uint32_t session) const {
    return static_cast<uint32_t>(
        std::upper_bound(start_offsets.begin(), start_offsets.end(), session) -
        start_offsets.begin() - 1);
  }

  // Communes on a grid of 0.5° cells, for radius queries.
  std::unordered_map<int64_t, std::vector<uint16_t>> grid;
  static int64_t Cell(double lat, double lon);

  // Communes within `radius_km` of `center`, with their distance, nearest first.
  std::vector<std::pair<uint16_t, double>> CommunesWithin(core::GeoPoint center,
                                                          double radius_km) const;
  // Bytes used by the index structures (not the course texts).
  size_t IndexBytes() const;
};

}  // namespace tremplin::search
