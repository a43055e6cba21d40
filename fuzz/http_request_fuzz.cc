// Raw HTTP/1.1 bytes through the request handling: Beast's request parser with the server's
// limits, the server's checks and conversion to a web::Request (src/web/server.cc, Session),
// then the Router holding every route of the access table (auth/route_access.h). Each route's
// handler reads the request as the real handlers do — language, cookies, client address, form
// body, numeric ids, search parameters and a search, place suggestions — and /assets/ is the
// real StaticFiles with the embedded assets and a theme folder: a file beside that folder must
// never be served. Several pipelined requests in one input are handled in turn.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <unistd.h>

#include "auth/route_access.h"
#include "core/embedded_files.h"
#include "core/taxonomy.h"
#include "core/text_rules.h"
#include "fuzz_support.h"
#include "search/search_params.h"
#include "text/utf8.h"
#include "web/cookies.h"
#include "web/language.h"
#include "web/router.h"
#include "web/server.h"
#include "web/static_files.h"
#include "web/url_encoding.h"

using namespace tremplin;
namespace http = boost::beast::http;

namespace {

constexpr std::string_view kSecret = "outside the theme folder";

web::Response ReadLikeAHandler(const web::Request& req, std::string_view pattern) {
  core::Lang lang = web::RequestLang(req);
  std::string_view session = web::CookieValue(req, "tremplin_session");
  std::string_view csrf = web::CookieValue(req, "tremplin_login_csrf");
  std::string client = web::ClientAddress(req, {"127.0.0.1", "::1"});
  bool https = web::OverHttps(req);
  for (const auto& [name, value] : req.path_params) core::ParsePositiveId(value);

  if (req.method == "POST") {
    core::Result<web::KeyValues> form = web::DecodeUrlEncoded(req.body);
    if (form.ok()) {
      for (const auto& [name, value] : *form) {
        if (text::IsValidUtf8(value)) core::Trimmed(value);
      }
    }
  }
  if (pattern == "/formations" || pattern == "/api/v1/courses") {
    search::SearchParams params = search::ParseSearchParams(
        req.query, fuzz::SmallPlaces(), core::GenTaxonomy(), fuzz::FuzzToday(), {"lang"});
    if (params.errors.empty()) fuzz::SmallCatalogue().Search(params.query);
  }
  if (pattern == "/api/v1/places") {
    std::string_view q = req.Param("q");
    if (text::IsValidUtf8(q) && text::CharacterCount(q) <= search::kMaxQueryCharacters) {
      fuzz::SmallPlaces().Suggest(q, 10);
    }
  }
  web::Response response = web::Response::Text(200, std::string(pattern));
  response.AddHeader("Set-Cookie", web::SetCookie("tremplin_session", session, {.secure = https}));
  response.AddHeader("X-Seen", std::string(csrf) + client + (lang == core::Lang::kEn ? "en" : "fr"));
  return response;
}

struct Handling {
  std::filesystem::path base;  // removed when the run ends
  std::filesystem::path theme_dir;
  std::unique_ptr<web::StaticFiles> assets;
  web::Router router;

  Handling() {
    base = std::filesystem::temp_directory_path() / ("tremplin-fuzz-" + std::to_string(getpid()));
    theme_dir = base / "theme";
    std::filesystem::create_directories(theme_dir / "css");
    std::ofstream(theme_dir / "css" / "theme.css") << "body{}";
    std::ofstream(base / "secret.css") << kSecret;
    assets = std::make_unique<web::StaticFiles>(
        web::StaticFilesOptions{.url_prefix = "/assets/", .override_dir = theme_dir.string()});
    for (const core::EmbeddedFile& file : core::EmbeddedFiles()) {
      if (file.path.starts_with("assets/")) {
        assets->Add("/" + std::string(file.path), std::string(file.data));
      }
    }
    for (const auth::RouteAccess& route : auth::kRouteAccess) {
      std::string pattern(route.pattern);
      if (pattern == "/assets/{file...}") {
        router.Get(pattern, [this](const web::Request& req) {
          std::optional<web::Response> served = assets->Serve(req);
          if (served && served->body.find(kSecret) != std::string::npos) __builtin_trap();
          return served ? *served : web::Response::Text(404, "");
        });
        continue;
      }
      router.Add(route.method, pattern, [pattern](const web::Request& req) {
        return ReadLikeAHandler(req, pattern);
      });
    }
  }
  ~Handling() {
    std::error_code ignored;
    std::filesystem::remove_all(base, ignored);
  }
};

std::string_view Sv(boost::beast::string_view s) { return std::string_view(s.data(), s.size()); }

// One request from the front of `bytes` as the server reads it; false when the server would
// answer 400 (or wait for more) and close. `used` is what the request took.
bool HandleOne(const Handling& handling, std::string_view bytes, size_t* used) {
  http::request_parser<http::string_body> parser;
  web::ServerOptions limits;
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(limits.max_body_bytes);
  parser.eager(true);
  boost::beast::error_code ec;
  *used = 0;
  while (!ec && !parser.is_done() && *used < bytes.size()) {
    size_t n = parser.put(boost::asio::buffer(bytes.data() + *used, bytes.size() - *used), ec);
    if (ec == http::error::need_more) ec = {};
    if (n == 0) break;
    *used += n;
  }
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return false;
  if (parser.get().count(http::field::transfer_encoding) > 0 && !parser.chunked()) return false;

  http::request<http::string_body>& msg = parser.get();
  std::string_view target = Sv(msg.target());
  core::Result<web::Target> parsed = web::ParseTarget(target);
  if (!parsed.ok()) return false;
  web::Request req;
  req.method.assign(Sv(msg.method_string()));
  req.target.assign(target);
  req.path = std::move(parsed->path);
  req.query = std::move(parsed->query);
  for (const auto& field : msg) req.headers.emplace_back(Sv(field.name_string()), Sv(field.value()));
  req.body = std::move(msg.body());
  req.remote_address = "127.0.0.1";
  web::Response res = handling.router.Dispatch(req);
  if (res.status < 100 || res.status > 599) __builtin_trap();
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Handling handling;
  std::string_view bytes = fuzz::AsText(data, size);
  for (int request = 0; request < 4 && !bytes.empty(); ++request) {
    size_t used = 0;
    if (!HandleOne(handling, bytes, &used) || used == 0) break;
    bytes.remove_prefix(used);
  }
  return 0;
}
