// Raw HTTP/1.1 bytes through the server's own request handling: Beast's parser with the
// server's limits and checks (web/request_reading.h, the code the server runs), then the router
// of the real application (app/application.h) with every page, API call, guard and handler, over
// a scratch SQLite database holding the demo catalogue and the real geography from the npm
// packages. Two people are signed in with sessions whose tokens the seed corpus carries (an
// administrator and a member of the first organisation), so the back office's forms are reached
// with a valid CSRF token too. Several pipelined requests in one input are handled in turn.
// A response must never be a 500 (a handler threw or failed unexpectedly), and /assets/ must
// never serve the file planted beside the theme folder.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/buffer.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/application.h"
#include "app/seed.h"
#include "auth/sign_in.h"
#include "auth/tokens.h"
#include "fuzz_support.h"
#include "store/accounts.h"
#include "store/database.h"
#include "web/request_reading.h"

using namespace tremplin;
namespace http = boost::beast::http;

namespace {

constexpr std::string_view kSecret = "outside the theme folder";

// The sessions the seed corpus uses (fuzz/corpus/http_request_fuzz/*): cookie
// tremplin_session=<token>, form field csrf=<csrf>.
struct FixedSession {
  std::string_view email;
  store::Role role;
  std::string_view token;
  std::string_view csrf;
};
constexpr FixedSession kSessions[] = {
    {"admin@fuzz.example", store::Role::kAdmin, "fuzzadminsessiontoken0000000000000000000000",
     "fuzzadmincsrf000000000000000000000000000000"},
    {"member@fuzz.example", store::Role::kMember, "fuzzmembersessiontoken000000000000000000000",
     "fuzzmembercsrf00000000000000000000000000000"},
};

void Die(const std::string& what) {
  std::fprintf(stderr, "http_request_fuzz: %s\n", what.c_str());
  std::abort();
}

// The fixed people as they must be at the start of each input: an input may sign them out,
// disable the member or change its organisations; the next input finds them as they were.
class SignedInPeople {
 public:
  explicit SignedInPeople(const std::string& database) {
    core::Result<store::Database> db = store::Database::Open(database);
    if (!db.ok()) Die("cannot open the scratch database");
    db_.emplace(std::move(*db));
    for (const FixedSession& fixed : kSessions) {
      store::User user{.email = std::string(fixed.email), .name = "Fuzz", .role = fixed.role};
      if (fixed.role == store::Role::kMember) user.organisation_ids = {1};
      core::Result<int64_t> id = store::InsertUser(*db_, user);
      if (!id.ok()) Die("cannot add " + std::string(fixed.email));
      user.id = *id;
      users_.push_back(user);
    }
    Restore();
  }

  void Restore() {
    for (size_t i = 0; i < users_.size(); ++i) {
      const store::User& wanted = users_[i];
      core::Result<std::optional<store::User>> stored = store::FindUser(*db_, wanted.id);
      if (!stored.ok() || !*stored) Die("a fixed user is gone");
      if ((*stored)->disabled || (*stored)->role != wanted.role ||
          (*stored)->organisation_ids != wanted.organisation_ids) {
        if (!store::UpdateUser(*db_, wanted).ok()) Die("cannot restore a fixed user");
      }
      const std::string hash = auth::TokenHash(kSessions[i].token);
      core::Result<std::optional<store::UserSession>> session = store::FindSession(*db_, hash);
      if (session.ok() && *session) continue;
      int64_t now = auth::NowUnix();
      if (!store::InsertSession(*db_, {.token_hash = hash, .user_id = wanted.id,
                                       .csrf_token = std::string(kSessions[i].csrf),
                                       .created_unix = now, .seen_unix = now})
               .ok())
        Die("cannot restore a session");
    }
  }

 private:
  std::optional<store::Database> db_;
  std::vector<store::User> users_;
};

struct RealApplication {
  std::filesystem::path base;  // removed when the run ends
  std::unique_ptr<app::Application> application;
  std::unique_ptr<SignedInPeople> people;

  RealApplication() {
    spdlog::set_level(spdlog::level::err);
    base = std::filesystem::temp_directory_path() / ("tremplin-fuzz-http-" + std::to_string(getpid()));
    std::filesystem::remove_all(base);
    std::filesystem::create_directories(base / "theme" / "css");
    std::ofstream(base / "theme" / "css" / "theme.css") << "body{}";
    std::ofstream(base / "secret.css") << kSecret;

    app::Config config;
    config.database = "sqlite:" + (base / "fuzz.db").string();
    config.npm_dir = TREMPLIN_SOURCE_DIR "/node_modules";
    config.built_coordinates = (base / "communes-coords.csv").string();
    config.theme_dir = (base / "theme").string();
    config.rate_limit_per_second = 0;  // a fuzzer asks faster than any person
    if (app::SeedDemo(config, {.today = fuzz::FuzzToday()}) != 0) Die("cannot seed the demo catalogue");
    people = std::make_unique<SignedInPeople>(config.database);
    application = app::Application::Open(config);
    if (!application) Die("cannot open the application (are the npm packages installed?)");
  }
  ~RealApplication() {
    application.reset();
    people.reset();
    std::error_code ignored;
    std::filesystem::remove_all(base, ignored);
  }
};

// One request from the front of `bytes`, read as the server reads it; false when the server
// would answer 400, 413 or 431 (or wait for more) and close. `used` is what the request took.
bool HandleOne(const RealApplication& real, std::string_view bytes, size_t* used) {
  web::RequestParser parser;
  web::LimitRequest(parser, real.application->server_options());
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
  if (ec || !parser.is_done() || web::HasUnknowableLength(parser)) return false;

  web::Request req;
  req.remote_address = "127.0.0.1";
  if (!web::ReadRequest(parser.get(), &req)) return false;
  web::Response res = real.application->router().Dispatch(req);
  if (res.status < 100 || res.status > 599) Die("status " + std::to_string(res.status));
  if (res.status == 500) Die("500 for " + req.method + " " + req.target);
  // Only a file served from /assets/ counts: pages may well echo what a form or a URL said.
  if (req.path.starts_with("/assets/") && res.status == 200 && res.body.find(kSecret) != std::string::npos)
    Die("served a file beside the theme folder");
  return true;
}

// Made before the first input, so that seeding and loading (seconds) never count against an
// input's time limit.
const RealApplication* real_application = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  static const RealApplication real;
  real_application = &real;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const RealApplication& real = *real_application;
  real.people->Restore();
  std::string_view bytes = fuzz::AsText(data, size);
  for (int request = 0; request < 4 && !bytes.empty(); ++request) {
    size_t used = 0;
    if (!HandleOne(real, bytes, &used) || used == 0) break;
    bytes.remove_prefix(used);
  }
  return 0;
}
