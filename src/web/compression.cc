#include "web/compression.h"

#include <zlib.h>

#include <cctype>
#include <charconv>
#include <stdexcept>

namespace tremplin::web {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The quality of one Accept-Encoding element ("gzip;q=0.5"): 1 without q, 0 when q is 0 or
// cannot be read.
double Quality(std::string_view parameters) {
  while (!parameters.empty()) {
    size_t semicolon = parameters.find(';');
    std::string_view parameter = Trim(parameters.substr(0, semicolon));
    parameters = semicolon == std::string_view::npos ? "" : parameters.substr(semicolon + 1);
    if (parameter.size() < 2 || std::tolower(static_cast<unsigned char>(parameter[0])) != 'q' ||
        Trim(parameter.substr(1)).empty() || Trim(parameter.substr(1)).front() != '=')
      continue;
    std::string_view value = Trim(Trim(parameter.substr(1)).substr(1));
    double q = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), q);
    return ec == std::errc() && end == value.data() + value.size() ? q : 0;
  }
  return 1;
}

}  // namespace

bool AcceptsGzip(std::string_view accept_encoding) {
  bool gzip = false, star = false, gzip_refused = false;
  while (!accept_encoding.empty()) {
    size_t comma = accept_encoding.find(',');
    std::string_view element = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? "" : accept_encoding.substr(comma + 1);
    size_t semicolon = element.find(';');
    std::string_view coding = Trim(element.substr(0, semicolon));
    double q = semicolon == std::string_view::npos ? 1 : Quality(element.substr(semicolon + 1));
    if (EqualsIgnoreCase(coding, "gzip") || EqualsIgnoreCase(coding, "x-gzip")) {
      gzip = gzip || q > 0;
      gzip_refused = gzip_refused || q <= 0;
    } else if (coding == "*") {
      star = q > 0;
    }
  }
  return gzip || (star && !gzip_refused);
}

bool IsCompressible(std::string_view content_type) {
  std::string_view type = Trim(content_type.substr(0, content_type.find(';')));
  if (type.starts_with("text/")) return true;
  for (std::string_view t : {"application/json", "application/problem+json", "application/javascript",
                             "application/xml", "application/yaml", "application/manifest+json",
                             "image/svg+xml"})
    if (EqualsIgnoreCase(type, t)) return true;
  return false;
}

std::string Gzip(std::string_view data, int level) {
  z_stream stream{};
  // 15 + 16: the largest window, with gzip's header and trailer rather than zlib's.
  if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib: deflateInit2 failed");
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int status = deflate(&stream, Z_FINISH);
  size_t written = stream.total_out;
  deflateEnd(&stream);
  if (status != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
  out.resize(written);
  return out;
}

std::string GzipETag(std::string_view etag) {
  if (etag.size() >= 2 && etag.back() == '"') return std::string(etag.substr(0, etag.size() - 1)) + "-gzip\"";
  return std::string(etag);
}

void CompressForClient(const Request& req, Response& res, int level) {
  if (res.body.size() < kMinCompressedBytes || !res.Header("Content-Encoding").empty() ||
      !IsCompressible(res.Header("Content-Type")))
    return;
  std::string_view vary = res.Header("Vary");
  if (vary.empty()) res.SetHeader("Vary", "Accept-Encoding");
  else if (vary.find("Accept-Encoding") == std::string_view::npos) res.SetHeader("Vary", std::string(vary) + ", Accept-Encoding");
  if (!AcceptsGzip(req.Header("Accept-Encoding"))) return;
  try {
    res.body = Gzip(res.body, level);
  } catch (const std::runtime_error&) {
    return;  // zlib could not start (no memory, a level out of range): the plain body will do
  }
  res.SetHeader("Content-Encoding", "gzip");
  if (std::string_view etag = res.Header("ETag"); !etag.empty()) res.SetHeader("ETag", GzipETag(etag));
}

}  // namespace tremplin::web
