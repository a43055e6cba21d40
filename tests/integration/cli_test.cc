// The command line as an operator uses it: building coordinates, migrating and seeding.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "test_server.h"

namespace tremplin::integration {
namespace {

namespace fs = std::filesystem;

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string missing = TestServer::MissingPrerequisites(); !missing.empty())
      GTEST_SKIP() << missing;
    dir_ = fs::temp_directory_path() / ("tremplin-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    npm_ = (fs::path(std::getenv("TREMPLIN_SOURCE_DIR")) / "node_modules").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  CommandResult Tremplin(std::vector<std::string> args) {
    std::vector<std::string> global = {"--npm-dir", npm_, "--database",
                                       "sqlite:" + (dir_ / "db" / "tremplin.db").string()};
    global.insert(global.end(), args.begin(), args.end());
    return RunTremplin(global, dir_);
  }

  fs::path dir_;
  std::string npm_;
};

TEST_F(Cli, GeoBuildCreatesTheFolderOfItsOutput) {
  fs::path out = dir_ / "new" / "folder" / "coords.csv";
  CommandResult r = Tremplin({"geo", "build", "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::ifstream in(out);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header, "code,type,nom,departement,region,zone,codes_postaux,population,lat,lon,source");
}

TEST_F(Cli, MigrateIsIdempotent) {
  CommandResult first = Tremplin({"migrate"});
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("at schema version 6 (6 migration(s) applied)"), std::string::npos)
      << first.output;
  CommandResult second = Tremplin({"migrate"});
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("0 migration(s) applied"), std::string::npos) << second.output;
}

TEST_F(Cli, SeedFillsAnEmptyDatabaseOnlyOnce) {
  std::string coords = TestServer::CoordinatesFile().string();
  CommandResult seeded = Tremplin({"--communes-csv", coords, "seed", "--demo"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
  EXPECT_NE(seeded.output.find("150 organisations, 500 courses, 1000 sessions"), std::string::npos)
      << seeded.output;
  // make run seeds with --if-empty: a filled database is left alone, successfully.
  CommandResult again = Tremplin({"--communes-csv", coords, "seed", "--demo", "--if-empty"});
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("not seeding"), std::string::npos) << again.output;
  // Without it, seeding a filled database is refused with a clear message.
  CommandResult refused = Tremplin({"--communes-csv", coords, "seed", "--demo"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.output.find("seed only an empty database"), std::string::npos) << refused.output;
}

// The audit log's chain checked from the command line; an entry edited behind Tremplin's back
// (with the sqlite3 tool, the append-only triggers removed first) is named.
TEST_F(Cli, AuditVerifyChecksTheChainAndNamesAnEditedEntry) {
  std::string coords = TestServer::CoordinatesFile().string();
  ASSERT_EQ(Tremplin({"--communes-csv", coords, "seed", "--demo"}).exit_code, 0);
  CommandResult intact = Tremplin({"audit", "verify"});
  EXPECT_EQ(intact.exit_code, 0) << intact.output;
  EXPECT_NE(intact.output.find("1 entries, chain intact"), std::string::npos) << intact.output;

  fs::path db = dir_ / "db" / "tremplin.db";
  std::string tamper = "sqlite3 '" + db.string() +
                       "' \"DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone' "
                       "WHERE id = 1;\" 2>&1";
  ASSERT_EQ(std::system(tamper.c_str()), 0) << "the sqlite3 tool is needed (scripts/install-deps.sh)";
  CommandResult broken = Tremplin({"audit", "verify"});
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  EXPECT_NE(broken.output.find("the chain breaks at entry 1"), std::string::npos) << broken.output;
}

TEST_F(Cli, BenchGenerateFillsADatabaseAndWritesTheQuerySetTheSameEveryTime) {
  std::string coords = TestServer::CoordinatesFile().string();
  fs::path queries = dir_ / "queries.tsv";
  CommandResult r = Tremplin({"--communes-csv", coords, "bench", "generate", "--sessions", "2000",
                              "--today", "2026-03-16", "--queries", queries.string(), "--count",
                              "1000"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::ifstream in(queries);
  std::string line, first;
  size_t lines = 0;
  while (std::getline(in, line)) {
    if (lines++ == 0) first = line;
    EXPECT_NE(line.find('\t'), std::string::npos) << line;  // kind, tab, query string
  }
  EXPECT_EQ(lines, 1000u);
  // Same arguments, same queries.
  fs::path again = dir_ / "again.tsv";
  CommandResult second = RunTremplin({"--npm-dir", npm_, "--database",
                                      "sqlite:" + (dir_ / "other.db").string(), "--communes-csv",
                                      coords, "bench", "generate", "--sessions", "2000", "--today",
                                      "2026-03-16", "--queries", again.string()},
                                     dir_);
  ASSERT_EQ(second.exit_code, 0) << second.output;
  std::ifstream in2(again);
  std::string first_again;
  std::getline(in2, first_again);
  EXPECT_EQ(first, first_again);
  // A filled database is refused.
  CommandResult refused = Tremplin({"--communes-csv", coords, "bench", "generate", "--sessions", "2000"});
  EXPECT_NE(refused.exit_code, 0);
}

TEST_F(Cli, BadArgumentsAreExplained) {
  CommandResult date = Tremplin({"seed", "--demo", "--today", "2027-02-30"});
  EXPECT_EQ(date.exit_code, 2);
  EXPECT_NE(date.output.find("YYYY-MM-DD"), std::string::npos) << date.output;
  CommandResult command = Tremplin({"fly"});
  EXPECT_NE(command.exit_code, 0);
  CommandResult port = Tremplin({"serve", "--port", "70000"});
  EXPECT_NE(port.exit_code, 0);
  EXPECT_NE(port.output.find("port"), std::string::npos) << port.output;
}

TEST_F(Cli, UnreadableConfigurationIsRefused) {
  std::ofstream(dir_ / "bad.toml") << "[server\nport = 1\n";
  CommandResult r = Tremplin({"--config", (dir_ / "bad.toml").string(), "migrate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("config_invalid"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace tremplin::integration
