#include "web/response.h"

#include <algorithm>

#include "web/request.h"

namespace tremplin::web {
namespace {

Response WithType(int status, std::string body, std::string_view content_type) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.headers.emplace_back("Content-Type", content_type);
  return response;
}

}  // namespace

Response Response::Html(int status, std::string body) {
  return WithType(status, std::move(body), "text/html; charset=utf-8");
}

Response Response::Json(int status, std::string body) {
  return WithType(status, std::move(body), "application/json; charset=utf-8");
}

Response Response::Text(int status, std::string body) {
  return WithType(status, std::move(body), "text/plain; charset=utf-8");
}

Response Response::Redirect(std::string location, int status) {
  Response response;
  response.status = status;
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

void Response::SetHeader(std::string_view name, std::string_view value) {
  std::erase_if(headers,
                [name](const auto& header) { return EqualsIgnoreCase(header.first, name); });
  headers.emplace_back(name, value);
}

void Response::AddHeader(std::string_view name, std::string_view value) {
  headers.emplace_back(name, value);
}

std::string_view Response::Header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (EqualsIgnoreCase(key, name)) return value;
  return {};
}

}  // namespace tremplin::web
