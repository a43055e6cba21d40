#include "app/catalogue_database.h"

#include <spdlog/spdlog.h>

#include "store/catalogue_store.h"
#include "store/migrations.h"

namespace tremplin::app {

std::optional<CatalogueDatabase> OpenCatalogueDatabase(const Config& config) {
  core::Result<store::Database> db = store::Database::Open(config.database);
  if (!db.ok()) {
    spdlog::error("cannot open the database: {}", core::ToLogString(db.error()));
    return std::nullopt;
  }
  core::Result<int> migrated = store::Migrate(*db);
  if (!migrated.ok()) {
    spdlog::error("cannot migrate the database: {}", core::ToLogString(migrated.error()));
    return std::nullopt;
  }
  core::Result<int64_t> count = store::CountCourses(*db);
  if (!count.ok()) {
    spdlog::error("cannot read the database: {}", core::ToLogString(count.error()));
    return std::nullopt;
  }
  return CatalogueDatabase{std::move(*db), *count};
}

}  // namespace tremplin::app
