// The JSON shapes of API v1 (documented in openapi.yaml): search results, a course in full,
// places, the taxonomy and errors. Labels are in the language asked.
#pragma once

#include <string>
#include <vector>

#include "core/course.h"
#include "core/messages.h"
#include "core/place.h"
#include "core/result.h"
#include "core/taxonomy.h"
#include "search/catalogue.h"
#include "search/query.h"
#include "search/search_params.h"

namespace tremplin::api {

// GET /api/v1/courses: counts, the page of results, facets, the place understood, the radius.
std::string SearchResultJson(const search::SearchParams& params, const search::SearchResult& result,
                             const search::Catalogue& catalogue, core::Lang lang);

// GET /api/v1/courses/{id}: every field of the course, its organisation and sessions.
std::string CourseJson(const core::Course& course, const search::Catalogue& catalogue,
                       core::Date today, core::Lang lang);

// GET /api/v1/places: the autocomplete suggestions.
std::string PlacesJson(const std::vector<core::PlaceSuggestion>& suggestions, core::Lang lang);

// GET /api/v1/taxonomy: families with their professions.
std::string TaxonomyJson(const core::Taxonomy& taxonomy, core::Lang lang);

// {"error": {"code", "message", "field"}, "errors": [every problem]}.
std::string ErrorJson(const std::vector<core::Error>& errors, core::Lang lang);

}  // namespace tremplin::api
