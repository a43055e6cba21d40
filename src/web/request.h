// An HTTP request as handlers see it: method, decoded path and query, headers, body, and the
// captures of the route that matched. No Beast types here.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/url_encoding.h"

namespace tremplin::web {

struct Request {
  std::string method;          // "GET", "HEAD", "POST"… as sent (methods are case-sensitive)
  std::string path;            // percent-decoded path, e.g. "/formations/12"
  std::string target;          // raw request target, e.g. "/recherche?q=d%C3%A9v"
  KeyValues query;             // decoded query parameters, in order, '+' as space
  KeyValues headers;           // as received, names in their original case
  std::string body;            // raw body (decode forms with DecodeUrlEncoded)
  std::string remote_address;  // peer IP address, e.g. "127.0.0.1" or "::1"
  KeyValues path_params;       // captures of the matched route, filled by Router::Dispatch
  std::string route;           // the matched route's pattern ("/formations/{id}"), "" if none

  // Value of the first header called `name` (case-insensitive), or "" when absent.
  std::string_view Header(std::string_view name) const;
  // First value of query parameter `name`, or "" when absent.
  std::string_view Param(std::string_view name) const;
  // Every value of query parameter `name`, in order (e.g. repeated checkboxes).
  std::vector<std::string_view> Params(std::string_view name) const;
  // Whether query parameter `name` is present (even with an empty value).
  bool Has(std::string_view name) const;
  // Capture `name` of the matched route ("id" for "/formations/{id}"), or "" when absent.
  std::string_view PathParam(std::string_view name) const;
};

// ASCII case-insensitive equality, for header names.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace tremplin::web
