// The application `tremplin serve` runs, assembled from the configuration: the reference data,
// the catalogue and the follower that keeps it current, the mail sender, the database pool and
// the router holding every page, API call, guard and rate limit. Serve() puts it behind the HTTP
// server; the HTTP fuzz target hands raw requests to the same router.
#pragma once

#include <memory>

#include "app/config.h"
#include "web/router.h"
#include "web/server.h"

namespace tremplin::app {

class Application {
 public:
  // Loads everything and starts the follower and mail threads (stopped on destruction).
  // Returns nullptr, after logging why, when the geography or the catalogue cannot be loaded
  // or a route has no entry in auth/route_access.h.
  static std::unique_ptr<Application> Open(const Config& config);
  ~Application();
  Application(const Application&) = delete;
  Application& operator=(const Application&) = delete;

  const web::Router& router() const;
  // Address, port, threads, security headers and the request observer (metrics, access log).
  const web::ServerOptions& server_options() const;
  // The port the server bound: links in mails use it when [site] public_url is not set.
  void SetBoundPort(int port);

 private:
  struct Parts;
  explicit Application(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace tremplin::app
