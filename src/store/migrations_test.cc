#include "store/migrations.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "store/test_support.h"

namespace tremplin::store {
namespace {


bool TableExists(Database& db, const std::string& table) {
  int count = 0;
  if (db.backend() == Backend::kSqlite)
    db.session() << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = :name",
        soci::use(table), soci::into(count);
  else
    db.session() << "SELECT COUNT(*) FROM information_schema.tables "
                    "WHERE table_schema = current_schema() AND table_name = :name",
        soci::use(table), soci::into(count);
  return count == 1;
}

// Every test runs on SQLite and on PostgreSQL.
class MigrationsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    db_ = scratch_.Open();
    ASSERT_TRUE(db_.has_value());
  }
  Database& db() { return *db_; }

  testing::ScratchDatabase scratch_{GetParam()};
  std::optional<Database> db_;
};

TREMPLIN_ON_EVERY_BACKEND(MigrationsTest);

TEST(MigrationsFor, EmbeddedSqliteMigrationsStartAtOne) {
  core::Result<std::vector<Migration>> migrations = MigrationsFor(Backend::kSqlite);
  ASSERT_TRUE(migrations.ok()) << *migrations.error().Arg("reason");
  ASSERT_FALSE(migrations->empty());
  EXPECT_EQ(migrations->front().version, 1);
  EXPECT_EQ(migrations->front().name, "initial");
  EXPECT_NE(migrations->front().sql.find("CREATE TABLE courses"), std::string_view::npos);
}

TEST(MigrationsFor, BothBackendsHaveTheSameVersionsAndNames) {
  core::Result<std::vector<Migration>> sqlite = MigrationsFor(Backend::kSqlite);
  core::Result<std::vector<Migration>> postgresql = MigrationsFor(Backend::kPostgresql);
  ASSERT_TRUE(sqlite.ok());
  ASSERT_TRUE(postgresql.ok());
  ASSERT_EQ(sqlite->size(), postgresql->size());
  for (size_t i = 0; i < sqlite->size(); ++i) {
    EXPECT_EQ((*sqlite)[i].version, (*postgresql)[i].version);
    EXPECT_EQ((*sqlite)[i].name, (*postgresql)[i].name);
  }
}

TEST(MigrationsFor, OrdersByVersionAndIgnoresOtherBackendsAndFiles) {
  const core::EmbeddedFile files[] = {
      {"src/store/migrations/sqlite/0002_more.sql", "B"},
      {"src/store/migrations/postgresql/0001_initial.sql", "P"},
      {"src/store/migrations/sqlite/README.md", "notes"},
      {"src/store/migrations/sqlite/0001_initial.sql", "A"},
  };
  core::Result<std::vector<Migration>> migrations = MigrationsFor(Backend::kSqlite, files);
  ASSERT_TRUE(migrations.ok());
  ASSERT_EQ(migrations->size(), 2u);
  EXPECT_EQ((*migrations)[0].version, 1);
  EXPECT_EQ((*migrations)[0].sql, "A");
  EXPECT_EQ((*migrations)[1].version, 2);
  EXPECT_EQ((*migrations)[1].name, "more");
}

TEST(MigrationsFor, RejectsBadNamesAndGaps) {
  const core::EmbeddedFile bad_name[] = {{"src/store/migrations/sqlite/1_initial.sql", ""}};
  core::Result<std::vector<Migration>> named = MigrationsFor(Backend::kSqlite, bad_name);
  ASSERT_FALSE(named.ok());
  EXPECT_EQ(named.error().id, "migration_invalid");

  const core::EmbeddedFile gap[] = {{"src/store/migrations/sqlite/0001_a.sql", ""},
                                    {"src/store/migrations/sqlite/0003_c.sql", ""}};
  core::Result<std::vector<Migration>> gapped = MigrationsFor(Backend::kSqlite, gap);
  ASSERT_FALSE(gapped.ok());
  EXPECT_EQ(gapped.error().id, "migration_invalid");
}

TEST_P(MigrationsTest, EmptyDatabaseHasVersionZero) { EXPECT_EQ(SchemaVersion(db()), 0); }

// The embedded migrations' latest version (they run 1, 2, 3…).
int LatestVersion(Backend backend) { return static_cast<int>(MigrationsFor(backend)->size()); }

TEST_P(MigrationsTest, EmptyDatabaseMigratesToTheLatestVersion) {
  const int latest = LatestVersion(GetParam());
  ASSERT_GE(latest, 2);
  core::Result<int> applied = Migrate(db());
  ASSERT_TRUE(applied.ok()) << applied.error().id << " " << *applied.error().Arg("detail");
  EXPECT_EQ(*applied, latest);
  EXPECT_EQ(SchemaVersion(db()), latest);
  for (const char* table : {"organisations", "courses", "course_professions", "course_sessions",
                            "change_counters", "catalogue_changes", "schema_migrations"})
    EXPECT_TRUE(TableExists(db(), table)) << table;

  std::string name, applied_at;
  db().session() << "SELECT name, applied_at FROM schema_migrations WHERE version = 1",
      soci::into(name), soci::into(applied_at);
  EXPECT_EQ(name, "initial");
  EXPECT_TRUE(core::Date::Parse(applied_at.substr(0, 10)).has_value()) << applied_at;
}

TEST_P(MigrationsTest, SecondRunAppliesNothing) {
  const int latest = LatestVersion(GetParam());
  ASSERT_TRUE(Migrate(db()).ok());
  core::Result<int> again = Migrate(db());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(SchemaVersion(db()), latest);
  int rows = 0;
  db().session() << "SELECT COUNT(*) FROM schema_migrations", soci::into(rows);
  EXPECT_EQ(rows, latest);
}

TEST_P(MigrationsTest, RefusesADatabaseMigratedByANewerBinary) {
  ASSERT_TRUE(Migrate(db()).ok());
  db().session() << "INSERT INTO schema_migrations (version, name, applied_at) "
                    "VALUES (99, 'future', '2031-01-01T00:00:00Z')";
  core::Result<int> refused = Migrate(db());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().id, "database_too_new");
  EXPECT_EQ(refused.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(*refused.error().Arg("version"), "99");
  EXPECT_EQ(*refused.error().Arg("known"), std::to_string(LatestVersion(GetParam())));
}

TEST_P(MigrationsTest, AppliesNewMigrationsInOrderAndRollsBackAFailingOne) {
  const std::vector<Migration> first = {
      {1, "a", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1)"}};
  ASSERT_TRUE(Migrate(db(), first).ok());

  std::vector<Migration> broken = first;
  broken.push_back({2, "b", "CREATE TABLE b (y INTEGER); INSERT INTO missing VALUES (1);"});
  core::Result<int> failed = Migrate(db(), broken);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(*failed.error().Arg("migration"), "2_b");
  EXPECT_EQ(SchemaVersion(db()), 1);
  EXPECT_FALSE(TableExists(db(), "b"));

  std::vector<Migration> fixed = first;
  fixed.push_back({2, "b", "CREATE TABLE b (y INTEGER)"});
  fixed.push_back({3, "c", "CREATE TABLE c (z INTEGER)"});
  core::Result<int> applied = Migrate(db(), fixed);
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(*applied, 2);
  EXPECT_EQ(SchemaVersion(db()), 3);
  EXPECT_TRUE(TableExists(db(), "b"));
  EXPECT_TRUE(TableExists(db(), "c"));
}

}  // namespace
}  // namespace tremplin::store
