#include "web/cookies.h"

namespace tremplin::web {

std::string_view CookieValue(const Request& req, std::string_view name) {
  for (const auto& [header, value] : req.headers) {
    if (!EqualsIgnoreCase(header, "Cookie")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      size_t end = rest.find(';');
      std::string_view pair = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      while (pair.starts_with(' ')) pair.remove_prefix(1);
      size_t equals = pair.find('=');
      if (equals != std::string_view::npos && pair.substr(0, equals) == name)
        return pair.substr(equals + 1);
    }
  }
  return {};
}

std::string SetCookie(std::string_view name, std::string_view value, const CookieOptions& options) {
  std::string header = std::string(name) + "=" + std::string(value) + "; Path=" + options.path +
                       "; HttpOnly; SameSite=Lax";
  if (options.secure) header += "; Secure";
  if (options.max_age_seconds >= 0) header += "; Max-Age=" + std::to_string(options.max_age_seconds);
  return header;
}

bool OverHttps(const Request& req) {
  return EqualsIgnoreCase(req.Header("X-Forwarded-Proto"), "https");
}

std::string ClientAddress(const Request& req, const std::vector<std::string>& trusted_proxies) {
  bool trusted = false;
  for (const std::string& proxy : trusted_proxies) trusted = trusted || proxy == req.remote_address;
  std::string_view forwarded = req.Header("X-Forwarded-For");
  if (!trusted || forwarded.empty()) return req.remote_address;
  std::string_view last = forwarded.substr(forwarded.rfind(',') + 1);  // npos + 1 == 0
  while (last.starts_with(' ')) last.remove_prefix(1);
  while (last.ends_with(' ')) last.remove_suffix(1);
  return last.empty() ? req.remote_address : std::string(last.substr(0, 64));
}

}  // namespace tremplin::web
