// A search request as the engine understands it (already validated and with the place
// resolved), and what the engine answers: one page of hits, the counts and the facets.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/course.h"
#include "core/date.h"
#include "core/place.h"
#include "search/document.h"

namespace tremplin::search {

enum class SortOrder { kRelevance, kDistance, kStart };
std::string_view ToString(SortOrder sort);  // "relevance", "distance", "start"
std::optional<SortOrder> ParseSortOrder(std::string_view text);

inline constexpr double kDefaultRadiusKm = 30;
inline constexpr double kMaxRadiusKm = 200;  // also the widest the engine widens to
inline constexpr int kMaxPerPage = 100;

struct SearchQuery {
  std::string text;       // free text; empty means every course
  core::Place place;      // all of France by default
  double radius_km = kDefaultRadiusKm;  // around a commune
  bool widen_radius = true;  // when nothing is near, widen step by step (and say so)
  // Filters: OR within a filter, AND across filters. Empty means no filter.
  std::vector<std::string> families;
  std::vector<std::string> professions;
  std::vector<core::DeliveryMode> modes;
  std::vector<std::string> regions;
  std::vector<std::string> departments;
  std::vector<int> levels;  // certification level, 0 = no certification
  std::optional<int> max_duration_weeks;
  std::optional<core::Date> starts_after;  // has a session starting on or after this date
  SortOrder sort = SortOrder::kRelevance;
  int page = 1;  // 1-based
  int per_page = 20;
  core::Date today;  // sessions before today are past
  bool explain = false;  // fill Hit::explanation
};

// Why a result ranks where it does: the ranking criteria, in the order they are compared.
struct Explanation {
  struct TermMatch {
    std::string query_word;    // as analysed ("developpeur")
    std::string matched_word;  // the indexed word it reached ("developpeurs"); empty if none
    std::string kind;          // "exact", "stem", "prefix", "typo"
    int typos = 0;
    std::string field;         // "professions", "title", "organisation", "body"
  };
  int words_matched = 0;
  int words_in_query = 0;
  int typos = 0;
  int proximity = 0;      // 0: words side by side in the title or professions; larger: apart
  int field_weight = 0;   // sum over matched words of the best field's weight
  int exact_words = 0;    // words matched as typed (no stem, prefix or typo)
  std::vector<TermMatch> terms;
};

struct Hit {
  DocId doc = 0;          // the document's position when the engine was built (or its new id)
  int64_t course_id = 0;
  std::string commune_code;  // empty for a remote course
  bool remote = false;
  double score = 0;                     // text relevance summary (for display); 0 without text
  std::optional<double> distance_km;    // from the place searched, when it is a commune
  std::optional<core::Date> next_start; // first session on or after max(today, starts_after)
  std::optional<Explanation> explanation;  // with SearchQuery::explain
};

struct FacetCount {
  std::string value;  // family id, profession id, mode, region or department code, level
  int count = 0;
};

// Facet names: "family", "profession", "mode", "region", "department", "level", and
// "max_months" (cumulative counts for 3, 6, 12 and 24 months).
struct SearchResult {
  int total = 0;         // nearby_total + remote_total
  int nearby_total = 0;  // courses at a place matching the query's place
  int remote_total = 0;  // remote courses, never dropped by the place, shown apart
  // The requested page of the combined list: nearby results first, then remote ones.
  std::vector<Hit> hits;
  std::map<std::string, std::vector<FacetCount>> facets;
  double radius_km = 0;  // radius actually used (commune places only)
  bool radius_widened = false;
  SortOrder sort = SortOrder::kRelevance;  // sort applied (distance needs a commune)
};

}  // namespace tremplin::search
