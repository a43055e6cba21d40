#include "web/router.h"

#include "web/status_text.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>

namespace tremplin::web {
namespace {

// "/a/b/" → {"a", "b", ""}; "/" → {""}. `path` starts with '/'.
std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path[0] != '/') return out;
  path.remove_prefix(1);
  for (;;) {
    size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

Response DefaultNotFound(const Request&) { return Response::Text(404, StatusText(404)); }

Response DefaultError(const Request&, std::string_view) {
  return Response::Text(500, StatusText(500));
}

}  // namespace

Router::Router() : not_found_(DefaultNotFound), on_error_(DefaultError) {}

void Router::Get(std::string_view pattern, Handler handler) {
  Add("GET", pattern, std::move(handler));
}

void Router::Post(std::string_view pattern, Handler handler) {
  Add("POST", pattern, std::move(handler));
}

void Router::Add(std::string_view method, std::string_view pattern, Handler handler) {
  auto invalid = [&](std::string_view why) {
    return std::invalid_argument("route " + std::string(method) + " " + std::string(pattern) +
                                 ": " + std::string(why));
  };
  if (method.empty()) throw invalid("empty method");
  if (!handler) throw invalid("empty handler");
  if (pattern.empty() || pattern[0] != '/') throw invalid("the pattern must start with '/'");
  Route route{std::string(method), std::string(pattern), {}, std::move(handler)};
  std::vector<std::string_view> parts = Split(pattern);
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string_view part = parts[i];
    bool braces = part.find_first_of("{}") != std::string_view::npos;
    if (!braces) {
      route.segments.push_back({Segment::kExact, std::string(part)});
      continue;
    }
    if (part.size() < 3 || part.front() != '{' || part.back() != '}') {
      throw invalid("a capture must be a whole segment, like {id}");
    }
    std::string_view name = part.substr(1, part.size() - 2);
    Segment::Kind kind = Segment::kCapture;
    if (name.ends_with("...")) {
      if (i + 1 != parts.size()) throw invalid("{name...} must be the last segment");
      name.remove_suffix(3);
      kind = Segment::kRest;
    }
    if (name.empty() || name.find_first_of("{}/") != std::string_view::npos) {
      throw invalid("bad capture name");
    }
    route.segments.push_back({kind, std::string(name)});
  }
  for (const Route& other : routes_) {
    if (other.method != route.method || other.segments.size() != route.segments.size()) continue;
    bool same = true;
    for (size_t i = 0; i < route.segments.size() && same; ++i) {
      const Segment& a = route.segments[i];
      const Segment& b = other.segments[i];
      same = a.kind == b.kind && (a.kind != Segment::kExact || a.text == b.text);
    }
    if (same) throw invalid("duplicate of " + other.pattern);
  }
  routes_.push_back(std::move(route));
}

void Router::SetNotFound(Handler handler) { not_found_ = std::move(handler); }

void Router::SetErrorHandler(ErrorHandler handler) { on_error_ = std::move(handler); }

const Router::Route* Router::Match(std::string_view method,
                                   const std::vector<std::string_view>& segments,
                                   KeyValues* captures) const {
  const Route* best = nullptr;
  for (const Route& route : routes_) {
    if (!method.empty() && route.method != method) continue;
    bool ok = true;
    size_t i = 0;
    for (; i < route.segments.size() && ok; ++i) {
      const Segment& segment = route.segments[i];
      if (segment.kind == Segment::kRest) {
        ok = i < segments.size() && !segments[i].empty();
        i = segments.size();
        break;
      }
      ok = i < segments.size() &&
           (segment.kind == Segment::kExact ? segments[i] == segment.text : !segments[i].empty());
    }
    if (!ok || i != segments.size()) continue;
    if (best == nullptr) {
      best = &route;
      continue;
    }
    // The more specific wins: at the first differing place, exact < capture < rest.
    for (size_t k = 0; k < route.segments.size() && k < best->segments.size(); ++k) {
      if (route.segments[k].kind != best->segments[k].kind) {
        if (route.segments[k].kind < best->segments[k].kind) best = &route;
        break;
      }
    }
  }
  if (best != nullptr && captures != nullptr) {
    captures->clear();
    for (size_t i = 0; i < best->segments.size(); ++i) {
      const Segment& segment = best->segments[i];
      if (segment.kind == Segment::kCapture) {
        captures->emplace_back(segment.text, segments[i]);
      } else if (segment.kind == Segment::kRest) {
        const std::string_view& last = segments.back();
        captures->emplace_back(
            segment.text,
            std::string_view(segments[i].data(), last.data() + last.size() - segments[i].data()));
      }
    }
  }
  return best;
}

void Router::SetGuard(Guard guard) { guard_ = std::move(guard); }

std::vector<std::pair<std::string, std::string>> Router::Routes() const {
  std::vector<std::pair<std::string, std::string>> routes;
  for (const Route& r : routes_) routes.emplace_back(r.method, r.pattern);
  return routes;
}

Response Router::Run(const Route& route, Request& req) const {
  try {
    if (guard_)
      if (std::optional<Response> refused = guard_(req, route.method, route.pattern)) return *refused;
    return route.handler(req);
  } catch (const std::exception& e) {
    spdlog::error("Handler for {} {} (route {}) threw: {}", req.method, req.path, route.pattern,
                  e.what());
    return on_error_(req, e.what());
  } catch (...) {
    spdlog::error("Handler for {} {} (route {}) threw a non-standard exception", req.method,
                  req.path, route.pattern);
    return on_error_(req, "unknown exception");
  }
}

Response Router::Dispatch(Request& req) const {
  std::vector<std::string_view> segments = Split(req.path);
  const Route* route = Match(req.method, segments, &req.path_params);
  if (route == nullptr && req.method == "HEAD") route = Match("GET", segments, &req.path_params);
  req.route = route ? route->pattern : "";
  // A HEAD answered by the GET route keeps its body: the server sends only the headers, with
  // the length (after compression) a GET would get.
  if (route != nullptr) return Run(*route, req);
  req.path_params.clear();
  if (Match({}, segments, nullptr) != nullptr) {
    std::vector<std::string_view> methods;
    auto add = [&methods](std::string_view m) {
      if (std::find(methods.begin(), methods.end(), m) == methods.end()) methods.push_back(m);
    };
    for (const Route& other : routes_) {
      if (Match(other.method, segments, nullptr) == nullptr) continue;
      add(other.method);
      if (other.method == "GET") add("HEAD");
    }
    std::string allow;
    for (std::string_view m : methods) {
      if (!allow.empty()) allow += ", ";
      allow += m;
    }
    Response response = Response::Text(405, StatusText(405));
    response.SetHeader("Allow", allow);
    return response;
  }
  try {
    return not_found_(req);
  } catch (const std::exception& e) {
    spdlog::error("Not-found handler for {} {} threw: {}", req.method, req.path, e.what());
    return on_error_(req, e.what());
  }
}

}  // namespace tremplin::web
