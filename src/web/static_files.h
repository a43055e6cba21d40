// Serves static files (the design system's CSS, JS, icons…) from memory, with strong ETags
// and caching headers; an optional directory on disk can override them (for theming and
// development).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "web/request.h"
#include "web/response.h"

namespace tremplin::web {

struct StaticFilesOptions {
  // URL prefix under which the override directory is mirrored, e.g. "/assets/".
  std::string url_prefix = "/assets/";
  // If not empty, "<override_dir>/css/x.css" is served at "/assets/css/x.css" in preference
  // to the in-memory file (read at each request, so edits show at once).
  std::string override_dir;
  std::string cache_control = "public, max-age=3600";
  // Text files in gzip to clients that accept it (web/compression.h).
  bool gzip = true;
};

class StaticFiles {
 public:
  explicit StaticFiles(StaticFilesOptions options = {});

  // Serves `content` at `url_path` (e.g. "/assets/css/tremplin.css"); replaces any previous
  // file at that path. The Content-Type comes from the extension.
  void Add(std::string url_path, std::string content);

  // The response for req.path (GET or HEAD; other methods get nullopt): 200 with the file,
  // Content-Type, ETag and Cache-Control, or 304 when If-None-Match matches the ETag. Text
  // files go in gzip to clients that accept it, under their own ETag (web/compression.h).
  // nullopt when there is no such file, so the caller can answer its own 404. Paths with
  // "..", "." or empty segments, backslashes or NUL never reach the disk.
  std::optional<Response> Serve(const Request& req) const;

  // "text/css; charset=utf-8" for "x.css"…; "application/octet-stream" when unknown.
  static std::string_view ContentType(std::string_view path);
  // Strong ETag of `content`, quotes included (e.g. "\"5d41402abc4b2a76-1f\"").
  static std::string ETag(std::string_view content);

 private:
  struct File {
    std::string content;
    std::string content_type;
    std::string etag;
    std::string gzip;  // the content in gzip, for the files Add keeps that are worth it
  };

  // Static files are compressed once, so the smallest form is worth its time.
  static constexpr int kStaticCompressionLevel = 9;
  static bool WorthCompressing(const File& file);

  std::optional<File> ReadOverride(std::string_view url_path) const;
  Response Make(const Request& req, const File& file) const;

  StaticFilesOptions options_;
  std::unordered_map<std::string, File> files_;
};

}  // namespace tremplin::web
