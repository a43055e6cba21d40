#include "app/config.h"

#include <toml++/toml.h>

#include <cstdlib>
#include <map>
#include <set>
#include <string>

namespace tremplin::app {
namespace {

// The refusal of a setting (or of the file) `path`, with the reason a person can act on.
core::Error Invalid(std::string path, std::string reason) {
  return core::MakeError(core::ErrorCode::kInvalidArgument, "config_invalid")
      .With("path", std::move(path))
      .With("reason", std::move(reason));
}

}  // namespace

core::Status LoadConfigFile(const std::string& path, Config& config) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Invalid(path, std::string(e.description()));
  }
  // A misspelt setting would otherwise be ignored without a word.
  static const std::map<std::string, std::set<std::string>> kKnown = {
      {"server",
       {"address", "port", "threads", "trusted_proxies", "compression_level", "read_timeout_seconds",
        "idle_timeout_seconds"}},
      {"database", {"url"}},
      {"geography", {"npm_dir", "communes_csv", "built_coordinates"}},
      {"site", {"theme_dir", "public_url"}},
      {"api", {"token"}},
      {"mail", {"url", "from", "username", "password", "starttls"}},
      {"log", {"format", "access"}},
      {"limits", {"requests_per_second", "burst"}},
  };
  for (const auto& [section, value] : t) {
    auto known = kKnown.find(std::string(section.str()));
    const toml::table* keys = value.as_table();
    std::string unknown;
    if (known == kKnown.end() || !keys) {
      unknown = "[" + std::string(section.str()) + "]";
    } else {
      for (const auto& [key, ignored] : *keys)
        if (!known->second.contains(std::string(key.str()))) unknown = std::string(section.str()) + "." + std::string(key.str());
    }
    if (!unknown.empty()) {
      return Invalid(path, "unknown setting " + unknown + " (see README.md for the settings)");
    }
  }
  config.address = t["server"]["address"].value_or(config.address);
  config.port = t["server"]["port"].value_or(config.port);
  config.threads = t["server"]["threads"].value_or(config.threads);
  config.compression_level = t["server"]["compression_level"].value_or(config.compression_level);
  if (config.compression_level < 0 || config.compression_level > 9)
    return Invalid(path, "server.compression_level must be between 0 (do not compress) and 9");
  config.read_timeout_seconds = t["server"]["read_timeout_seconds"].value_or(config.read_timeout_seconds);
  config.idle_timeout_seconds = t["server"]["idle_timeout_seconds"].value_or(config.idle_timeout_seconds);
  if (config.read_timeout_seconds < 1 || config.read_timeout_seconds > 3600 ||
      config.idle_timeout_seconds < 1 || config.idle_timeout_seconds > 3600)
    return Invalid(path, "server.read_timeout_seconds and server.idle_timeout_seconds must be between 1 and 3600");
  if (const toml::array* proxies = t["server"]["trusted_proxies"].as_array()) {
    config.trusted_proxies.clear();
    for (const toml::node& proxy : *proxies) {
      std::optional<std::string> address = proxy.value<std::string>();
      if (!address) {
        return Invalid(path, "server.trusted_proxies must be a list of addresses, e.g. [\"127.0.0.1\"]");
      }
      config.trusted_proxies.push_back(*address);
    }
  }
  config.database = t["database"]["url"].value_or(config.database);
  config.npm_dir = t["geography"]["npm_dir"].value_or(config.npm_dir);
  config.communes_csv = t["geography"]["communes_csv"].value_or(config.communes_csv);
  config.built_coordinates = t["geography"]["built_coordinates"].value_or(config.built_coordinates);
  config.theme_dir = t["site"]["theme_dir"].value_or(config.theme_dir);
  config.public_url = t["site"]["public_url"].value_or(config.public_url);
  while (config.public_url.ends_with('/')) config.public_url.pop_back();
  if (!config.public_url.empty() && !config.public_url.starts_with("https://") &&
      !config.public_url.starts_with("http://")) {
    return Invalid(path, "site.public_url must start with https:// (or http://), e.g. \"https://formations.example.org\"");
  }
  config.api_token = t["api"]["token"].value_or(config.api_token);
  config.mail_url = t["mail"]["url"].value_or(config.mail_url);
  config.mail_from = t["mail"]["from"].value_or(config.mail_from);
  config.mail_username = t["mail"]["username"].value_or(config.mail_username);
  config.mail_password = t["mail"]["password"].value_or(config.mail_password);
  config.mail_starttls = t["mail"]["starttls"].value_or(config.mail_starttls);
  config.log_format = t["log"]["format"].value_or(config.log_format);
  config.log_access = t["log"]["access"].value_or(config.log_access);
  config.rate_limit_per_second = t["limits"]["requests_per_second"].value_or(config.rate_limit_per_second);
  config.rate_limit_burst = t["limits"]["burst"].value_or(config.rate_limit_burst);
  if (!(config.rate_limit_per_second >= 0) || !(config.rate_limit_burst >= 0) ||
      (config.rate_limit_per_second > 0 && config.rate_limit_burst < 1)) {
    return Invalid(path, "limits.requests_per_second must be 0 (no limit) or more, and limits.burst at least 1");
  }
  if (config.log_format != "text" && config.log_format != "json") {
    return Invalid(path, "log.format must be \"text\" or \"json\"");
  }
  if (config.port < 0 || config.port > 65535) {
    return Invalid(path, "server.port must be between 0 and 65535");
  }
  return core::Ok{};
}

core::Status ApplyEnvironment(Config& config) {
  // Set but empty counts as unset, so that a blank line in an environment file does not
  // silently turn off the token of the configuration file.
  if (const char* token = std::getenv("TREMPLIN_API_TOKEN"); token && *token) config.api_token = token;
  if (const char* password = std::getenv("TREMPLIN_SMTP_PASSWORD"); password && *password)
    config.mail_password = password;
  if (!config.api_token.empty() && config.api_token.size() < kMinApiTokenLength) {
    return Invalid("api.token / TREMPLIN_API_TOKEN",
                   "the API token must have at least " + std::to_string(kMinApiTokenLength) +
                       " characters (e.g. from `openssl rand -hex 32`)");
  }
  return core::Ok{};
}

}  // namespace tremplin::app
