// The in-memory engine: text through the inverted index, then place, filters, facets and sort
// over the matching documents.
#include <algorithm>
#include <array>
#include <cmath>

#include "search/engine.h"
#include "search/text_index.h"

namespace tremplin::search {
namespace {

// Radii tried in turn when nothing is found around a commune.
constexpr std::array<double, 8> kWideningSteps = {10, 20, 30, 50, 75, 100, 150, kMaxRadiusKm};
// Thresholds offered by the duration facet, in months.
constexpr std::array<int, 4> kDurationMonths = {3, 6, 12, 24};

// One bit per filter, so that a facet can count what would match without its own filter.
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

int WeeksForMonths(int months) { return static_cast<int>(std::floor(months * 52.0 / 12.0 + 1e-9)); }

template <typename T>
bool Contains(const std::vector<T>& list, const T& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

struct Candidate {
  DocId doc;
  double score;
  bool remote;
  std::optional<double> distance_km;
  uint32_t failed;  // filters this document does not pass
};

class MemoryEngine final : public SearchEngine {
 public:
  explicit MemoryEngine(std::vector<Document> documents)
      : documents_(std::move(documents)), text_(documents_) {}

  size_t document_count() const override { return documents_.size(); }

  SearchResult Search(const SearchQuery& query) const override {
    SearchResult result;
    const core::Place& place = query.place;
    const bool around_commune = place.kind == core::PlaceKind::kCommune && place.point;
    result.sort = query.sort;
    if (query.sort == SortOrder::kDistance && !around_commune) result.sort = SortOrder::kRelevance;

    // 1. Text.
    std::vector<TextMatch> matches;
    std::vector<text::Term> terms = text::Analyze(query.text);
    if (terms.empty()) {
      matches.reserve(documents_.size());
      for (DocId d = 0; d < documents_.size(); ++d) matches.push_back({d, 0});
    } else {
      matches = text_.Match(terms);
    }

    // 2. Filters (independent of the place).
    std::vector<Candidate> candidates;
    candidates.reserve(matches.size());
    for (const TextMatch& m : matches) {
      const Document& d = documents_[m.doc];
      Candidate c{m.doc, m.score, d.remote, std::nullopt, FailedFilters(d, query)};
      if (around_commune && d.point) c.distance_km = core::DistanceKm(*place.point, *d.point);
      candidates.push_back(c);
    }

    // 3. Place, widening the radius around a commune until something is near.
    double radius = std::clamp(query.radius_km, 0.0, kMaxRadiusKm);
    result.radius_km = around_commune ? radius : 0;
    auto near = [&](const Candidate& c) {
      if (c.remote) return true;  // remote courses are never dropped by the place
      const Document& d = documents_[c.doc];
      switch (place.kind) {
        case core::PlaceKind::kFrance: return true;
        case core::PlaceKind::kRegion: return d.region_code == place.code;
        case core::PlaceKind::kDepartment: return d.department_code == place.code;
        case core::PlaceKind::kCommune: return c.distance_km && *c.distance_km <= radius + 1e-9;
      }
      return false;
    };
    auto count_nearby = [&] {
      int n = 0;
      for (const Candidate& c : candidates)
        if (!c.remote && c.failed == 0 && near(c)) ++n;
      return n;
    };
    int nearby = count_nearby();
    if (around_commune && query.widen_radius && nearby == 0) {
      for (double step : kWideningSteps) {
        if (step <= radius) continue;
        radius = step;
        nearby = count_nearby();
        if (nearby > 0) break;
      }
      result.radius_widened = radius != result.radius_km;
      result.radius_km = radius;
    }
    std::erase_if(candidates, [&](const Candidate& c) { return !near(c); });

    // 4. Facets: each counts what its own filter does not exclude.
    CountFacets(candidates, result);

    // 5. Order: nearby first, then remote; within each, by the sort asked.
    std::vector<Hit> hits;
    for (const Candidate& c : candidates) {
      if (c.failed != 0) continue;
      (c.remote ? result.remote_total : result.nearby_total)++;
      core::Date from = std::max(query.today, query.starts_after.value_or(query.today));
      const Document& d = documents_[c.doc];
      Hit hit;
      hit.doc = c.doc;
      hit.course_id = d.course_id;
      hit.commune_code = d.commune_code;
      hit.remote = d.remote;
      hit.score = c.score;
      hit.distance_km = c.distance_km;
      hit.next_start = d.NextStart(from);
      hits.push_back(std::move(hit));
    }
    result.total = result.nearby_total + result.remote_total;
    Sort(hits, result.sort);
    size_t first = static_cast<size_t>(std::max(0, query.page - 1)) * query.per_page;
    if (first < hits.size()) {
      size_t last = std::min(hits.size(), first + static_cast<size_t>(query.per_page));
      result.hits.assign(hits.begin() + first, hits.begin() + last);
    }
    return result;
  }

 private:
  uint32_t FailedFilters(const Document& d, const SearchQuery& q) const {
    uint32_t failed = 0;
    if (!q.families.empty() && !Contains(q.families, d.family_id)) failed |= kFamily;
    if (!q.professions.empty() &&
        std::none_of(d.profession_ids.begin(), d.profession_ids.end(),
                     [&](const std::string& p) { return Contains(q.professions, p); }))
      failed |= kProfession;
    if (!q.modes.empty() && !Contains(q.modes, d.mode)) failed |= kMode;
    // Region and department are place filters: remote courses pass them.
    if (!d.remote && !q.regions.empty() && !Contains(q.regions, d.region_code)) failed |= kRegion;
    if (!d.remote && !q.departments.empty() && !Contains(q.departments, d.department_code))
      failed |= kDepartment;
    if (!q.levels.empty() && !Contains(q.levels, d.certification_level)) failed |= kLevel;
    if (q.max_duration_weeks && d.duration_weeks > *q.max_duration_weeks) failed |= kDuration;
    if (q.starts_after && !d.NextStart(std::max(q.today, *q.starts_after))) failed |= kStart;
    return failed;
  }

  void CountFacets(const std::vector<Candidate>& candidates, SearchResult& result) const {
    std::map<std::string, int> family, profession, mode, region, department, level;
    std::array<int, kDurationMonths.size()> duration{};
    for (const Candidate& c : candidates) {
      const Document& d = documents_[c.doc];
      auto passes_except = [&](uint32_t own) { return (c.failed & ~own) == 0; };
      if (passes_except(kFamily)) ++family[d.family_id];
      if (passes_except(kProfession))
        for (const std::string& p : d.profession_ids) ++profession[p];
      if (passes_except(kMode)) ++mode[std::string(core::ToString(d.mode))];
      if (!d.remote && passes_except(kRegion)) ++region[d.region_code];
      if (!d.remote && passes_except(kDepartment)) ++department[d.department_code];
      if (passes_except(kLevel)) ++level[std::to_string(d.certification_level)];
      if (passes_except(kDuration))
        for (size_t i = 0; i < kDurationMonths.size(); ++i)
          if (d.duration_weeks <= WeeksForMonths(kDurationMonths[i])) ++duration[i];
    }
    auto store = [&](const char* name, const std::map<std::string, int>& counts) {
      std::vector<FacetCount>& out = result.facets[name];
      for (const auto& [value, count] : counts) out.push_back({value, count});
      std::stable_sort(out.begin(), out.end(), [](const FacetCount& a, const FacetCount& b) {
        return a.count > b.count;
      });
    };
    store("family", family);
    store("profession", profession);
    store("mode", mode);
    store("region", region);
    store("department", department);
    store("level", level);
    std::vector<FacetCount>& months = result.facets["max_months"];
    for (size_t i = 0; i < kDurationMonths.size(); ++i)
      months.push_back({std::to_string(kDurationMonths[i]), duration[i]});
  }

  void Sort(std::vector<Hit>& hits, SortOrder sort) const {
    constexpr double kFar = 1e9;
    auto start_key = [](const Hit& h) {
      return h.next_start ? h.next_start->DaysSinceEpoch() : INT64_MAX;
    };
    std::sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
      const Document& da = documents_[a.doc];
      const Document& db = documents_[b.doc];
      if (da.remote != db.remote) return !da.remote;
      double dist_a = a.distance_km.value_or(kFar), dist_b = b.distance_km.value_or(kFar);
      switch (sort) {
        case SortOrder::kRelevance:  // text relevance, then next start, then distance
          if (a.score != b.score) return a.score > b.score;
          if (start_key(a) != start_key(b)) return start_key(a) < start_key(b);
          if (dist_a != dist_b) return dist_a < dist_b;
          break;
        case SortOrder::kDistance:
          if (dist_a != dist_b) return dist_a < dist_b;
          if (start_key(a) != start_key(b)) return start_key(a) < start_key(b);
          if (a.score != b.score) return a.score > b.score;
          break;
        case SortOrder::kStart:
          if (start_key(a) != start_key(b)) return start_key(a) < start_key(b);
          if (a.score != b.score) return a.score > b.score;
          if (dist_a != dist_b) return dist_a < dist_b;
          break;
      }
      if (da.course_id != db.course_id) return da.course_id < db.course_id;
      return da.commune_code < db.commune_code;
    });
  }

  std::vector<Document> documents_;
  TextIndex text_;
};

}  // namespace

std::unique_ptr<SearchEngine> MakeMemoryEngine(std::vector<Document> documents) {
  return std::make_unique<MemoryEngine>(std::move(documents));
}

}  // namespace tremplin::search
