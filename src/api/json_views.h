// The JSON shapes of API v1 (documented in openapi.yaml): search results, a course in full,
// places and errors. Labels are in the language asked.
#pragma once

#include <boost/json.hpp>
#include <vector>

#include "core/course.h"
#include "core/messages.h"
#include "core/place.h"
#include "core/result.h"
#include "search/catalogue.h"
#include "search/query.h"
#include "search/search_params.h"

namespace tremplin::api {

// GET /api/v1/courses: counts, the page of results, facets, the place understood, the radius.
boost::json::object SearchResultJson(const search::SearchParams& params,
                                     const search::SearchResult& result,
                                     const search::Catalogue& catalogue, core::Lang lang);

// GET /api/v1/courses/{id}: every field of the course, its organisation and sessions.
boost::json::object CourseJson(const core::Course& course, const search::Catalogue& catalogue,
                               core::Date today, core::Lang lang);

// GET /api/v1/places: the autocomplete suggestions.
boost::json::object PlacesJson(const std::vector<core::PlaceSuggestion>& suggestions,
                               core::Lang lang);

// {"error": {"code", "message", "field"}, "errors": [every problem]}.
boost::json::object ErrorJson(const std::vector<core::Error>& errors, core::Lang lang);

}  // namespace tremplin::api
