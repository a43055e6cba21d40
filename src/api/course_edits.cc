#include "api/course_edits.h"

#include <boost/json.hpp>

#include <string_view>
#include <utility>

#include "api/api_routes.h"
#include "api/json_views.h"
#include "auth/tokens.h"
#include "core/course_texts.h"
#include "store/catalogue_store.h"
#include "web/language.h"
#include "web/request.h"

namespace tremplin::api {
using core::ErrorCode;
using core::MakeError;

namespace {

// Who the audit log says made an edit through the API token.
constexpr std::string_view kApiActor = "api-token";

// The edit the body asks for, with every problem found in it.
struct CourseEdit {
  std::vector<std::pair<core::CourseText, std::string>> texts;
  std::optional<core::LabelState> label_state;
  std::vector<core::Error> errors;

  void ApplyTo(core::Course& course) const {
    for (const auto& [field, value] : texts) course.*field = value;
    if (label_state) course.label_state = *label_state;
  }
};

// Whether the media type of a Content-Type header is application/json (parameters such as
// "; charset=utf-8" allowed).
bool IsJson(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (type.ends_with(' ')) type.remove_suffix(1);
  return web::EqualsIgnoreCase(type, "application/json");
}

CourseEdit ParseEdit(const web::Request& req) {
  CourseEdit edit;
  if (!IsJson(req.Header("Content-Type"))) {
    edit.errors.push_back(MakeError(ErrorCode::kInvalidArgument, "api_json_expected"));
    return edit;
  }
  boost::system::error_code ec;
  boost::json::value body = boost::json::parse(req.body, ec);  // rejects invalid UTF-8 too
  if (ec || !body.is_object()) {
    edit.errors.push_back(MakeError(ErrorCode::kInvalidArgument, "api_json_invalid"));
    return edit;
  }
  if (body.as_object().empty())
    edit.errors.push_back(MakeError(ErrorCode::kInvalidArgument, "api_edit_empty"));
  for (const auto& [key, value] : body.as_object()) {
    std::string name(key.substr(0, 64));
    if (name == "label_state") {
      std::optional<core::LabelState> state;
      if (value.is_string()) state = core::ParseLabelState(value.as_string());
      if (!state)
        edit.errors.push_back(MakeError(ErrorCode::kInvalidArgument, "label_state_invalid", name));
      edit.label_state = state;
      continue;
    }
    core::CourseText member = core::FindCourseText(key);
    if (!member) {
      edit.errors.push_back(
          MakeError(ErrorCode::kInvalidArgument, "api_field_unknown", name).With("name", name));
      continue;
    }
    if (!value.is_string()) {
      edit.errors.push_back(
          MakeError(ErrorCode::kInvalidArgument, "api_field_not_text", name).With("name", name));
      continue;
    }
    core::Result<std::string> text = core::CheckCourseText(name, value.as_string());
    if (text.ok()) edit.texts.emplace_back(member, std::move(*text));
    else edit.errors.push_back(text.error());
  }
  return edit;
}

web::Response EditCourse(const web::Request& req, const search::Services& services,
                         const CourseEditing& editing) {
  core::Lang lang = web::RequestLang(req);
  // The API token was checked by the access guard (RefuseWithoutApiToken).
  if (auto errors = UnknownParameters(req, {"lang"}); !errors.empty()) return ErrorResponse(errors, lang);
  core::Result<int64_t> id = ParseCourseId(req.PathParam("id"));
  if (!id.ok()) return ErrorResponse({id.error()}, lang);
  CourseEdit edit = ParseEdit(req);
  if (!edit.errors.empty()) return ErrorResponse(edit.errors, lang);

  core::Result<store::ConnectionPool::Lease> db = editing.pool.Acquire();
  if (!db.ok()) return ErrorResponse({db.error()}, lang);
  core::Course stored;
  core::Result<int64_t> version = store::EditCourse(**db, *id, kApiActor, [&](core::Course& course) -> core::Status {
    edit.ApplyTo(course);
    stored = course;
    return core::Ok{};
  });
  if (!version.ok()) {
    core::Error error = version.error();
    if (error.id == "course_not_found") error.field = "id";
    return ErrorResponse({error}, lang);
  }
  // The answer shows the course as stored; waiting first means that this node's next search
  // agrees with it.
  editing.await_applied(*version);
  web::Response response =
      web::Response::Json(200, CourseJson(stored, *services.catalogue.Get(), services.today(), lang));
  response.SetHeader("X-Catalogue-Version", std::to_string(*version));
  return response;
}

}  // namespace

std::optional<web::Response> RefuseWithoutApiToken(const web::Request& req, std::string_view token) {
  std::optional<core::Error> refused;
  std::string_view header = req.Header("Authorization");
  constexpr std::string_view kBearer = "bearer ";  // the scheme's name is case-insensitive
  if (token.empty()) {
    refused = MakeError(ErrorCode::kForbidden, "api_editing_disabled");
  } else if (header.size() < kBearer.size() ||
             !web::EqualsIgnoreCase(header.substr(0, kBearer.size()), kBearer) ||
             !auth::SameToken(header.substr(kBearer.size()), token)) {
    refused = MakeError(ErrorCode::kUnauthorized, "api_token_invalid");
  }
  if (!refused) return std::nullopt;
  web::Response response = ErrorResponse({*refused}, web::RequestLang(req));
  if (refused->code == ErrorCode::kUnauthorized)
    response.SetHeader("WWW-Authenticate", "Bearer realm=\"tremplin\"");
  return response;
}

void RegisterCourseEditRoutes(web::Router& router, const search::Services& services,
                              const CourseEditing& editing) {
  router.Add("PATCH", "/api/v1/courses/{id}", [&services, &editing](const web::Request& req) {
    return EditCourse(req, services, editing);
  });
}

}  // namespace tremplin::api
