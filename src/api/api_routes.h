// JSON API v1: course search, one course, place autocomplete, the taxonomy. Documented in
// src/api/openapi.yaml (served at /api/v1/openapi.yaml).
#pragma once

#include <initializer_list>
#include <string_view>
#include <vector>

#include "core/messages.h"
#include "core/result.h"
#include "search/services.h"
#include "web/router.h"

namespace tremplin::api {

// Adds the /api/v1/… routes to `router`. `services` must outlive the router.
void RegisterApiRoutes(web::Router& router, const search::Services& services);

// Errors for query parameters a route does not know, so that typos ("raduis_km") are not
// ignored.
std::vector<core::Error> UnknownParameters(const web::Request& req,
                                           std::initializer_list<std::string_view> known);

// The course id of a URL path: a positive whole number, else "course_id_invalid" (field id).
core::Result<int64_t> ParseCourseId(std::string_view text);

// A JSON error response for `errors` (status from the first error's code).
web::Response ErrorResponse(const std::vector<core::Error>& errors, core::Lang lang);

}  // namespace tremplin::api
