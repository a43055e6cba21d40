#include "store/database.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "store/test_support.h"

namespace tremplin::store {
namespace {

using testing::TempDir;

int CountRows(Database& db, const std::string& table) {
  int count = -1;
  db.session() << "SELECT COUNT(*) FROM " + table, soci::into(count);
  return count;
}

core::Result<Database> OpenWithTable(const std::string& url) {
  core::Result<Database> db = Database::Open(url);
  if (db.ok()) db->session() << "CREATE TABLE IF NOT EXISTS items (name TEXT NOT NULL UNIQUE)";
  return db;
}

void InsertItem(soci::session& sql, const std::string& name) {
  sql << "INSERT INTO items (name) VALUES (:name)", soci::use(name);
}

core::Status InsertOk(soci::session& sql, const std::string& name) {
  InsertItem(sql, name);
  return core::Ok{};
}

TEST(Database, OpenCreatesParentFoldersAndConfiguresSqlite) {
  TempDir dir;
  const std::string path = dir.File("données/sous dossier/catalogue.db");
  core::Result<Database> db = Database::Open("sqlite:" + path);
  ASSERT_TRUE(db.ok()) << db.error().id << " " << *db.error().Arg("reason");
  EXPECT_EQ(db->backend(), Backend::kSqlite);
  EXPECT_EQ(db->path(), path);
  EXPECT_TRUE(std::filesystem::exists(path));

  std::string journal_mode;
  int foreign_keys = 0, synchronous = 0, busy_timeout = 0;
  db->session() << "PRAGMA journal_mode", soci::into(journal_mode);
  db->session() << "PRAGMA foreign_keys", soci::into(foreign_keys);
  db->session() << "PRAGMA synchronous", soci::into(synchronous);
  db->session() << "PRAGMA busy_timeout", soci::into(busy_timeout);
  EXPECT_EQ(journal_mode, "wal");
  EXPECT_EQ(foreign_keys, 1);
  EXPECT_EQ(synchronous, 1);  // NORMAL
  EXPECT_EQ(busy_timeout, 5000);
}

TEST(Database, PlainPathAndSqliteUrlsOpenTheSameFile) {
  TempDir dir;
  const std::string path = dir.File("catalogue.db");
  core::Result<Database> plain = OpenWithTable(path);
  ASSERT_TRUE(plain.ok());
  ASSERT_TRUE(plain->Transaction([](soci::session& sql) { return InsertOk(sql, "a"); }).ok());

  for (const std::string& url : {"sqlite:" + path, "sqlite://" + path}) {
    core::Result<Database> other = Database::Open(url);
    ASSERT_TRUE(other.ok()) << url;
    EXPECT_EQ(other->path(), path);
    EXPECT_EQ(CountRows(*other, "items"), 1) << url;
  }
}

TEST(Database, OpenFailsWhenTheFolderCannotBeCreated) {
  TempDir dir;
  std::ofstream(dir.File("plain-file")) << "not a folder";
  const std::string path = dir.File("plain-file/sub/catalogue.db");
  core::Result<Database> db = Database::Open(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().id, "database_open_failed");
  ASSERT_NE(db.error().Arg("path"), nullptr);
  EXPECT_EQ(*db.error().Arg("path"), path);
  ASSERT_NE(db.error().Arg("reason"), nullptr);
  EXPECT_FALSE(db.error().Arg("reason")->empty());
}

TEST(Database, OpenFailsOnAFolderOrAFileThatIsNotADatabase) {
  TempDir dir;
  std::ofstream(dir.File("notes.txt"))
      << "These are notes, not an SQLite database. " << std::string(200, 'x');
  for (const std::string& path : {dir.path().string(), dir.File("notes.txt")}) {
    core::Result<Database> db = Database::Open(path);
    ASSERT_FALSE(db.ok()) << path;
    EXPECT_EQ(db.error().id, "database_open_failed") << path;
    EXPECT_EQ(*db.error().Arg("path"), path);
  }
}

TEST(Database, PostgresqlFailuresToOpenSayWhyWithoutThePassword) {
  // Nothing listens on port 1.
  core::Result<Database> unreachable =
      Database::Open("postgresql://tremplin:s3cret@127.0.0.1:1/tremplin?connect_timeout=5");
  ASSERT_FALSE(unreachable.ok());
  EXPECT_EQ(unreachable.error().id, "database_open_failed");
  EXPECT_EQ(*unreachable.error().Arg("path"), "postgresql://tremplin@127.0.0.1:1/tremplin");
  EXPECT_FALSE(unreachable.error().Arg("reason")->empty());
  EXPECT_EQ(core::ToLogString(unreachable.error()).find("s3cret"), std::string::npos);

  core::Result<Database> malformed = Database::Open("postgresql://tremplin@[::1/tremplin");
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.error().id, "database_open_failed");

  core::Result<Database> missing = Database::Open(
      testing::TestPostgres::Get().url() + "_no_such_database");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().Arg("reason")->find("does not exist"), std::string::npos)
      << *missing.error().Arg("reason");
}

// Ends the server process of `db`'s connection, as a server restart or a network cut would.
void KillConnection(Database& db, Database& admin) {
  int pid = 0;
  db.session() << "SELECT pg_backend_pid()", soci::into(pid);
  admin.session() << "SELECT pg_terminate_backend(:pid)", soci::use(pid);
}

TEST(Database, PostgresqlConnectionLostBetweenTransactionsIsOpenedAgain) {
  testing::ScratchDatabase scratch(Backend::kPostgresql);
  core::Result<Database> db = OpenWithTable(scratch.url());
  core::Result<Database> admin = Database::Open(scratch.url());
  ASSERT_TRUE(db.ok() && admin.ok());
  EXPECT_EQ(db->backend(), Backend::kPostgresql);
  KillConnection(*db, *admin);
  // Nothing had started: the next transaction connects again and runs.
  core::Status next = db->Transaction([](soci::session& sql) { return InsertOk(sql, "next"); });
  ASSERT_TRUE(next.ok()) << core::ToLogString(next.error());
  EXPECT_EQ(CountRows(*admin, "items"), 1);
}

TEST(Database, PostgresqlConnectionLostDuringATransactionFailsItClearly) {
  testing::ScratchDatabase scratch(Backend::kPostgresql);
  core::Result<Database> db = OpenWithTable(scratch.url());
  core::Result<Database> admin = Database::Open(scratch.url());
  ASSERT_TRUE(db.ok() && admin.ok());
  core::Status lost = db->Transaction([&](soci::session& sql) -> core::Status {
    InsertItem(sql, "first");
    KillConnection(*db, *admin);
    InsertItem(sql, "second");
    return core::Ok{};
  });
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(lost.error().id, "database_unavailable");
  EXPECT_EQ(CountRows(*admin, "items"), 0);  // nothing half-written
  core::Status again = db->Transaction([](soci::session& sql) { return InsertOk(sql, "again"); });
  ASSERT_TRUE(again.ok()) << core::ToLogString(again.error());
  EXPECT_EQ(CountRows(*admin, "items"), 1);
}

// The tests below run on SQLite and on PostgreSQL.
class DatabaseTest : public ::testing::TestWithParam<Backend> {};
TREMPLIN_ON_EVERY_BACKEND(DatabaseTest);

TEST_P(DatabaseTest, TransactionCommitsWhenTheWorkSucceeds) {
  testing::ScratchDatabase scratch(GetParam());
  core::Result<Database> db = OpenWithTable(scratch.url());
  ASSERT_TRUE(db.ok());
  core::Result<int> result = db->Transaction([](soci::session& sql) -> core::Result<int> {
    InsertItem(sql, "a");
    return 42;
  });
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, 42);
  core::Result<Database> other = db->Connect();
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(CountRows(*other, "items"), 1);
}

TEST_P(DatabaseTest, TransactionRollsBackWhenTheWorkReturnsAnError) {
  testing::ScratchDatabase scratch(GetParam());
  core::Result<Database> db = OpenWithTable(scratch.url());
  ASSERT_TRUE(db.ok());
  core::Status status = db->Transaction([](soci::session& sql) -> core::Status {
    InsertItem(sql, "a");
    InsertItem(sql, "b");
    return core::MakeError(core::ErrorCode::kInvalidArgument, "something_wrong");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().id, "something_wrong");
  EXPECT_EQ(CountRows(*db, "items"), 0);
}

TEST_P(DatabaseTest, TransactionRollsBackAndReportsWhenTheWorkThrows) {
  testing::ScratchDatabase scratch(GetParam());
  core::Result<Database> db = OpenWithTable(scratch.url());
  ASSERT_TRUE(db.ok());
  core::Status thrown = db->Transaction([](soci::session& sql) -> core::Status {
    InsertItem(sql, "a");
    throw std::runtime_error("boom");
  });
  ASSERT_FALSE(thrown.ok());
  EXPECT_EQ(thrown.error().code, core::ErrorCode::kInternal);
  EXPECT_EQ(thrown.error().id, "database_error");
  EXPECT_EQ(*thrown.error().Arg("detail"), "boom");

  core::Status bad_sql = db->Transaction([](soci::session& sql) -> core::Status {
    InsertItem(sql, "a");
    sql << "INSERT INTO no_such_table VALUES (1)";
    return core::Ok{};
  });
  ASSERT_FALSE(bad_sql.ok());
  EXPECT_EQ(bad_sql.error().id, "database_error");

  core::Status duplicate = db->Transaction([](soci::session& sql) -> core::Status {
    InsertItem(sql, "a");
    return InsertOk(sql, "a");
  });
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(duplicate.error().id, "conflict_duplicate_id");
  EXPECT_EQ(CountRows(*db, "items"), 0);

  // The connection is usable afterwards.
  EXPECT_TRUE(db->Transaction([](soci::session& sql) { return InsertOk(sql, "c"); }).ok());
  EXPECT_EQ(CountRows(*db, "items"), 1);
}

TEST_P(DatabaseTest, NestedTransactionFailureUndoesOnlyTheInnerWork) {
  testing::ScratchDatabase scratch(GetParam());
  core::Result<Database> db = OpenWithTable(scratch.url());
  ASSERT_TRUE(db.ok());
  Database& database = *db;
  core::Status outer = database.Transaction([&](soci::session& sql) -> core::Status {
    InsertItem(sql, "outer");
    core::Status inner = database.Transaction([](soci::session& sql) -> core::Status {
      InsertItem(sql, "inner");
      return core::MakeError(core::ErrorCode::kConflict, "inner_failed");
    });
    EXPECT_FALSE(inner.ok());
    return core::Ok{};
  });
  ASSERT_TRUE(outer.ok());
  std::string name;
  database.session() << "SELECT name FROM items", soci::into(name);
  EXPECT_EQ(CountRows(database, "items"), 1);
  EXPECT_EQ(name, "outer");
}

TEST_P(DatabaseTest, ReadersSeeCommittedDataOnlyAndAreNotBlockedByAWriter) {
  testing::ScratchDatabase scratch(GetParam());
  core::Result<Database> writer = OpenWithTable(scratch.url());
  ASSERT_TRUE(writer.ok());
  core::Result<Database> reader = writer->Connect();
  ASSERT_TRUE(reader.ok());
  core::Status status = writer->Transaction([&](soci::session& sql) -> core::Status {
    InsertItem(sql, "pending");
    EXPECT_EQ(CountRows(*reader, "items"), 0);  // SQLite in WAL mode: not blocked
    return core::Ok{};
  });
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(CountRows(*reader, "items"), 1);
}

TEST(Database, UtcTimestampIsIso8601InUtc) {
  const std::string now = UtcTimestamp();
  ASSERT_EQ(now.size(), 20u) << now;
  EXPECT_EQ(now[4], '-');
  EXPECT_EQ(now[10], 'T');
  EXPECT_EQ(now.back(), 'Z');
  EXPECT_TRUE(core::Date::Parse(now.substr(0, 10)).has_value()) << now;
}

}  // namespace
}  // namespace tremplin::store
