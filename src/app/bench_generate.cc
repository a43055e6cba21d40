#include "app/bench_generate.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "app/catalogue_database.h"
#include "app/reference_data.h"
#include "core/demo_catalogue.h"
#include "core/taxonomy.h"
#include "search/query_set.h"
#include "store/catalogue_store.h"
#include "store/database.h"

namespace tremplin::app {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One "kind<TAB>query string" line per query; written beside, then renamed over `path`.
bool WriteQueries(const std::filesystem::path& path,
                  const std::vector<search::BenchQuery>& queries) {
  std::error_code ignored;  // a failure to create it shows as the write's own error
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ignored);
  std::filesystem::path temporary = path;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    for (const search::BenchQuery& q : queries)
      out << q.kind << '\t' << search::ToQueryString(q.params) << '\n';
    if (!out.flush()) return false;
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  return !error;
}

}  // namespace

int BenchGenerate(const Config& config, const BenchGenerateOptions& options) {
  if (options.sessions < 1) {
    spdlog::error("--sessions must be at least 1");
    return 2;
  }
  std::optional<CatalogueDatabase> opened = OpenCatalogueDatabase(config);
  if (!opened) return 1;
  store::Database& db = opened->db;
  const int64_t count = opened->courses;
  if (count > 0) {
    spdlog::error("the database already holds {} courses; generate only into an empty database",
                  count);
    return 1;
  }
  core::Result<core::Geography> geography = LoadReferenceGeography(config);
  if (!geography.ok()) {
    spdlog::error("cannot load the geography: {}", core::ToLogString(geography.error()));
    return 1;
  }

  auto started = std::chrono::steady_clock::now();
  core::DemoOptions demo = core::ScaledDemoOptions(options.sessions, options.seed, options.today);
  core::DemoCatalogue generated =
      core::GenerateDemoCatalogue(demo, core::GenTaxonomy(), *geography);
  size_t sessions = 0;
  std::vector<std::string> session_communes;
  for (const core::Course& c : generated.courses) {
    sessions += c.sessions.size();
    for (const core::Session& s : c.sessions)
      if (!s.commune_code.empty()) session_communes.push_back(s.commune_code);
  }
  std::sort(session_communes.begin(), session_communes.end());
  session_communes.erase(std::unique(session_communes.begin(), session_communes.end()),
                         session_communes.end());
  spdlog::info(
      "generated (seed {}, today {}): {} organisations, {} courses, {} sessions in {} communes in "
      "{:.1f} s",
      options.seed, options.today.ToIso(), generated.organisations.size(), generated.courses.size(),
      sessions, session_communes.size(), SecondsSince(started));

  if (!options.queries_file.empty()) {
    std::vector<search::BenchQuery> queries =
        search::MakeBenchQueries(options.seed, options.today, options.query_count,
                                 core::GenTaxonomy(), *geography, session_communes);
    if (!WriteQueries(options.queries_file, queries)) {
      spdlog::error("cannot write the queries to {}", options.queries_file);
      return 1;
    }
    spdlog::info("wrote {} queries to {}", queries.size(), options.queries_file);
  }

  started = std::chrono::steady_clock::now();
  store::Catalogue catalogue{std::move(generated.organisations), std::move(generated.courses)};
  core::Status saved = store::SaveCatalogue(db, catalogue, "cli:bench-generate");
  if (!saved.ok()) {
    spdlog::error("cannot save the catalogue: {}", core::ToLogString(saved.error()));
    return 1;
  }
  spdlog::info("stored into {} in {:.1f} s", db.name(), SecondsSince(started));
  return 0;
}

}  // namespace tremplin::app
