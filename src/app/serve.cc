#include "app/serve.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>

#include "api/api_routes.h"
#include "api/course_edits.h"
#include "app/access_guard.h"
#include "app/catalogue_follower.h"
#include "app/health_routes.h"
#include "app/json_log.h"
#include "app/mail_sender.h"
#include "app/rate_limits.h"
#include "app/reference_data.h"
#include "app/request_observer.h"
#include "app/security_headers.h"
#include "app/user_admin.h"
#include "core/embedded_files.h"
#include "core/place.h"
#include "core/taxonomy.h"
#include "search/catalogue.h"
#include "search/services.h"
#include "site/account_pages.h"
#include "site/back_office.h"
#include "site/course_editor.h"
#include "site/error_pages.h"
#include "site/mail_pages.h"
#include "site/organisation_editor.h"
#include "site/password_pages.h"
#include "site/site_routes.h"
#include "site/user_pages.h"
#include "store/catalogue_store.h"
#include "store/connection_pool.h"
#include "store/database.h"
#include "store/migrations.h"
#include "web/language.h"
#include "web/server.h"
#include "web/static_files.h"

namespace tremplin::app {
namespace {

int Fail(const char* what, const core::Error& error) {
  spdlog::error("{}: {}", what, core::ToLogString(error));
  return 1;
}

bool IsApiPath(std::string_view path) { return path.starts_with("/api/"); }

// How long an edit's answer waits for this node's search to include it: normally a few
// milliseconds; when the database went away just after the commit, the answer goes anyway
// (the edit is stored) and the feed applies it once the database is back. The wait holds a
// server thread, hence a short bound.
constexpr std::chrono::seconds kAwaitAppliedFor(2);

// Opens the database, migrates it and reads the catalogue and, first, its change number
// (`*version`): a change made while loading is then applied again by the follower, never
// missed.
core::Result<store::Catalogue> MigrateAndLoad(const std::string& url, int64_t* version) {
  core::Result<store::Database> db = store::Database::Open(url);
  if (!db.ok()) return db.error();
  core::Result<int> migrated = store::Migrate(*db);
  if (!migrated.ok()) return migrated.error();
  if (*migrated > 0) spdlog::info("applied {} migration(s)", *migrated);
  core::Result<int64_t> at = store::CatalogueVersion(*db);
  if (!at.ok()) return at.error();
  *version = *at;
  return store::LoadCatalogue(*db);
}

}  // namespace

int Serve(const Config& config) {
  if (config.log_format == "json") UseJsonLogs();
  core::Result<core::Geography> geography = LoadReferenceGeography(config);
  if (!geography.ok()) return Fail("cannot load the geography", geography.error());
  const core::PlaceDirectory places(*geography);
  const core::Taxonomy& taxonomy = core::GenTaxonomy();

  // The start-up connection is closed once the catalogue is loaded: requests use the pool.
  int64_t version = 0;
  core::Result<store::Catalogue> loaded = MigrateAndLoad(config.database, &version);
  if (!loaded.ok()) return Fail("cannot load the catalogue", loaded.error());
  bool demo = false;
  for (const core::Organisation& o : loaded->organisations) demo = demo || o.is_demo;

  search::CatalogueHolder catalogue;
  catalogue.Set(std::make_shared<const search::Catalogue>(
      std::move(loaded->organisations), std::move(loaded->courses), taxonomy, *geography));
  spdlog::info("catalogue: {} courses, {} search documents{}, change {}",
               catalogue.Get()->courses().size(), catalogue.Get()->engine().document_count(),
               demo ? " (demo data)" : "", version);
  CatalogueFollower follower(config.database, catalogue, version);
  follower.Start();
  MailSender mail(config.database, SmtpFromConfig(config));
  mail.Start();
  search::Services services{catalogue, places, taxonomy};
  services.demo = demo;
  services.theme_css = !config.theme_dir.empty() &&
                       std::filesystem::exists(std::filesystem::path(config.theme_dir) / "css" / "theme.css");

  web::StaticFiles assets({.url_prefix = "/assets/", .override_dir = config.theme_dir});
  for (const core::EmbeddedFile& file : core::EmbeddedFiles())
    if (file.path.starts_with("assets/")) assets.Add("/" + std::string(file.path), std::string(file.data));

  web::ServerOptions options;
  options.address = config.address;
  options.port = static_cast<uint16_t>(config.port);
  options.threads = config.threads;
  options.default_headers = SecurityHeaders();
  store::ConnectionPool pool(config.database, web::WorkerThreads(options.threads));
  api::CourseEditing editing{pool, [&follower](int64_t applied) {
                               if (!follower.WaitUntilApplied(applied, kAwaitAppliedFor))
                                 spdlog::warn("catalogue feed: change {} stored but not yet applied here", applied);
                             }};

  // Without [site] public_url, links in mails point at this server (the port it got).
  if (!config.mail_url.empty() && config.public_url.empty())
    spdlog::warn("mail: [site] public_url is not set: the links mailed (invitations, password "
                 "resets) will point at this node's own address, http://{}:<port>; set it to the "
                 "address people reach the site at",
                 config.address);
  std::atomic<int> bound_port{config.port};
  auto public_url = [&]() -> std::string {
    if (!config.public_url.empty()) return config.public_url;
    return "http://" + config.address + ":" + std::to_string(bound_port.load());
  };
  site::AccountServices accounts{pool, auth::SessionPolicy{}, editing.await_applied,
                                 config.trusted_proxies, public_url};

  web::Router router;
  site::RegisterSiteRoutes(router, services);
  site::RegisterAccountRoutes(router, services, accounts);
  site::RegisterCourseEditorRoutes(router, services, accounts);
  site::RegisterUserRoutes(router, services, accounts);
  site::RegisterMailRoutes(router, services, accounts);
  site::RegisterPasswordRoutes(router, services, accounts, CommonPasswordFiles(config.npm_dir));
  site::RegisterOrganisationEditorRoutes(router, services, accounts);
  api::RegisterApiRoutes(router, services);
  api::RegisterCourseEditRoutes(router, services, editing);
  RequestObserver requests(config.log_access, config.log_format == "json");
  options.on_response = [&requests](const web::Request& req, web::Response& res, std::chrono::nanoseconds took) {
    requests.Observe(req, res, took);
  };
  HealthSources health{services, pool, requests, [&follower] { return follower.applied(); }};
  RegisterHealthRoutes(router, health);
  router.Get("/assets/{file...}", [&](const web::Request& req) {
    if (auto response = assets.Serve(req)) return *response;
    return site::NotFoundPage(req, services);
  });
  router.SetNotFound([&](const web::Request& req) {
    if (IsApiPath(req.path)) {
      return api::ErrorResponse(
          {core::MakeError(core::ErrorCode::kNotFound, "api_route_not_found")}, web::RequestLang(req));
    }
    return site::NotFoundPage(req, services);
  });
  router.SetErrorHandler([&](const web::Request& req, std::string_view) {
    if (IsApiPath(req.path)) {
      return api::ErrorResponse({core::MakeError(core::ErrorCode::kInternal, "internal")},
                                web::RequestLang(req));
    }
    return site::ServerErrorPage(req, services);
  });

  AccessContext access{accounts, config.api_token,
                       [&](const web::Request& req) { return site::ForbiddenPage(req, services); },
                       [&](const web::Request& req, const core::Error& error) {
                         return site::ProblemPage(req, services, error);
                       }};
  web::RateLimiter limiter({config.rate_limit_per_second, config.rate_limit_burst});
  router.SetGuard(WithRateLimits(MakeAccessGuard(access), {limiter, config.trusted_proxies, services}));
  if (auto missing = RoutesWithoutAccess(router); !missing.empty()) {
    for (const auto& [method, pattern] : missing)
      spdlog::error("route {} {} has no entry in auth/route_access.h", method, pattern);
    return 1;
  }
  web::Server server(options, router);
  core::Status started = server.Start();
  if (!started.ok()) return Fail("cannot listen", started.error());
  bound_port = server.port();
  server.StopOnSignals();
  spdlog::info("serving on http://{}:{}/", config.address, server.port());
  server.Wait();
  follower.Stop();
  mail.Stop();
  spdlog::info("stopped");
  return 0;
}

}  // namespace tremplin::app
