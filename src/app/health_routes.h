// What operators and their tools ask a node: GET /healthz (the process answers), GET /readyz
// (it can serve: the database answers and the catalogue is loaded; 503 otherwise, so that a
// load balancer sends requests elsewhere) and GET /metrics (Prometheus text format: requests by
// route and status with their durations, search and database time, the catalogue's size and
// change number, build information).
#pragma once

#include <functional>

#include "app/request_observer.h"
#include "search/services.h"
#include "store/connection_pool.h"
#include "web/router.h"

namespace tremplin::app {

struct HealthSources {
  const search::Services& services;
  store::ConnectionPool& pool;
  const RequestObserver& requests;
  std::function<int64_t()> applied_change;  // the catalogue change number this node serves
};

// Adds the three routes. `sources` must outlive the router.
void RegisterHealthRoutes(web::Router& router, const HealthSources& sources);

}  // namespace tremplin::app
