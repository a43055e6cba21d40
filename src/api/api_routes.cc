#include "api/api_routes.h"

#include <charconv>

#include "api/json_views.h"
#include "core/embedded_files.h"
#include "core/labels.h"
#include "search/search_params.h"
#include "text/utf8.h"
#include "web/language.h"

namespace tremplin::api {
using core::ErrorCode;
using core::MakeError;

namespace {

constexpr size_t kDefaultPlaceSuggestions = 8;
constexpr size_t kMaxPlaceSuggestions = 20;

web::Response JsonResponse(int status, std::string body) {
  return web::Response::Json(status, std::move(body));
}

web::Response SearchCourses(const web::Request& req, const search::Services& services) {
  core::Lang lang = web::RequestLang(req);
  auto catalogue = services.catalogue.Get();
  search::SearchParams params = search::ParseSearchParams(
      req.query, services.places, services.taxonomy, services.today(), {"lang"});
  for (const std::string& name : params.unknown) {
    std::string shown = name.substr(0, 64);
    params.errors.push_back(MakeError(ErrorCode::kInvalidArgument, "unknown_parameter", shown)
                                .With("name", shown));
  }
  if (!params.errors.empty()) return ErrorResponse(params.errors, lang);
  search::SearchResult result = catalogue->Search(params.query);
  return JsonResponse(200, SearchResultJson(params, result, *catalogue, lang));
}

web::Response GetCourse(const web::Request& req, const search::Services& services) {
  core::Lang lang = web::RequestLang(req);
  if (auto errors = UnknownParameters(req, {"lang"}); !errors.empty())
    return ErrorResponse(errors, lang);
  core::Result<int64_t> id = ParseCourseId(req.PathParam("id"));
  if (!id.ok()) return ErrorResponse({id.error()}, lang);
  auto catalogue = services.catalogue.Get();
  const core::Course* course = catalogue->FindCourse(*id);
  if (course && !course->IsPublished()) course = nullptr;  // a draft or an archived course
  if (!course) {
    return ErrorResponse(
        {MakeError(ErrorCode::kNotFound, "course_not_found", "id").With("id", std::to_string(*id))},
        lang);
  }
  return JsonResponse(200, CourseJson(*course, *catalogue, services.today(), lang));
}

web::Response SuggestPlaces(const web::Request& req, const search::Services& services) {
  core::Lang lang = web::RequestLang(req);
  if (auto errors = UnknownParameters(req, {"q", "limit", "lang"}); !errors.empty())
    return ErrorResponse(errors, lang);
  std::string_view q = req.Param("q");
  if (!text::IsValidUtf8(q))
    return ErrorResponse({MakeError(ErrorCode::kInvalidArgument, "invalid_utf8", "q")}, lang);
  if (text::CharacterCount(q) > search::kMaxQueryCharacters) {
    return ErrorResponse({MakeError(ErrorCode::kInvalidArgument, "query_too_long", "q")
                              .With("max", std::to_string(search::kMaxQueryCharacters))},
                         lang);
  }
  size_t limit = kDefaultPlaceSuggestions;
  if (std::string_view l = req.Param("limit"); !l.empty()) {
    auto [end, ec] = std::from_chars(l.data(), l.data() + l.size(), limit);
    if (ec != std::errc() || end != l.data() + l.size() || limit < 1 ||
        limit > kMaxPlaceSuggestions) {
      return ErrorResponse({MakeError(ErrorCode::kInvalidArgument, "limit_out_of_range", "limit")
                                .With("max", std::to_string(kMaxPlaceSuggestions))},
                           lang);
    }
  }
  return JsonResponse(200, PlacesJson(services.places.Suggest(q, limit), lang));
}

web::Response GetTaxonomy(const web::Request& req, const search::Services& services) {
  core::Lang lang = web::RequestLang(req);
  if (auto errors = UnknownParameters(req, {"lang"}); !errors.empty())
    return ErrorResponse(errors, lang);
  return JsonResponse(200, TaxonomyJson(services.taxonomy, lang));
}

}  // namespace

std::vector<core::Error> UnknownParameters(const web::Request& req,
                                           std::initializer_list<std::string_view> known) {
  std::vector<core::Error> errors;
  for (const auto& [name, value] : req.query) {
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    std::string shown = text::IsValidUtf8(name) ? name.substr(0, 64) : "?";
    errors.push_back(MakeError(ErrorCode::kInvalidArgument, "unknown_parameter", shown)
                         .With("name", shown));
  }
  return errors;
}

core::Result<int64_t> ParseCourseId(std::string_view text) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return MakeError(ErrorCode::kInvalidArgument, "course_id_invalid", "id")
        .With("value", text::IsValidUtf8(text) ? std::string(text.substr(0, 32)) : "?");
  }
  return id;
}

web::Response ErrorResponse(const std::vector<core::Error>& errors, core::Lang lang) {
  int status = errors.empty() ? 500 : core::HttpStatus(errors.front().code);
  return JsonResponse(status, ErrorJson(errors, lang));
}

void RegisterApiRoutes(web::Router& router, const search::Services& services) {
  router.Get("/api/v1/courses",
             [&services](const web::Request& req) { return SearchCourses(req, services); });
  router.Get("/api/v1/courses/{id}",
             [&services](const web::Request& req) { return GetCourse(req, services); });
  router.Get("/api/v1/places",
             [&services](const web::Request& req) { return SuggestPlaces(req, services); });
  router.Get("/api/v1/taxonomy",
             [&services](const web::Request& req) { return GetTaxonomy(req, services); });
  router.Get("/api/v1/openapi.yaml", [](const web::Request&) {
    web::Response r;
    r.body = std::string(core::FindEmbeddedFile("src/api/openapi.yaml").value_or(""));
    r.SetHeader("Content-Type", "application/yaml; charset=utf-8");
    return r;
  });
}

}  // namespace tremplin::api
