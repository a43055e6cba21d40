// What the public pages and the API need to answer searches: the current catalogue snapshot,
// the place directory, the taxonomy and the clock (injectable so tests can fix "today").
#pragma once

#include <functional>

#include "core/date.h"
#include "core/place.h"
#include "core/taxonomy.h"
#include "search/catalogue.h"

namespace tremplin::search {

struct Services {
  const CatalogueHolder& catalogue;
  const core::PlaceDirectory& places;
  const core::Taxonomy& taxonomy;
  std::function<core::Date()> today = [] { return core::Date::Today(); };
  bool demo = false;       // the catalogue is generated demo data: pages say so
  bool theme_css = false;  // the operator's theme provides /assets/css/theme.css
};

}  // namespace tremplin::search
