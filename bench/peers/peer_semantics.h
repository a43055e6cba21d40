// What a search means (DESIGN §6, search/query.h), in the pieces every peer engine applies the
// same way whatever its query language: the filters a query sets and the facet each feeds, the
// duration thresholds, the radius steps, the date sessions count from, the page, the words; and
// how to check that a peer means the same as Tremplin on filter-only queries.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/geo_point.h"
#include "core/place.h"
#include "core/random.h"
#include "peers/peer_engine.h"
#include "search/query.h"

namespace tremplin::bench {

// Radii tried in turn when nothing is found around a commune (the last one is kMaxRadiusKm).
inline constexpr std::array<double, 8> kWideningSteps = {10, 20, 30, 50, 75, 100, 150, 200};
// Thresholds of the cumulative "max_months" facet.
inline constexpr std::array<int, 4> kDurationMonths = {3, 6, 12, 24};
// A document counts as within a radius up to this much beyond it (rounding of distances).
inline constexpr double kRadiusToleranceKm = 1e-9;

// Longest duration in weeks of a course lasting at most `months` months: floor(months·52/12).
int WeeksForMonths(int months);

// The filters of a query: OR within one, AND across them. Region and department never exclude
// a remote document.
enum class Filter { kFamily, kProfession, kMode, kRegion, kDepartment, kLevel, kDuration, kStart };
inline constexpr std::array<Filter, 8> kAllFilters = {
    Filter::kFamily,     Filter::kProfession, Filter::kMode,     Filter::kRegion,
    Filter::kDepartment, Filter::kLevel,      Filter::kDuration, Filter::kStart};

// True when `query` sets `filter`.
bool HasFilter(const search::SearchQuery& query, Filter filter);

// The facets, each counting the documents that pass every filter but its own: "family",
// "profession", "mode", "region", "department", "level" count per value (only values met,
// remote documents left out of "region" and "department"); "max_months" counts, for each of
// kDurationMonths, the documents lasting at most WeeksForMonths(months) weeks (every threshold
// listed, zeros included). The start filter has no facet.
struct Facet {
  std::string_view name;
  Filter own;
};
inline constexpr std::array<Facet, 7> kFacets = {{{"family", Filter::kFamily},
                                                  {"profession", Filter::kProfession},
                                                  {"mode", Filter::kMode},
                                                  {"region", Filter::kRegion},
                                                  {"department", Filter::kDepartment},
                                                  {"level", Filter::kLevel},
                                                  {"max_months", Filter::kDuration}}};

// A query reduced to what an engine has to do.
struct QueryPlan {
  // Folded (text::Fold), split by text::Words (elisions dropped), without text::IsStopWord
  // words; empty = no text.
  std::vector<std::string> words;
  bool prefix_last = true;  // the last word also matches as a prefix (typed live)
  // The place: around a commune (a point and a radius), in a department or a region, or all
  // of France. Remote documents are never dropped by it.
  core::PlaceKind place_kind = core::PlaceKind::kFrance;
  std::string place_code;                // region or department code
  std::optional<core::GeoPoint> center;  // commune with a point: the radius applies around it
  double radius_km = 0;                  // clamped to [0, kMaxRadiusKm]
  bool widen = false;                    // widen through kWideningSteps when nothing is near
  search::SortOrder sort = search::SortOrder::kRelevance;  // distance needs a center
  core::Date sessions_from;  // sessions count from max(today, starts_after)
  int offset = 0;            // first result of the page, 0-based
  int limit = 0;             // page size
};

// How results are ordered: nearby before remote, then the keys of the sort asked, then course id
// and commune code. Score is compared descending (higher first; 0 without text), distance from
// the center ascending (documents without a point last), next start ascending (documents
// without a session on or after sessions_from last).
enum class SortKey { kScore, kDistance, kStart };
std::array<SortKey, 3> SortKeys(search::SortOrder sort);

// Reduces `query`. A commune place without a point keeps only remote documents (nothing is
// near it), as in Tremplin.
QueryPlan MakePlan(const search::SearchQuery& query);

// The radius to widen to once nothing near passed the query within `radius_km`: the first of
// kWideningSteps beyond it for which `any_nearby(step)` holds (is any document that passes the
// query, not remote, within `step`?), else the widest step tried, else `radius_km` when no step
// lies beyond it. Asks for the steps in order and stops at the first that holds.
double WidenedRadius(double radius_km, const std::function<bool(double)>& any_nearby);

// A latitude/longitude rectangle holding every point within `km` of `center` (a prefilter for
// geographic indexes; the exact test is core::DistanceKm). Spans every longitude near a pole or
// the antimeridian.
struct LatLonBox {
  double min_lat, max_lat, min_lon, max_lon;
};
LatLonBox BoxAround(core::GeoPoint center, double km);

// Tremplin's own answer in the peers' form, to compare them.
PeerResult ToPeerResult(const search::SearchResult& result);

// Every facet name with no value, so that an engine's answer lists each facet even when empty,
// and "max_months" with each threshold at zero.
std::map<std::string, std::map<std::string, int>> EmptyFacets();

// Checking a peer against Tremplin's reference engine (search::MakeMemoryEngine): a small
// random corpus over an invented geography that exercises every rule (remote documents with and
// without a point, communes without a point, courses at several places, past and future
// sessions, a far overseas region for the widening), and random filter-only queries over it.
struct PeerCorpus {
  core::Geography geography;
  std::vector<search::Document> documents;
  core::Date today;
};
PeerCorpus RandomCorpus(uint64_t seed, size_t documents);
// Documents on two rings around `center`: at 72 bearings, just inside `radius_km` (by a
// millionth) and just outside it, to check that a geographic index keeps every point within the
// radius, wherever it lies around the center.
PeerCorpus RingCorpus(core::GeoPoint center, double radius_km);

// A query without text: random place (France, region, department, commune with a radius, with
// or without widening), each filter with a chance of about one in five (sometimes with values no
// document has), random sort and page.
search::SearchQuery RandomFilterQuery(core::Random& random, const PeerCorpus& corpus);

// A query in one line, to say which one failed: "text='' place=commune:75001 radius=30 …".
std::string DescribeQuery(const search::SearchQuery& query);

// What differs between two answers (counts, radius, facets, page), in one line per
// difference; empty when they are the same.
std::string DescribeDifference(const PeerResult& expected, const PeerResult& actual);

}  // namespace tremplin::bench
