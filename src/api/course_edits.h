// PATCH /api/v1/courses/{id}: a machine client (an organisation's information system, a
// script of GEN staff) edits a course's texts and label state, authenticated by the API token
// of the configuration. The change is stored, logged in the change feed, and visible in this
// node's search before the answer; other nodes pick it up from the feed. (Accounts with roles,
// and the back office built on them, come with their own routes.)
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "search/services.h"
#include "store/connection_pool.h"
#include "web/router.h"

namespace tremplin::api {

struct CourseEditing {
  store::ConnectionPool& pool;
  // The bearer token clients must send; empty: editing through the API is disabled.
  std::string token;
  // Returns once the served catalogue includes change number `version` (or gives up).
  std::function<void(int64_t version)> await_applied;
};

// The editable fields; a body with any other field is refused.
inline constexpr int kMaxTitleCharacters = 200;
inline constexpr int kMaxTextCharacters = 20000;

// Adds PATCH /api/v1/courses/{id}. `services` and `editing` must outlive the router.
void RegisterCourseEditRoutes(web::Router& router, const search::Services& services,
                              const CourseEditing& editing);

}  // namespace tremplin::api
