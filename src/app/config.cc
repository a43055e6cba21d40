#include "app/config.h"

#include <toml++/toml.h>

#include <cstdlib>

namespace tremplin::app {

core::Status LoadConfigFile(const std::string& path, Config& config) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "config_invalid")
        .With("path", path)
        .With("reason", std::string(e.description()));
  }
  config.address = t["server"]["address"].value_or(config.address);
  config.port = t["server"]["port"].value_or(config.port);
  config.threads = t["server"]["threads"].value_or(config.threads);
  config.database = t["database"]["url"].value_or(config.database);
  config.npm_dir = t["geography"]["npm_dir"].value_or(config.npm_dir);
  config.communes_csv = t["geography"]["communes_csv"].value_or(config.communes_csv);
  config.built_coordinates = t["geography"]["built_coordinates"].value_or(config.built_coordinates);
  config.theme_dir = t["site"]["theme_dir"].value_or(config.theme_dir);
  config.api_token = t["api"]["token"].value_or(config.api_token);
  if (config.port < 0 || config.port > 65535) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "config_invalid")
        .With("path", path)
        .With("reason", "server.port must be between 0 and 65535");
  }
  return core::Ok{};
}

core::Status ApplyEnvironment(Config& config) {
  if (const char* token = std::getenv("TREMPLIN_API_TOKEN")) config.api_token = token;
  if (!config.api_token.empty() && config.api_token.size() < kMinApiTokenLength) {
    return core::MakeError(core::ErrorCode::kInvalidArgument, "config_invalid")
        .With("path", "api.token / TREMPLIN_API_TOKEN")
        .With("reason", "the API token must have at least " + std::to_string(kMinApiTokenLength) +
                            " characters (e.g. from `openssl rand -hex 32`)");
  }
  return core::Ok{};
}

}  // namespace tremplin::app
