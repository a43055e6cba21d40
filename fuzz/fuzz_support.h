// What the fuzz targets share: a small geography shaped like the real one (the unit tests' kind),
// a small demo catalogue over it, a fixed "today", and a way to cut an input into fields.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/geography.h"
#include "core/place.h"
#include "search/catalogue.h"

namespace tremplin::fuzz {

// Built once, on first use, and kept for the whole run.
const core::Geography& SmallGeography();
const core::PlaceDirectory& SmallPlaces();
// A few dozen sessions of the demo catalogue over SmallGeography, with the GEN taxonomy.
const search::Catalogue& SmallCatalogue();

// A fixed day, so that a crash found on one day replays on the next.
core::Date FuzzToday();

std::string_view AsText(const uint8_t* data, size_t size);

// `text` cut at each '\n' (the form the seed corpora use: one field per line), at most
// `max_fields` pieces; the last piece keeps the rest, newlines included.
std::vector<std::string> Fields(std::string_view text, size_t max_fields);

}  // namespace tremplin::fuzz
