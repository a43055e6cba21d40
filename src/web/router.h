// Routes requests to handlers by method and path pattern, with captures, HEAD, 404, 405
// and a safety net for handlers that throw.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/request.h"
#include "web/response.h"

namespace tremplin::web {

// Handlers run on the server's threads, several at once: they must be thread-safe.
using Handler = std::function<Response(const Request&)>;
// Called when a handler throws; `message` is the exception's what() (English, for logs).
using ErrorHandler = std::function<Response(const Request&, std::string_view message)>;
// Called before the handler of a matched route with the route's method and pattern: a response
// stops the request there (authorization), nullopt lets the handler run.
using Guard = std::function<std::optional<Response>(const Request&, std::string_view method,
                                                    std::string_view pattern)>;

// Patterns are paths made of segments, each either exact ("formations") or a capture of one
// non-empty segment ("{id}"); the last segment may be "{name...}", which captures the rest of
// the path (one or more segments, slashes included), e.g. "/assets/{file...}".
// Matching is exact: "/formations" and "/formations/" are different paths (register both, or
// redirect, as the application prefers). When several patterns match, the one with an exact
// segment at the first place where they differ wins ("/formations/new" beats
// "/formations/{id}"), then a one-segment capture beats a rest capture.
//
// Registration is not thread-safe and happens before serving; Dispatch is const and may run
// on many threads at once. An invalid pattern (not starting with '/', empty or unbalanced
// capture, "{x...}" not last) or a duplicate (method, pattern) throws std::invalid_argument.
class Router {
 public:
  Router();

  void Get(std::string_view pattern, Handler handler);
  void Post(std::string_view pattern, Handler handler);
  void Add(std::string_view method, std::string_view pattern, Handler handler);

  // Answers paths no route knows. Default: 404 "Page introuvable." in plain text.
  void SetNotFound(Handler handler);
  // Runs `guard` before every route's handler (HEAD runs GET's guard).
  void SetGuard(Guard guard);

  // Every registered route, as (method, pattern), in registration order.
  std::vector<std::pair<std::string, std::string>> Routes() const;

  // Answers when a handler throws (after the router logs the exception with spdlog).
  // Default: 500 "Erreur interne du serveur." in plain text.
  void SetErrorHandler(ErrorHandler handler);

  // Finds the route for `req`, fills req.path_params and runs its handler.
  // HEAD runs the GET handler and keeps its body (the server sends the headers only, with the
  // length a GET would get). A path known for other methods only gets 405 with an Allow
  // header. A handler that throws gets the error handler's response.
  Response Dispatch(Request& req) const;

 private:
  struct Segment {
    enum Kind { kExact, kCapture, kRest } kind;
    std::string text;  // the exact text or the capture name
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<Segment> segments;
    Handler handler;
  };

  // The best route matching `path` for `method` (nullptr if none); collects captures.
  const Route* Match(std::string_view method, const std::vector<std::string_view>& segments,
                     KeyValues* captures) const;
  Response Run(const Route& route, Request& req) const;

  std::vector<Route> routes_;
  Guard guard_;
  Handler not_found_;
  ErrorHandler on_error_;
};

}  // namespace tremplin::web
