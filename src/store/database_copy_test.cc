#include "store/database_copy.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <optional>

#include "store/accounts.h"
#include "store/audit_log.h"
#include "store/catalogue_store.h"
#include "store/migrations.h"
#include "store/test_support.h"

namespace tremplin::store {
namespace {

using testing::ExpectSameCourse;
using testing::ExpectSameOrganisation;
using testing::SampleCourse;
using testing::SampleOrganisation;
using testing::ScratchDatabase;

// A migrated database holding two organisations and three courses written the way the
// application writes them (inserts, then an update: change numbers 1 to 4), one of them
// remote (sessions without coordinates) and one without sessions.
void Fill(Database& db) {
  ASSERT_TRUE(Migrate(db).ok());
  core::Result<int64_t> first = InsertOrganisation(db, SampleOrganisation("73282932000074"));
  core::Organisation other = SampleOrganisation("35600000000048");
  other.qualiopi_certified = false;
  other.name = "L’Atelier « numérique » d’Outre-mer 🌴";
  core::Result<int64_t> second = InsertOrganisation(db, other);
  ASSERT_TRUE(first.ok() && second.ok());
  for (int i = 0; i < 3; ++i) {
    core::Course course = SampleCourse(i == 1 ? *second : *first);
    course.title += " " + std::to_string(i);
    if (i == 2) course.sessions.clear();
    ASSERT_TRUE(InsertCourse(db, course).ok());
  }
  core::Result<Catalogue> loaded = LoadCatalogue(db);
  ASSERT_TRUE(loaded.ok());
  core::Course edited = loaded->courses[0];
  edited.summary = "Mise à jour : 'guillemets' et ; points-virgules";
  edited.sessions.pop_back();
  ASSERT_TRUE(UpdateCourse(db, edited).ok());
}

void ExpectSameCatalogue(Database& a, Database& b) {
  core::Result<Catalogue> left = LoadCatalogue(a), right = LoadCatalogue(b);
  ASSERT_TRUE(left.ok() && right.ok());
  ASSERT_EQ(left->organisations.size(), right->organisations.size());
  for (size_t i = 0; i < left->organisations.size(); ++i) {
    EXPECT_EQ(left->organisations[i].id, right->organisations[i].id);
    ExpectSameOrganisation(left->organisations[i], right->organisations[i]);
  }
  ASSERT_EQ(left->courses.size(), right->courses.size());
  for (size_t i = 0; i < left->courses.size(); ++i) {
    EXPECT_EQ(left->courses[i].id, right->courses[i].id);
    ExpectSameCourse(left->courses[i], right->courses[i]);
    for (size_t s = 0; s < left->courses[i].sessions.size(); ++s)
      EXPECT_EQ(left->courses[i].sessions[s].id, right->courses[i].sessions[s].id);
    EXPECT_EQ(*CourseVersion(a, left->courses[i].id), *CourseVersion(b, right->courses[i].id));
  }
}

TEST(DatabaseCopy, SqliteToPostgresqlAndBackKeepsEveryRow) {
  ScratchDatabase sqlite(Backend::kSqlite), postgresql(Backend::kPostgresql),
      back(Backend::kSqlite);
  std::optional<Database> source = sqlite.Open(), middle = postgresql.Open(),
                          target = back.Open();
  ASSERT_TRUE(source && middle && target);
  Fill(*source);
  User user;
  user.email = "camille@example.org";
  user.name = "Camille O'Brien";
  user.role = Role::kMember;
  user.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  user.organisation_ids = {1, 2};
  ASSERT_TRUE(InsertUser(*source, user).ok());
  for (const char* action : {"course.edit", "catalogue.import"})
    ASSERT_TRUE(AppendAudit(*source, {.actor = "test", .action = action, .entity = "course:1"}).ok());

  core::Result<std::vector<TableCheck>> there = CopyDatabase(*source, *middle);
  ASSERT_TRUE(there.ok()) << core::ToLogString(there.error());
  ASSERT_EQ(there->size(), 9u);
  EXPECT_EQ((*there)[0].table, "organisations");
  EXPECT_EQ((*there)[0].rows, 2);
  EXPECT_EQ((*there)[1].rows, 3);   // courses
  EXPECT_EQ((*there)[3].rows, 5);   // sessions: 3 + 3 + 0, less one removed by the update
  EXPECT_EQ((*there)[4].rows, 1);   // change_counters
  EXPECT_EQ((*there)[5].rows, 4);   // catalogue_changes: 3 inserts, 1 update
  EXPECT_EQ((*there)[6].rows, 2);   // audit_log
  EXPECT_EQ((*there)[7].rows, 1);   // users
  EXPECT_EQ((*there)[8].rows, 2);   // user_organisations
  EXPECT_EQ(*CheckTables(*source), *there);
  ExpectSameCatalogue(*source, *middle);
  EXPECT_FALSE(VerifyAudit(*middle)->first_broken.has_value());  // the chain survives the copy

  core::Result<std::vector<TableCheck>> again = CopyDatabase(*middle, *target);
  ASSERT_TRUE(again.ok()) << core::ToLogString(again.error());
  EXPECT_EQ(*again, *there);
  ExpectSameCatalogue(*source, *target);

  // The copy goes on where the original stopped: new ids after the copied ones, the next
  // change number.
  core::Result<int64_t> next = InsertCourse(*middle, SampleCourse(1));
  ASSERT_TRUE(next.ok()) << core::ToLogString(next.error());
  EXPECT_EQ(*next, 4);
  EXPECT_EQ(*CourseVersion(*middle, *next), 5);
  core::Result<int64_t> organisation =
      InsertOrganisation(*middle, SampleOrganisation("44306184100047"));
  ASSERT_TRUE(organisation.ok()) << core::ToLogString(organisation.error());
  EXPECT_EQ(*organisation, 3);
  User another = user;
  another.email = "dominique@example.org";
  core::Result<int64_t> next_user = InsertUser(*middle, another);
  ASSERT_TRUE(next_user.ok()) << core::ToLogString(next_user.error());
  EXPECT_EQ(*next_user, 2);
  EXPECT_EQ((*FindUserByEmail(*target, "camille@example.org"))->organisation_ids,
            (std::vector<int64_t>{1, 2}));
}

TEST(DatabaseCopy, RefusesATargetThatHoldsCoursesAndLeavesItAsItWas) {
  ScratchDatabase a(Backend::kSqlite), b(Backend::kSqlite);
  std::optional<Database> source = a.Open(), target = b.Open();
  ASSERT_TRUE(source && target);
  Fill(*source);
  ASSERT_TRUE(Migrate(*target).ok());
  ASSERT_TRUE(InsertOrganisation(*target, SampleOrganisation("44306184100047")).ok());
  core::Result<std::vector<TableCheck>> before = CheckTables(*target);

  core::Result<std::vector<TableCheck>> copied = CopyDatabase(*source, *target);
  ASSERT_FALSE(copied.ok());
  EXPECT_EQ(copied.error().id, "database_not_empty");
  EXPECT_EQ(*CheckTables(*target), *before);
}

TEST(DatabaseCopy, RefusesASourceAtAnotherSchemaVersion) {
  ScratchDatabase a(Backend::kSqlite), b(Backend::kSqlite);
  std::optional<Database> source = a.Open(), target = b.Open();
  ASSERT_TRUE(source && target);
  core::Result<std::vector<TableCheck>> copied = CopyDatabase(*source, *target);
  ASSERT_FALSE(copied.ok());
  EXPECT_EQ(copied.error().id, "database_schema_differs");
  EXPECT_EQ(*copied.error().Arg("source"), "0");
  EXPECT_EQ(*copied.error().Arg("expected"), "6");
}

TEST(DatabaseCopy, ChecksumsSeeAChangedValueOnPostgresql) {
  ScratchDatabase a(Backend::kSqlite), b(Backend::kPostgresql);
  std::optional<Database> source = a.Open(), target = b.Open();
  ASSERT_TRUE(source && target);
  Fill(*source);
  ASSERT_TRUE(CopyDatabase(*source, *target).ok());
  target->session() << "UPDATE course_sessions SET lat = lat + 1e-12 WHERE id = 1";
  core::Result<std::vector<TableCheck>> source_checks = CheckTables(*source);
  core::Result<std::vector<TableCheck>> target_checks = CheckTables(*target);
  ASSERT_TRUE(source_checks.ok() && target_checks.ok());
  EXPECT_EQ((*source_checks)[0], (*target_checks)[0]);
  EXPECT_EQ((*source_checks)[3].rows, (*target_checks)[3].rows);
  EXPECT_NE((*source_checks)[3].checksum, (*target_checks)[3].checksum);
}

}  // namespace
}  // namespace tremplin::store
