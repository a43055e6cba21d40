#include "search/segment.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <thread>

#include "text/analyzer.h"

namespace tremplin::search {
namespace {

constexpr double kKmPerDegree = 111.2;
constexpr double kCellDegrees = 0.5;

// A course's words as analysed by one thread, before the vocabularies are merged.
struct LocalText {
  Vocabulary vocabulary;
  std::vector<uint32_t> offsets = {0};  // per course: entries[offsets[c]..[c+1])
  std::vector<std::pair<WordId, uint8_t>> entries;  // (local word, field mask), by word
  std::vector<uint32_t> sequence_offsets = {0};
  std::vector<WordId> sequences;
};

void AnalyzeCourses(const std::vector<const CourseText*>& texts, size_t begin, size_t end,
                    LocalText& out) {
  std::vector<std::pair<WordId, uint8_t>> words;
  for (size_t c = begin; c < end; ++c) {
    const CourseText& t = *texts[c];
    words.clear();
    const std::pair<const std::string*, TextField> fields[] = {{&t.professions, kProfessions},
                                                               {&t.title, kTitle},
                                                               {&t.organisation, kOrganisation},
                                                               {&t.body, kBody}};
    for (const auto& [text, field] : fields) {
      for (const text::Term& term : text::Analyze(*text)) {
        WordId id = out.vocabulary.Add(term.word, term.stem);
        words.emplace_back(id, static_cast<uint8_t>(1u << field));
        if (field == kTitle || field == kProfessions) out.sequences.push_back(id);
      }
    }
    std::sort(words.begin(), words.end());
    for (size_t i = 0; i < words.size();) {
      size_t j = i;
      uint8_t mask = 0;
      for (; j < words.size() && words[j].first == words[i].first; ++j) mask |= words[j].second;
      out.entries.emplace_back(words[i].first, mask);
      i = j;
    }
    out.offsets.push_back(static_cast<uint32_t>(out.entries.size()));
    out.sequence_offsets.push_back(static_cast<uint32_t>(out.sequences.size()));
  }
}

}  // namespace

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

uint8_t ValueDictionary::Add(std::string_view value) {
  auto it = ids_.find(std::string(value));
  if (it != ids_.end()) return it->second;
  if (values_.size() >= kNoValue) return kNoValue;  // more than 254 values: not filterable
  uint8_t id = static_cast<uint8_t>(values_.size());
  values_.emplace_back(value);
  ids_.emplace(std::string(value), id);
  return id;
}

uint8_t ValueDictionary::Find(std::string_view value) const {
  auto it = ids_.find(std::string(value));
  return it == ids_.end() ? kNoValue : it->second;
}

int64_t Segment::Cell(double lat, double lon) {
  int64_t row = static_cast<int64_t>(std::floor(lat / kCellDegrees));
  int64_t col = static_cast<int64_t>(std::floor(lon / kCellDegrees));
  return row * 4096 + col;
}

std::shared_ptr<const Segment> Segment::Build(const std::vector<const Document*>& documents,
                                              const std::vector<DocId>& ids) {
  static std::atomic<uint64_t> last_id{0};
  auto segment = std::make_shared<Segment>();
  Segment& s = *segment;
  s.id = ++last_id;
  const size_t n = documents.size();

  // Place order: region, department, commune, course; remote documents last.
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const Document& x = *documents[a];
    const Document& y = *documents[b];
    if (x.remote != y.remote) return !x.remote;
    if (x.region_code != y.region_code) return x.region_code < y.region_code;
    if (x.department_code != y.department_code) return x.department_code < y.department_code;
    if (x.commune_code != y.commune_code) return x.commune_code < y.commune_code;
    if (x.course_id != y.course_id) return x.course_id < y.course_id;
    return ids[a] < ids[b];
  });

  s.records.resize(n);
  s.external.resize(n);
  s.start_offsets.reserve(n + 1);
  s.start_offsets.push_back(0);
  s.remote_begin = static_cast<uint32_t>(n);
  std::vector<const CourseText*> texts;
  std::vector<std::vector<uint32_t>> docs_of_course;
  for (uint32_t i = 0; i < n; ++i) {
    const Document& d = *documents[order[i]];
    DocRecord& r = s.records[i];
    s.external[i] = ids[order[i]];
    auto [it, added] = s.course_index.emplace(d.course_id, static_cast<uint32_t>(s.course_ids.size()));
    if (added) {
      s.course_ids.push_back(d.course_id);
      s.course_texts.push_back({d.title, d.professions, d.organisation, d.body});
      docs_of_course.emplace_back();
    }
    r.course = it->second;
    docs_of_course[r.course].push_back(i);
    r.remote = d.remote ? 1 : 0;
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
      r.region = s.regions.Add(d.region_code);
      r.department = s.departments.Add(d.department_code);
      if (s.regions.size() != regions_before) s.region_offsets.push_back(i);
      if (s.departments.size() != departments_before) s.department_offsets.push_back(i);
    }
    r.family = s.families.Add(d.family_id);
    r.mode = static_cast<uint8_t>(d.mode);
    r.level = static_cast<uint8_t>(std::clamp(d.certification_level, 0, 254));
    r.weeks = static_cast<uint8_t>(std::clamp(d.duration_weeks, 0, 255));
    r.professions.fill(kNoValue);
    for (size_t p = 0; p < d.profession_ids.size() && p < r.professions.size(); ++p)
      r.professions[p] = s.professions.Add(d.profession_ids[p]);
    for (core::Date start : d.session_starts)
      s.starts.push_back(static_cast<int32_t>(start.DaysSinceEpoch()));
    s.start_offsets.push_back(static_cast<uint32_t>(s.starts.size()));
  }
  s.commune_offsets.push_back(s.remote_begin);
  s.region_offsets.push_back(s.remote_begin);
  s.department_offsets.push_back(s.remote_begin);
  s.course_doc_offsets.reserve(docs_of_course.size() + 1);
  s.course_doc_offsets.push_back(0);
  for (const auto& docs : docs_of_course) {
    s.course_docs.insert(s.course_docs.end(), docs.begin(), docs.end());
    s.course_doc_offsets.push_back(static_cast<uint32_t>(s.course_docs.size()));
  }
  for (uint16_t c = 0; c < s.commune_codes.size(); ++c)
    s.grid[Cell(s.commune_points[c].lat, s.commune_points[c].lon)].push_back(c);

  // Text: courses analysed on every core, then the vocabularies merged in course order.
  for (const CourseText& t : s.course_texts) texts.push_back(&t);
  size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  if (texts.size() < 2048) threads = 1;
  std::vector<LocalText> parts(threads);
  std::vector<std::thread> workers;
  for (size_t t = 0; t < threads; ++t) {
    size_t begin = texts.size() * t / threads, end = texts.size() * (t + 1) / threads;
    workers.emplace_back([&, t, begin, end] { AnalyzeCourses(texts, begin, end, parts[t]); });
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
  s.posting_offsets = counts;
  s.posting_courses.resize(counts.back());
  s.posting_fields.resize(counts.back());
  std::vector<uint32_t> fill(counts.begin(), counts.end() - 1);
  uint32_t course = 0;
  s.sequence_offsets.reserve(s.course_ids.size() + 1);
  s.sequence_offsets.push_back(0);
  for (size_t t = 0; t < threads; ++t) {
    const LocalText& part = parts[t];
    for (size_t c = 0; c + 1 < part.offsets.size(); ++c, ++course) {
      for (uint32_t e = part.offsets[c]; e < part.offsets[c + 1]; ++e) {
        WordId w = remap[t][part.entries[e].first];
        s.posting_courses[fill[w]] = course;
        s.posting_fields[fill[w]++] = part.entries[e].second;
      }
      for (uint32_t q = part.sequence_offsets[c]; q < part.sequence_offsets[c + 1]; ++q)
        s.sequences.push_back(remap[t][part.sequences[q]]);
      s.sequence_offsets.push_back(static_cast<uint32_t>(s.sequences.size()));
    }
  }
  return segment;
}

void Segment::Export(std::vector<Document>& documents, std::vector<DocId>& ids,
                     const std::vector<bool>* skip) const {
  for (uint32_t i = 0; i < records.size(); ++i) {
    if (skip && (*skip)[i]) continue;
    const DocRecord& r = records[i];
    const CourseText& t = course_texts[r.course];
    Document d;
    d.course_id = course_ids[r.course];
    d.remote = r.remote != 0;
    if (!d.remote) {
      d.commune_code = commune_codes[r.commune];
      d.point = commune_points[r.commune];
      d.region_code = regions.value(r.region);
      d.department_code = departments.value(r.department);
    }
    d.mode = static_cast<core::DeliveryMode>(r.mode);
    d.family_id = r.family == kNoValue ? "" : families.value(r.family);
    for (uint8_t p : r.professions)
      if (p != kNoValue) d.profession_ids.push_back(professions.value(p));
    d.duration_weeks = r.weeks;
    d.certification_level = r.level;
    for (uint32_t k = start_offsets[i]; k < start_offsets[i + 1]; ++k)
      d.session_starts.push_back(core::Date(std::chrono::sys_days(std::chrono::days(starts[k]))));
    d.title = t.title;
    d.professions = t.professions;
    d.organisation = t.organisation;
    d.body = t.body;
    documents.push_back(std::move(d));
    ids.push_back(external[i]);
  }
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
  double dlat = radius_km / kKmPerDegree;
  double dlon = radius_km / (kKmPerDegree * std::max(0.01, std::cos(center.lat * M_PI / 180)));
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
                 bytes(posting_courses) + bytes(posting_fields) + bytes(sequence_offsets) +
                 bytes(sequences);
  total += course_index.size() * 32 + vocabulary.size() * 64 + commune_codes.size() * 40;
  return total;
}

}  // namespace tremplin::search
