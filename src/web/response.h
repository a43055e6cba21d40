// An HTTP response as handlers build it. The server adds Content-Length (from the body) and
// its default headers (X-Content-Type-Options: nosniff…) unless the response sets them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tremplin::web {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // "text/html; charset=utf-8".
  static Response Html(int status, std::string body);
  // "application/json; charset=utf-8".
  static Response Json(int status, std::string body);
  // "text/plain; charset=utf-8".
  static Response Text(int status, std::string body);
  // Redirect to `location` (303 See Other by default: after a POST, the browser GETs it).
  static Response Redirect(std::string location, int status = 303);

  // Replaces every header called `name` (case-insensitive) by one with `value`.
  void SetHeader(std::string_view name, std::string_view value);
  // Adds a header even if one with that name exists (e.g. several Set-Cookie).
  void AddHeader(std::string_view name, std::string_view value);
  // Value of the first header called `name` (case-insensitive), or "" when absent.
  std::string_view Header(std::string_view name) const;
};

}  // namespace tremplin::web
