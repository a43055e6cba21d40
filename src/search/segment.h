// One immutable part of the search index: documents laid out so that every commune,
// department and region is a contiguous run (a place filter is a few ranges, never a scan),
// packed attributes for filters and facets, and an inverted index over the courses' text.
// The engine (indexed_engine.h) searches a large main segment and a small one of recent changes.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/geo_point.h"
#include "search/document.h"
#include "search/vocabulary.h"

namespace tremplin::search {

inline constexpr uint8_t kNoValue = 0xFF;
inline constexpr uint16_t kNoCommune = 0xFFFF;

// Fields in the order of their weight (professions > title > organisation > body).
enum TextField : uint8_t { kBody = 0, kOrganisation = 1, kTitle = 2, kProfessions = 3 };
int TextFieldWeight(TextField field);         // 1, 3, 6, 8
std::string_view ToString(TextField field);   // "body", …

// Up to 254 distinct values of an attribute, numbered in order of appearance.
class ValueDictionary {
 public:
  uint8_t Add(std::string_view value);
  uint8_t Find(std::string_view value) const;  // kNoValue when absent
  const std::string& value(uint8_t id) const { return values_[id]; }
  size_t size() const { return values_.size(); }

 private:
  std::vector<std::string> values_;
  std::unordered_map<std::string, uint8_t> ids_;
};

// What filters and facets read of a document: 16 bytes.
struct DocRecord {
  uint32_t course;   // index into the segment's courses
  uint16_t commune;  // index into the segment's communes; kNoCommune when remote
  uint8_t family;
  uint8_t mode;      // core::DeliveryMode
  uint8_t level;
  uint8_t weeks;     // duration in weeks (≤ 255)
  uint8_t region;      // kNoValue when remote
  uint8_t department;  // kNoValue when remote
  std::array<uint8_t, 3> professions;  // kNoValue for unused slots
  uint8_t remote;
};
static_assert(sizeof(DocRecord) == 16);

// The text of a course, kept to rebuild the index when segments merge.
struct CourseText {
  std::string title, professions, organisation, body;
};

struct Segment {
  // Builds a segment from `documents`, whose external ids are `ids` (same length).
  static std::shared_ptr<const Segment> Build(const std::vector<const Document*>& documents,
                                              const std::vector<DocId>& ids);

  // The documents again (for merging segments), with their external ids.
  void Export(std::vector<Document>& documents, std::vector<DocId>& ids,
              const std::vector<bool>* skip = nullptr) const;

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

  // Courses: ids, documents (in place order), text.
  std::vector<int64_t> course_ids;
  std::unordered_map<int64_t, uint32_t> course_index;
  std::vector<uint32_t> course_doc_offsets, course_docs;
  std::vector<CourseText> course_texts;

  // Inverted index over courses: word w occurs in courses postings[offsets[w]..[w+1]), in the
  // fields of the matching bit mask (1 << TextField).
  Vocabulary vocabulary;
  std::vector<uint32_t> posting_offsets;
  std::vector<uint32_t> posting_courses;
  std::vector<uint8_t> posting_fields;
  // Title and professions of each course as word ids, in order, to measure proximity.
  std::vector<uint32_t> sequence_offsets;
  std::vector<WordId> sequences;

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
