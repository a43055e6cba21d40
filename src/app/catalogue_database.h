// The configured database opened and migrated, with the number of courses it holds: where
// the commands that fill a catalogue (seed, bench generate) start. Failures are logged.
#pragma once

#include <cstdint>
#include <optional>

#include "app/config.h"
#include "store/database.h"

namespace tremplin::app {

struct CatalogueDatabase {
  store::Database db;
  int64_t courses = 0;
};

std::optional<CatalogueDatabase> OpenCatalogueDatabase(const Config& config);

}  // namespace tremplin::app
