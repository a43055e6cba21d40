#include "app/application.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <filesystem>

#include "api/api_routes.h"
#include "api/course_edits.h"
#include "app/access_guard.h"
#include "app/catalogue_follower.h"
#include "app/health_routes.h"
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
#include "web/rate_limiter.h"
#include "web/static_files.h"

namespace tremplin::app {
namespace {

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

web::ServerOptions ServerOptionsFrom(const Config& config) {
  web::ServerOptions options;
  options.address = config.address;
  options.port = static_cast<uint16_t>(config.port);
  options.threads = config.threads;
  options.compression_level = config.compression_level;
  options.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  options.idle_timeout = std::chrono::seconds(config.idle_timeout_seconds);
  options.default_headers = SecurityHeaders();
  return options;
}

}  // namespace

// Members are declared in the order they depend on each other: most hold references to the
// ones above them.
struct Application::Parts {
  const Config config;
  const core::Geography geography;
  const core::PlaceDirectory places{geography};
  search::CatalogueHolder catalogue;
  CatalogueFollower follower;
  MailSender mail{config.database, SmtpFromConfig(config)};
  search::Services services{catalogue, places, core::GenTaxonomy()};
  web::StaticFiles assets{
      {.url_prefix = "/assets/", .override_dir = config.theme_dir, .gzip = config.compression_level > 0}};
  web::ServerOptions options = ServerOptionsFrom(config);
  store::ConnectionPool pool{config.database, static_cast<size_t>(web::WorkerThreads(options.threads))};
  api::CourseEditing editing{pool, [this](int64_t applied) {
                               if (!follower.WaitUntilApplied(applied, kAwaitAppliedFor))
                                 spdlog::warn("catalogue feed: change {} stored but not yet applied here",
                                              applied);
                             }};
  std::atomic<int> bound_port{config.port};
  site::AccountServices accounts{pool, auth::SessionPolicy{}, editing.await_applied,
                                 config.trusted_proxies, [this] { return PublicUrl(); }};
  RequestObserver requests{config.log_access, config.log_format == "json"};
  HealthSources health{services, pool, requests, [this] { return follower.applied(); }};
  AccessContext access{accounts, config.api_token,
                       [this](const web::Request& req) { return site::ForbiddenPage(req, services); },
                       [this](const web::Request& req, const core::Error& error) {
                         return site::ProblemPage(req, services, error);
                       }};
  web::RateLimiter limiter{{config.rate_limit_per_second, config.rate_limit_burst}};
  web::Router router;

  Parts(const Config& c, core::Geography g, store::Catalogue loaded, int64_t version, bool demo)
      : config(c), geography(std::move(g)), follower(config.database, catalogue, version) {
    catalogue.Set(std::make_shared<const search::Catalogue>(
        std::move(loaded.organisations), std::move(loaded.courses), services.taxonomy, geography));
    services.demo = demo;
    services.theme_css = !config.theme_dir.empty() &&
                         std::filesystem::exists(std::filesystem::path(config.theme_dir) / "css" / "theme.css");
    for (const core::EmbeddedFile& file : core::EmbeddedFiles())
      if (file.path.starts_with("assets/")) assets.Add("/" + std::string(file.path), std::string(file.data));
    options.on_response = [this](const web::Request& req, web::Response& res, std::chrono::nanoseconds took) {
      requests.Observe(req, res, took);
    };
    RegisterRoutes();
    follower.Start();
    mail.Start();
  }

  ~Parts() {
    follower.Stop();
    mail.Stop();
  }

  // Without [site] public_url, links in mails point at this server (the port it got).
  std::string PublicUrl() const {
    if (!config.public_url.empty()) return config.public_url;
    return "http://" + config.address + ":" + std::to_string(bound_port.load());
  }

  void RegisterRoutes() {
    site::RegisterSiteRoutes(router, services);
    site::RegisterAccountRoutes(router, services, accounts);
    site::RegisterCourseEditorRoutes(router, services, accounts);
    site::RegisterUserRoutes(router, services, accounts);
    site::RegisterMailRoutes(router, services, accounts);
    site::RegisterPasswordRoutes(router, services, accounts, CommonPasswordFiles(config.npm_dir));
    site::RegisterOrganisationEditorRoutes(router, services, accounts);
    api::RegisterApiRoutes(router, services);
    api::RegisterCourseEditRoutes(router, services, editing);
    RegisterHealthRoutes(router, health);
    router.Get("/assets/{file...}", [this](const web::Request& req) {
      if (auto response = assets.Serve(req)) return *response;
      return site::NotFoundPage(req, services);
    });
    router.SetNotFound([this](const web::Request& req) {
      if (IsApiPath(req.path)) {
        return api::ErrorResponse({core::MakeError(core::ErrorCode::kNotFound, "api_route_not_found")},
                                  web::RequestLang(req));
      }
      return site::NotFoundPage(req, services);
    });
    router.SetErrorHandler([this](const web::Request& req, std::string_view) {
      if (IsApiPath(req.path)) {
        return api::ErrorResponse({core::MakeError(core::ErrorCode::kInternal, "internal")},
                                  web::RequestLang(req));
      }
      return site::ServerErrorPage(req, services);
    });
    router.SetGuard(WithRateLimits(MakeAccessGuard(access), {limiter, config.trusted_proxies, services}));
  }
};

std::unique_ptr<Application> Application::Open(const Config& config) {
  core::Result<core::Geography> geography = LoadReferenceGeography(config);
  if (!geography.ok()) {
    spdlog::error("cannot load the geography: {}", core::ToLogString(geography.error()));
    return nullptr;
  }
  // The start-up connection is closed once the catalogue is loaded: requests use the pool.
  int64_t version = 0;
  core::Result<store::Catalogue> loaded = MigrateAndLoad(config.database, &version);
  if (!loaded.ok()) {
    spdlog::error("cannot load the catalogue: {}", core::ToLogString(loaded.error()));
    return nullptr;
  }
  bool demo = false;
  for (const core::Organisation& o : loaded->organisations) demo = demo || o.is_demo;

  auto parts = std::make_unique<Parts>(config, std::move(*geography), std::move(*loaded), version, demo);
  const search::Catalogue& served = *parts->catalogue.Get();
  spdlog::info("catalogue: {} courses, {} search documents{}, change {}", served.courses().size(),
               served.engine().document_count(), demo ? " (demo data)" : "", version);
  if (!config.mail_url.empty() && config.public_url.empty())
    spdlog::warn("mail: [site] public_url is not set: the links mailed (invitations, password "
                 "resets) will point at this node's own address, http://{}:<port>; set it to the "
                 "address people reach the site at",
                 config.address);
  if (auto missing = RoutesWithoutAccess(parts->router); !missing.empty()) {
    for (const auto& [method, pattern] : missing)
      spdlog::error("route {} {} has no entry in auth/route_access.h", method, pattern);
    return nullptr;
  }
  return std::unique_ptr<Application>(new Application(std::move(parts)));
}

Application::Application(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
Application::~Application() = default;

const web::Router& Application::router() const { return parts_->router; }
const web::ServerOptions& Application::server_options() const { return parts_->options; }
void Application::SetBoundPort(int port) { parts_->bound_port = port; }

}  // namespace tremplin::app
