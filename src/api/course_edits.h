// PATCH /api/v1/courses/{id}: a machine client (an organisation's information system, a
// script of GEN staff) edits a course's texts and label state, authenticated by the API token
// of the configuration. The change is stored, logged in the change feed, and visible in this
// node's search before the answer; other nodes pick it up from the feed. (Accounts with roles,
// and the back office built on them, come with their own routes.)
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <string>

#include "search/services.h"
#include "store/connection_pool.h"
#include "web/router.h"

namespace tremplin::api {

struct CourseEditing {
  store::ConnectionPool& pool;
  // Returns once the served catalogue includes change number `version` (or gives up).
  std::function<void(int64_t version)> await_applied;
};

// The answer to a request without the API token `token` (403 "api_editing_disabled" when no
// token is configured, 401 "api_token_invalid" with a Bearer challenge when it is missing or
// wrong), or nullopt when the request carries it. Used by the access guard for every route
// that needs the token.
std::optional<web::Response> RefuseWithoutApiToken(const web::Request& req, std::string_view token);

// Adds PATCH /api/v1/courses/{id}. `services` and `editing` must outlive the router.
void RegisterCourseEditRoutes(web::Router& router, const search::Services& services,
                              const CourseEditing& editing);

}  // namespace tremplin::api
