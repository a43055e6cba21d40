// The fixed mixed query set of the search benchmark: at least 1,000 queries written as URL
// parameters — what GET /api/v1/courses takes — so that one deterministic set drives the
// engine in process, the peer engines and HTTP load tests alike.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/geography.h"
#include "core/random.h"
#include "core/taxonomy.h"
#include "search/search_params.h"

namespace tremplin::search {

struct BenchQuery {
  std::string kind;          // what it exercises: one of kBenchQueryKinds
  Parameters params;         // e.g. {{"q","developpeur"},{"where","59350"},{"radius_km","30"}}
  bool filter_only = false;  // no free text: every engine must find exactly the same courses
};

struct BenchQueryKind {
  std::string_view name;
  int percent;  // share of the set; the shares add up to 100
};

// The kinds of the set and their shares (method in docs/performance.md):
//   text            1–3 words from the taxonomy (names, synonyms) and common course words, accents
//                   as written or dropped; any place level; 0–1 filter
//   text_typo       the same with one typo (deletion, insertion, substitution or swap of two
//                   neighbours, never on the first letter) in a word of 5 letters or more
//   commune_radius  no text; a commune by INSEE code, postcode or name, radius 10–100 km or the
//                   default; 0–2 filters; sorted by relevance, distance or start
//   department      no text; dep:NN; 0–2 filters
//   region          no text; reg:NN; 0–2 filters
//   filters         no text; 1–3 filters; any place level
//   broad           no text, no place, no filter: all of France
//   sort_distance   around a commune, sort=distance; text in 40 %
//   sort_start      sort=start; any place level; text in 40 %
//   deep_page       page 5–50, mostly broad places; text in 25 %
// Filters are family, profession, mode, level, max_months, starts_after and region, some with two
// values (OR). About 60 % of the queries have no text (BenchQuery::filter_only).
inline constexpr BenchQueryKind kBenchQueryKinds[] = {
    {"text", 22},    {"text_typo", 12}, {"commune_radius", 12}, {"department", 8}, {"region", 6},
    {"filters", 14}, {"broad", 6},      {"sort_distance", 6},   {"sort_start", 6}, {"deep_page", 8},
};

// `count` queries (≥ 1,000 for the benchmark), the same for the same arguments; each kind has
// its share of `count` exactly (largest remainders), in a shuffled order. Places are drawn from
// `commune_codes` (communes where the corpus has courses, known to `geography`; half of the
// draws weighted by population) and their departments and regions; a commune is written by name
// only when that name designates it (core::PlaceDirectory), else by postcode or INSEE code.
// starts_after dates fall within 300 days after `today` (the corpus's). Every query parses
// without error with ParseSearchParams over the same geography and taxonomy. Empty when
// `commune_codes` holds no commune of `geography`.
std::vector<BenchQuery> MakeBenchQueries(uint64_t seed, core::Date today, size_t count,
                                         const core::Taxonomy& taxonomy,
                                         const core::Geography& geography,
                                         const std::vector<std::string>& commune_codes);

// `word` (lower case, at least 5 characters, UTF-8) with one typo a person makes: a character
// deleted, inserted, substituted or swapped with its neighbour, never the first one. Words of
// fewer than 5 characters come back unchanged.
std::string WithTypo(std::string_view word, core::Random& rng);

// "q=d%C3%A9veloppeur+web&where=59350": the parameters as a URL query string
// (application/x-www-form-urlencoded: unreserved characters as they are, space as '+').
std::string ToQueryString(const Parameters& params);

}  // namespace tremplin::search
