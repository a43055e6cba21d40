#include "web/static_files.h"

#include <fmt/format.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "web/compression.h"

namespace tremplin::web {
namespace {

// Whether `relative` ("css/site.css") is a plain relative path: no empty, "." or ".."
// segment, no backslash, no NUL. Only such paths are looked up on disk.
bool IsSafeRelativePath(std::string_view relative) {
  if (relative.empty()) return false;
  if (relative.find('\0') != std::string_view::npos) return false;
  if (relative.find('\\') != std::string_view::npos) return false;
  for (;;) {
    size_t slash = relative.find('/');
    std::string_view segment = relative.substr(0, slash);
    if (segment.empty() || segment == "." || segment == "..") return false;
    if (slash == std::string_view::npos) return true;
    relative.remove_prefix(slash + 1);
  }
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Whether the If-None-Match header value (a list of entity tags, or "*") matches `etag`,
// with the weak comparison RFC 9110 asks for.
bool NoneMatchHits(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view tag = Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
  }
  return false;
}

}  // namespace

StaticFiles::StaticFiles(StaticFilesOptions options) : options_(std::move(options)) {}

void StaticFiles::Add(std::string url_path, std::string content) {
  File file;
  file.content_type = std::string(ContentType(url_path));
  file.etag = ETag(content);
  file.content = std::move(content);
  if (options_.gzip && WorthCompressing(file)) file.gzip = Gzip(file.content, kStaticCompressionLevel);
  files_.insert_or_assign(std::move(url_path), std::move(file));
}

std::string_view StaticFiles::ContentType(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  std::string ext(name.substr(dot + 1));
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {"css", "text/css; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"html", "text/html; charset=utf-8"},
      {"txt", "text/plain; charset=utf-8"},
      {"json", "application/json; charset=utf-8"},
      {"webmanifest", "application/manifest+json; charset=utf-8"},
      {"xml", "application/xml; charset=utf-8"},
      {"svg", "image/svg+xml; charset=utf-8"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},
      {"woff", "font/woff"},
      {"pdf", "application/pdf"},
      {"csv", "text/csv; charset=utf-8"},
  };
  for (const auto& [known, type] : kTypes)
    if (ext == known) return type;
  return "application/octet-stream";
}

std::string StaticFiles::ETag(std::string_view content) {
  // FNV-1a: stable across runs and builds, so caches survive restarts; the length makes
  // accidental collisions rarer still.
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : content) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return fmt::format("\"{:016x}-{:x}\"", hash, content.size());
}

std::optional<StaticFiles::File> StaticFiles::ReadOverride(std::string_view url_path) const {
  if (options_.override_dir.empty() || !url_path.starts_with(options_.url_prefix)) {
    return std::nullopt;
  }
  std::string_view relative = url_path.substr(options_.url_prefix.size());
  if (!IsSafeRelativePath(relative)) return std::nullopt;
  std::filesystem::path path = std::filesystem::path(options_.override_dir) / relative;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  File file;
  file.content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  file.content_type = std::string(ContentType(url_path));
  file.etag = ETag(file.content);
  return file;
}

std::optional<Response> StaticFiles::Serve(const Request& req) const {
  if (req.method != "GET" && req.method != "HEAD") return std::nullopt;
  if (std::optional<File> file = ReadOverride(req.path)) return Make(req, *file);
  auto it = files_.find(req.path);
  if (it == files_.end()) return std::nullopt;
  return Make(req, it->second);
}

bool StaticFiles::WorthCompressing(const File& file) {
  return file.content.size() >= kMinCompressedBytes && IsCompressible(file.content_type);
}

Response StaticFiles::Make(const Request& req, const File& file) const {
  Response response;
  // The gzip form when the client takes it: made once by Add, at each request for an override.
  const bool compressible = options_.gzip && WorthCompressing(file);
  const bool gzip = compressible && AcceptsGzip(req.Header("Accept-Encoding"));
  const std::string etag = gzip ? GzipETag(file.etag) : file.etag;
  if (NoneMatchHits(req.Header("If-None-Match"), etag)) {
    response.status = 304;
  } else {
    response.headers.emplace_back("Content-Type", file.content_type);
    if (gzip) {
      response.body = file.gzip.empty() ? Gzip(file.content, kStaticCompressionLevel) : file.gzip;
      response.headers.emplace_back("Content-Encoding", "gzip");
    } else {
      response.body = file.content;
    }
  }
  if (compressible) response.headers.emplace_back("Vary", "Accept-Encoding");
  response.headers.emplace_back("ETag", etag);
  response.headers.emplace_back("Cache-Control", options_.cache_control);
  return response;
}

}  // namespace tremplin::web
