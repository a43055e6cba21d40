// The PostgreSQL backend as an operator meets it: the demo catalogue copied from SQLite with
// `tremplin db copy`, then a server over PostgreSQL answering exactly as one over SQLite, and
// the copy back. Runs against the server of the CTest fixture "postgres" (label pg).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "http_client.h"
#include "test_server.h"
#include "test_support.h"

namespace tremplin::integration {
namespace {

namespace fs = std::filesystem;

// The URL of the fixture's server ("" when there is none).
std::string FixtureUrl() {
  const char* file = std::getenv("TREMPLIN_TEST_POSTGRES_ENV");
  if (!file) return "";
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);)
    if (line.starts_with("DATABASE_URL=")) return line.substr(13);
  return "";
}

class PostgresqlBackend : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string missing = TestServer::MissingPrerequisites(); !missing.empty())
      FAIL() << missing;
    admin_url_ = FixtureUrl();
    ASSERT_FALSE(admin_url_.empty())
        << "no PostgreSQL server: run through CTest (fixture \"postgres\", TREMPLIN_TEST_POSTGRES_ENV)";
    dir_ = fs::temp_directory_path() / ("tremplin-pg-it-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    npm_ = (fs::path(std::getenv("TREMPLIN_SOURCE_DIR")) / "node_modules").string();
  }
  void TearDown() override {
    for (const std::string& name : databases_)
      Psql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    fs::remove_all(dir_);
  }

  int Psql(const std::string& sql) {
    std::string command = "psql -q -v ON_ERROR_STOP=1 '" + admin_url_ + "' -c '" + sql + "' >/dev/null";
    return std::system(command.c_str());
  }
  // A new empty database on the fixture's server; its URL.
  std::string NewDatabase() {
    std::string name = "it_" + std::to_string(::getpid()) + "_" + std::to_string(databases_.size());
    EXPECT_EQ(Psql("CREATE DATABASE " + name), 0);
    databases_.push_back(name);
    return admin_url_.substr(0, admin_url_.rfind('/') + 1) + name;
  }
  CommandResult Tremplin(std::vector<std::string> args) {
    std::vector<std::string> global = {"--npm-dir", npm_, "--communes-csv",
                                       TestServer::CoordinatesFile().string()};
    global.insert(global.end(), args.begin(), args.end());
    return RunTremplin(global, dir_);
  }

  std::string admin_url_, npm_;
  fs::path dir_;
  std::vector<std::string> databases_;
};

TEST_F(PostgresqlBackend, DemoCopiedFromSqliteIsServedTheSameAndCopiedBack) {
  const std::string sqlite = "sqlite:" + (dir_ / "demo.db").string();
  const std::string postgresql = NewDatabase();
  CommandResult seeded = Tremplin({"--database", sqlite, "seed", "--demo"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.output;

  CommandResult copied = Tremplin({"db", "copy", "--from", sqlite, "--to", postgresql});
  ASSERT_EQ(copied.exit_code, 0) << copied.output;
  for (const char* line : {"organisations", "courses", "course_professions", "course_sessions",
                           "change_counters"})
    EXPECT_TRUE(Contains(copied.output, line)) << copied.output;
  EXPECT_TRUE(Contains(copied.output, "500 rows")) << copied.output;
  EXPECT_TRUE(Contains(copied.output, "row counts and checksums match")) << copied.output;

  // Copying again into the filled database is refused, clearly, and changes nothing.
  CommandResult again = Tremplin({"db", "copy", "--from", sqlite, "--to", postgresql});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(Contains(again.output, "database_not_empty")) << again.output;
  EXPECT_TRUE(Contains(again.output, "nothing was copied")) << again.output;

  // Two servers, one per backend, give the same answers.
  std::string error;
  std::unique_ptr<TestServer> on_sqlite = TestServer::Start(&error, sqlite);
  ASSERT_TRUE(on_sqlite) << error;
  std::unique_ptr<TestServer> on_postgresql = TestServer::Start(&error, postgresql);
  ASSERT_TRUE(on_postgresql) << error;
  EXPECT_TRUE(Contains(on_postgresql->Log(), "catalogue: 500 courses")) << on_postgresql->Log();
  HttpClient a(on_sqlite->host(), on_sqlite->port()), b(on_postgresql->host(), on_postgresql->port());
  for (const char* target : {"/api/v1/courses?q=developpeur&where=59350&radius_km=30",
                             "/api/v1/courses?per_page=50&page=3&sort=start",
                             "/api/v1/courses/1", "/api/v1/courses/500",
                             "/formations/42", "/organismes/7"}) {
    HttpResponse from_sqlite = a.Get(target), from_postgresql = b.Get(target);
    EXPECT_EQ(from_sqlite.status, 200) << target;
    EXPECT_EQ(from_postgresql.status, from_sqlite.status) << target;
    EXPECT_EQ(from_postgresql.body, from_sqlite.body) << target;
  }
  EXPECT_EQ(on_postgresql->Stop(&error), 0) << error << on_postgresql->Log();
  EXPECT_EQ(on_sqlite->Stop(&error), 0) << error;

  // And back to a new SQLite file: the same rows again.
  const std::string back = "sqlite:" + (dir_ / "back.db").string();
  CommandResult returned = Tremplin({"db", "copy", "--from", postgresql, "--to", back});
  ASSERT_EQ(returned.exit_code, 0) << returned.output;
  EXPECT_TRUE(Contains(returned.output, "row counts and checksums match")) << returned.output;
}

TEST_F(PostgresqlBackend, UnreachableServerIsExplainedWithoutThePassword) {
  CommandResult r = Tremplin(
      {"--database", "postgresql://tremplin:s3cret@127.0.0.1:1/tremplin?connect_timeout=5", "migrate"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.output, "database_open_failed")) << r.output;
  EXPECT_TRUE(Contains(r.output, "postgresql://tremplin@127.0.0.1:1/tremplin")) << r.output;
  EXPECT_FALSE(Contains(r.output, "s3cret")) << r.output;
}

}  // namespace
}  // namespace tremplin::integration
