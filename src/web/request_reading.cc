#include "web/request_reading.h"

#include <algorithm>
#include <boost/beast/http/error.hpp>
#include <cstdint>

namespace tremplin::web {
namespace {

namespace http = boost::beast::http;

std::string_view Sv(boost::beast::string_view s) { return std::string_view(s.data(), s.size()); }

}  // namespace

void LimitRequest(RequestParser& parser, const ServerOptions& options) {
  parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(options.max_header_bytes, UINT32_MAX)));
  parser.body_limit(options.max_body_bytes);
}

bool HasUnknowableLength(const RequestParser& parser) {
  return parser.get().count(http::field::transfer_encoding) > 0 && !parser.chunked();
}

int StatusForReadError(const boost::beast::error_code& ec) {
  if (ec == http::error::header_limit) return 431;
  if (ec == http::error::body_limit) return 413;
  // Anything else Beast's parser objects to is a malformed request; the end of the stream or
  // a message cut short means the client left.
  if (ec.category() == http::make_error_code(http::error::bad_target).category() &&
      ec != http::error::end_of_stream && ec != http::error::partial_message)
    return 400;
  return 0;
}

bool ReadRequest(http::request<http::string_body>& msg, Request* req) {
  std::string_view target = Sv(msg.target());
  core::Result<Target> parsed = ParseTarget(target);
  if (!parsed.ok()) return false;
  req->method.assign(Sv(msg.method_string()));
  req->target.assign(target);
  req->path = std::move(parsed->path);
  req->query = std::move(parsed->query);
  req->headers.clear();
  for (const auto& field : msg) req->headers.emplace_back(Sv(field.name_string()), Sv(field.value()));
  req->body = std::move(msg.body());
  req->path_params.clear();
  return true;
}

}  // namespace tremplin::web
