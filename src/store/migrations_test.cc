#include "store/migrations.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "core/course.h"
#include "store/catalogue_store.h"
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

// Schema 6 gives a stored 'closed' a new meaning (the organisation's decision): sessions that a
// schema-5 database holds as 'closed' because their enrolment was over go back to their dates
// deciding. A 'full' session stays full. Sent mails lose their text (it may hold a link).
TEST_P(MigrationsTest, SchemaSixLetsTheDatesDecideOfSessionsStoredClosedBefore) {
  core::Result<std::vector<Migration>> all = MigrationsFor(GetParam());
  ASSERT_TRUE(all.ok());
  ASSERT_GE(all->size(), 6u);
  ASSERT_EQ((*all)[5].version, 6);
  ASSERT_TRUE(Migrate(db(), std::vector<Migration>(all->begin(), all->begin() + 5)).ok());
  ASSERT_EQ(SchemaVersion(db()), 5);

  soci::session& sql = db().session();
  int64_t organisation = 0, course = 0;
  sql << "INSERT INTO organisations (siret, name, created_at, updated_at) VALUES "
         "('73282932000074', 'Les Ateliers', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') "
         "RETURNING id",
      soci::into(organisation);
  sql << "INSERT INTO courses (organisation_id, title, delivery_mode, label_state, "
         "label_granted_on, label_expires_on, version, created_at, updated_at) VALUES (:org, "
         "'Développeur web', 'remote', 'labelled', '2025-01-01', '2028-01-01', 1, "
         "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id",
      soci::use(organisation), soci::into(course);
  // Enrolment over on 2026-03-10 (stored 'closed' by the dates), open, and full.
  for (std::string values : {"'2026-04-06', '2026-06-26', '2026-01-05', '2026-03-01', 'closed'",
                              "'2026-05-04', '2026-07-24', '2026-02-02', '2026-04-20', 'open'",
                              "'2026-05-11', '2026-07-31', '2026-02-02', '2026-04-27', 'full'"})
    sql << "INSERT INTO course_sessions (course_id, start_date, end_date, enrolment_opens, "
           "enrolment_closes, recruitment_state) VALUES (:course, " + values + ")",
        soci::use(course);
  sql << "INSERT INTO outbox (to_address, subject, body, created_at, next_attempt_unix, sent_at) "
         "VALUES ('a@example.org', 'Lien', 'https://site/invitation?jeton=secret', "
         "'2026-01-01T00:00:00Z', 0, '2026-01-01T00:00:05Z')";

  core::Result<int> migrated = Migrate(db());
  ASSERT_TRUE(migrated.ok()) << core::ToLogString(migrated.error());
  EXPECT_EQ(*migrated, static_cast<int>(all->size()) - 5);

  core::Result<core::Course> stored = FindCourse(db(), course);
  ASSERT_TRUE(stored.ok()) << core::ToLogString(stored.error());
  ASSERT_EQ(stored->sessions.size(), 3u);
  const core::Date today = core::Date::FromYmd(2026, 3, 10);
  std::vector<core::RecruitmentState> kept;
  for (const core::Session& s : stored->sessions) kept.push_back(s.recruitment);
  EXPECT_EQ(kept, (std::vector<core::RecruitmentState>{core::RecruitmentState::kOpen,
                                                       core::RecruitmentState::kOpen,
                                                       core::RecruitmentState::kFull}));
  // As shown: the first is closed by its dates only, so new dates would open it again.
  EXPECT_EQ(core::RecruitmentOn(stored->sessions[0], today), core::RecruitmentState::kClosed);
  core::Session moved = stored->sessions[0];
  moved.enrolment_closes = core::Date::FromYmd(2026, 3, 31);
  EXPECT_EQ(core::RecruitmentOn(moved, today), core::RecruitmentState::kOpen);
  EXPECT_EQ(core::RecruitmentOn(stored->sessions[1], today), core::RecruitmentState::kOpen);
  EXPECT_EQ(core::RecruitmentOn(stored->sessions[2], today), core::RecruitmentState::kFull);

  std::string body = "not read";
  sql << "SELECT body FROM outbox", soci::into(body);
  EXPECT_EQ(body, "");
}

}  // namespace
}  // namespace tremplin::store
