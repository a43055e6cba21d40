#include "app/health_routes.h"

#include <soci/soci.h>

#include <chrono>
#include <fstream>
#include <unistd.h>

#include "core/metrics.h"

namespace tremplin::app {
namespace {

const auto kStarted = std::chrono::steady_clock::now();

// Resident memory of this process in bytes (Linux), 0 when unknown.
long long ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  long long pages_total = 0, pages_resident = 0;
  if (!(statm >> pages_total >> pages_resident)) return 0;
  return pages_resident * sysconf(_SC_PAGESIZE);
}

void Gauge(std::string& out, const char* name, const char* help, long long value) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n" + name + " " +
         std::to_string(value) + "\n";
}

void HistogramFamily(std::string& out, const char* name, const char* help, const core::Histogram& h) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " histogram\n";
  core::AppendHistogram(out, name, "", h.Read());
}

web::Response Metrics(const HealthSources& sources) {
  auto catalogue = sources.services.catalogue.Get();
  std::string out;
  out += "# HELP tremplin_build_info The running version.\n# TYPE tremplin_build_info gauge\n";
  out += "tremplin_build_info{" + core::PrometheusLabel("version", TREMPLIN_VERSION) + "} 1\n";
  Gauge(out, "tremplin_uptime_seconds", "Seconds since the process started.",
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - kStarted).count());
  Gauge(out, "tremplin_resident_memory_bytes", "Resident memory of the process.", ResidentBytes());
  Gauge(out, "tremplin_catalogue_courses", "Courses in the catalogue this node serves.",
        static_cast<long long>(catalogue->courses().size()));
  Gauge(out, "tremplin_catalogue_organisations", "Organisations in the catalogue this node serves.",
        static_cast<long long>(catalogue->organisations().size()));
  Gauge(out, "tremplin_index_documents", "Documents in the search index (a course at a place).",
        static_cast<long long>(catalogue->engine().document_count()));
  Gauge(out, "tremplin_catalogue_change", "The catalogue change number this node has applied.",
        static_cast<long long>(sources.applied_change()));
  sources.requests.AppendMetrics(out);
  HistogramFamily(out, "tremplin_search_duration_seconds", "Time the search engine took per search.",
                  core::SearchSeconds());
  HistogramFamily(out, "tremplin_database_duration_seconds", "Time of each database transaction.",
                  core::DatabaseSeconds());
  web::Response response = web::Response::Text(200, out);
  response.SetHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

web::Response Ready(const HealthSources& sources) {
  core::Result<store::ConnectionPool::Lease> db = sources.pool.Acquire();
  core::Status reachable = db.ok() ? (**db).ReadTransaction([](soci::session& sql) -> core::Status {
    int one = 0;
    sql << "SELECT 1", soci::into(one);
    return core::Ok{};
  })
                                   : core::Status(db.error());
  const size_t courses = sources.services.catalogue.Get()->courses().size();
  web::Response response = reachable.ok()
      ? web::Response::Json(200, R"({"status":"ready","database":"ok","courses":)" + std::to_string(courses) + "}")
      : web::Response::Json(503, R"({"status":"not_ready","database":"unreachable"})");
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

void RegisterHealthRoutes(web::Router& router, const HealthSources& sources) {
  router.Get("/healthz", [](const web::Request&) { return web::Response::Json(200, R"({"status":"ok"})"); });
  router.Get("/readyz", [&sources](const web::Request&) { return Ready(sources); });
  router.Get("/metrics", [&sources](const web::Request&) { return Metrics(sources); });
}

}  // namespace tremplin::app
