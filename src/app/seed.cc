#include "app/seed.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "app/catalogue_database.h"
#include "app/reference_data.h"
#include "core/demo_catalogue.h"
#include "core/taxonomy.h"
#include "store/catalogue_store.h"
#include "store/database.h"

namespace tremplin::app {

int SeedDemo(const Config& config, const SeedOptions& options) {
  std::optional<CatalogueDatabase> opened = OpenCatalogueDatabase(config);
  if (!opened) return 1;
  store::Database& db = opened->db;
  const int64_t count = opened->courses;
  if (count > 0) {
    if (options.if_empty) {
      spdlog::info("the database already holds {} courses: not seeding", count);
      return 0;
    }
    spdlog::error("the database already holds {} courses; seed only an empty database", count);
    return 1;
  }
  core::Result<core::Geography> geography = LoadReferenceGeography(config);
  if (!geography.ok()) {
    spdlog::error("cannot load the geography: {}", core::ToLogString(geography.error()));
    return 1;
  }
  auto started = std::chrono::steady_clock::now();
  core::DemoOptions demo;
  demo.seed = options.seed;
  demo.today = options.today;
  core::DemoCatalogue generated =
      core::GenerateDemoCatalogue(demo, core::GenTaxonomy(), *geography);
  store::Catalogue catalogue{std::move(generated.organisations), std::move(generated.courses)};
  core::Status saved = store::SaveCatalogue(db, catalogue, "cli:seed");
  if (!saved.ok()) {
    spdlog::error("cannot save the demo catalogue: {}", core::ToLogString(saved.error()));
    return 1;
  }
  size_t sessions = 0;
  for (const core::Course& c : catalogue.courses) sessions += c.sessions.size();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - started).count();
  spdlog::info("demo catalogue (seed {}): {} organisations, {} courses, {} sessions in {} ms",
               options.seed, catalogue.organisations.size(), catalogue.courses.size(), sessions, ms);
  return 0;
}

}  // namespace tremplin::app
