// The parameters of a search URL (results page and GET /api/v1/courses), as arbitrary key/value
// lists, through ParseSearchParams and, when they make a valid query, a search of a small
// catalogue. Input: one parameter per line, "key=value" (a line without '=' is a key alone).
#include <cstddef>
#include <cstdint>

#include "core/taxonomy.h"
#include "fuzz_support.h"
#include "search/search_params.h"

using namespace tremplin;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  search::Parameters params;
  for (std::string& line : fuzz::Fields(fuzz::AsText(data, size), 64)) {
    size_t equals = line.find('=');
    if (equals == std::string::npos) {
      params.emplace_back(std::move(line), "");
    } else {
      params.emplace_back(line.substr(0, equals), line.substr(equals + 1));
    }
  }
  search::SearchParams parsed = search::ParseSearchParams(
      params, fuzz::SmallPlaces(), core::GenTaxonomy(), fuzz::FuzzToday(), {"lang", "where_label"});
  // The pages and the API search only a query without errors.
  if (parsed.errors.empty()) {
    search::SearchResult result = fuzz::SmallCatalogue().Search(parsed.query);
    if (result.total != result.nearby_total + result.remote_total) __builtin_trap();
    if (static_cast<int>(result.hits.size()) > parsed.query.per_page) __builtin_trap();
  }
  return 0;
}
