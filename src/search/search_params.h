// Turns the parameters of a search URL (the same for the results page and GET /api/v1/courses)
// into a SearchQuery, collecting every problem with a message id a person can act on.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/place.h"
#include "core/result.h"
#include "core/taxonomy.h"
#include "search/query.h"

namespace tremplin::search {

using Parameters = std::vector<std::pair<std::string, std::string>>;

inline constexpr size_t kMaxQueryCharacters = 200;  // longer texts are not searches
inline constexpr int kMaxPage = 1000;
inline constexpr int kMaxMonths = 48;

struct SearchParams {
  SearchQuery query;
  // What the person typed, echoed back in the form even when it was wrong.
  std::string text;
  std::string where;
  // Every problem found, in parameter order (field = the parameter's name).
  std::vector<core::Error> errors;
  // Parameters we do not know (ignored by pages, refused by the API).
  std::vector<std::string> unknown;
  bool explicit_radius = false;
  std::optional<int> max_months;  // as asked (the query holds it in weeks)
};

// Parses `params`. Known parameters: q, where, radius_km, family, profession, mode, region,
// department, level, max_months, starts_after, sort, page, per_page, explain (1 or 0: say why
// each result ranks where it does); `extra_known` names more
// that the caller handles itself (e.g. "lang"). Repeated filters combine (OR); for the other
// parameters the first value counts. Never fails as a whole: see SearchParams::errors.
SearchParams ParseSearchParams(const Parameters& params, const core::PlaceDirectory& places,
                               const core::Taxonomy& taxonomy, core::Date today,
                               const std::vector<std::string>& extra_known = {});

}  // namespace tremplin::search
