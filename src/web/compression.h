// gzip for the responses people download: HTML, CSS, JavaScript, JSON, SVG and other text
// shrink to a fifth or less, which matters on a phone's data plan. Applied by the server to
// every response (ServerOptions::compress) and ahead of time by StaticFiles for its files.
#pragma once

#include <string>
#include <string_view>

#include "web/request.h"
#include "web/response.h"

namespace tremplin::web {

// Bodies smaller than this are sent as they are: gzip's header and trailer would eat the gain.
inline constexpr size_t kMinCompressedBytes = 1024;

// Whether an Accept-Encoding header value accepts gzip ("gzip", "x-gzip" or "*", with a
// quality above 0).
bool AcceptsGzip(std::string_view accept_encoding);

// Whether a body of this Content-Type is text worth compressing (not images, fonts or archives,
// which are compressed already).
bool IsCompressible(std::string_view content_type);

// `data` in the gzip format (RFC 1952) at zlib's compression `level` (1 fastest … 9 smallest).
// Throws std::runtime_error when zlib fails (no memory, a level out of range).
std::string Gzip(std::string_view data, int level);

// The entity tag of the gzip form of a response whose tag is `etag` (a strong tag must differ
// between two encodings of a resource): "\"abc\"" gives "\"abc-gzip\"".
std::string GzipETag(std::string_view etag);

// Compresses `res` for `req` when the client accepts gzip, the body is compressible text of at
// least kMinCompressedBytes and not encoded yet: sets Content-Encoding and adapts the ETag
// (and leaves the body plain if zlib fails).
// Such responses also get "Vary: Accept-Encoding", compressed or not, so that caches keep both.
void CompressForClient(const Request& req, Response& res, int level);

}  // namespace tremplin::web
