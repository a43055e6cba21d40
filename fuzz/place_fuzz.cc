// Places as people type them (the search form's "where", the autocomplete, a session's commune):
// PlaceDirectory::Parse, Suggest and ResolveSessionCommune on a small geography. Input: the
// text; its first byte also chooses how many suggestions to ask for.
#include <cstddef>
#include <cstdint>

#include "core/place.h"
#include "core/session_rules.h"
#include "fuzz_support.h"

using namespace tremplin;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::AsText(data, size);
  const core::PlaceDirectory& places = fuzz::SmallPlaces();
  core::Result<core::Place> place = places.Parse(text);
  if (place.ok()) core::PlaceLabel(*place);
  size_t limit = size > 0 ? data[0] % 16 : 8;
  std::vector<core::PlaceSuggestion> suggestions = places.Suggest(text, limit);
  if (suggestions.size() > limit) __builtin_trap();
  core::NormalizePlaceName(text);
  core::Result<const core::Commune*> commune = core::ResolveSessionCommune(text, places);
  if (commune.ok() && *commune == nullptr) __builtin_trap();
  return 0;
}
