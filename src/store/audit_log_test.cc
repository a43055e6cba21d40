#include "store/audit_log.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <optional>
#include <thread>

#include "store/catalogue_store.h"
#include "store/migrations.h"
#include "store/test_support.h"

namespace tremplin::store {
namespace {

class AuditLogTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    db_ = scratch_.Open();
    ASSERT_TRUE(db_.has_value());
    ASSERT_TRUE(Migrate(*db_).ok());
  }
  Database& db() { return *db_; }

  int64_t Append(std::string action, std::string after = "{}") {
    AuditEntry e;
    e.actor = "test";
    e.action = std::move(action);
    e.entity = "course:1";
    e.after_state = std::move(after);
    core::Result<int64_t> id = AppendAudit(db(), e);
    EXPECT_TRUE(id.ok()) << core::ToLogString(id.error());
    return id.ok() ? *id : 0;
  }

  // What someone with direct access to the database could do: lift the append-only guard,
  // then run `statement`.
  void Tamper(const std::string& statement) {
    if (GetParam() == Backend::kSqlite) {
      db().session() << "DROP TRIGGER audit_log_no_update";
      db().session() << "DROP TRIGGER audit_log_no_delete";
    } else {
      db().session() << "DROP TRIGGER audit_log_append_only ON audit_log";
    }
    db().session() << statement;
  }

  testing::ScratchDatabase scratch_{GetParam()};
  std::optional<Database> db_;
};

TREMPLIN_ON_EVERY_BACKEND(AuditLogTest);

TEST_P(AuditLogTest, EntriesFormAChainThatVerifies) {
  EXPECT_EQ(Append("course.edit"), 1);
  EXPECT_EQ(Append("course.edit", R"({"title":"« Ça » ; DROP TABLE x;--"})"), 2);
  EXPECT_EQ(Append("course.edit"), 3);
  core::Result<std::vector<AuditEntry>> entries = ReadAudit(db());
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].previous_hash, "");
  EXPECT_EQ((*entries)[1].previous_hash, (*entries)[0].hash);
  EXPECT_EQ((*entries)[2].previous_hash, (*entries)[1].hash);
  EXPECT_EQ((*entries)[1].after_state, R"({"title":"« Ça » ; DROP TABLE x;--"})");
  EXPECT_EQ((*entries)[0].hash.size(), 64u);
  EXPECT_EQ(EntryHash((*entries)[2]), (*entries)[2].hash);
  core::Result<AuditVerification> verified = VerifyAudit(db());
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->entries, 3);
  EXPECT_FALSE(verified->first_broken.has_value()) << verified->reason;
}

TEST_P(AuditLogTest, UpdatesAndDeletesAreRefused) {
  Append("course.edit");
  core::Status update = db().Transaction([](soci::session& sql) -> core::Status {
    sql << "UPDATE audit_log SET actor = 'someone else'";
    return core::Ok{};
  });
  EXPECT_FALSE(update.ok());
  core::Status erase = db().Transaction([](soci::session& sql) -> core::Status {
    sql << "DELETE FROM audit_log";
    return core::Ok{};
  });
  EXPECT_FALSE(erase.ok());
  EXPECT_EQ(ReadAudit(db())->front().actor, "test");
}

TEST_P(AuditLogTest, AnEditedEntryIsNamedByVerify) {
  for (int i = 0; i < 4; ++i) Append("course.edit");
  Tamper("UPDATE audit_log SET after_state = '{\"title\":\"forged\"}' WHERE id = 3");
  core::Result<AuditVerification> verified = VerifyAudit(db());
  ASSERT_TRUE(verified.ok());
  ASSERT_TRUE(verified->first_broken.has_value());
  EXPECT_EQ(*verified->first_broken, 3);
  EXPECT_NE(verified->reason.find("does not match its hash"), std::string::npos) << verified->reason;
}

TEST_P(AuditLogTest, AnEntryRehashedAfterEditingBreaksTheNextLink) {
  for (int i = 0; i < 4; ++i) Append("course.edit");
  AuditEntry second = ReadAudit(db())->at(1);
  second.actor = "forger";
  std::string forged_hash = EntryHash(second);
  Tamper("UPDATE audit_log SET actor = 'forger', hash = '" + forged_hash + "' WHERE id = 2");
  core::Result<AuditVerification> verified = VerifyAudit(db());
  ASSERT_TRUE(verified.ok());
  ASSERT_TRUE(verified->first_broken.has_value());
  EXPECT_EQ(*verified->first_broken, 3);
  EXPECT_NE(verified->reason.find("previous_hash"), std::string::npos) << verified->reason;
}

TEST_P(AuditLogTest, ADeletedEntryIsNamedByVerify) {
  for (int i = 0; i < 4; ++i) Append("course.edit");
  Tamper("DELETE FROM audit_log WHERE id = 2");
  core::Result<AuditVerification> verified = VerifyAudit(db());
  ASSERT_TRUE(verified.ok());
  ASSERT_TRUE(verified->first_broken.has_value());
  EXPECT_EQ(*verified->first_broken, 3);
  EXPECT_NE(verified->reason.find("entry 2 is missing"), std::string::npos) << verified->reason;
}

TEST_P(AuditLogTest, CourseEditsAreRecordedWithTheirStateBeforeAndAfter) {
  core::Result<int64_t> organisation = InsertOrganisation(db(), testing::SampleOrganisation());
  ASSERT_TRUE(organisation.ok());
  core::Result<int64_t> id = InsertCourse(db(), testing::SampleCourse(*organisation));
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(EditCourse(db(), *id, "api-token", [](core::Course& c) -> core::Status {
                c.title = "Technicien fibre";
                return core::Ok{};
              }).ok());
  // A refused edit leaves no entry.
  ASSERT_FALSE(EditCourse(db(), *id, "api-token", [](core::Course&) -> core::Status {
                 return core::MakeError(core::ErrorCode::kInvalidArgument, "course_title_required");
               }).ok());
  core::Result<std::vector<AuditEntry>> entries = ReadAudit(db());
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  const AuditEntry& e = entries->front();
  EXPECT_EQ(e.actor, "api-token");
  EXPECT_EQ(e.action, "course.edit");
  EXPECT_EQ(e.entity, "course:" + std::to_string(*id));
  EXPECT_NE(e.before_state.find("\"title\":\"Développeur·se web et web mobile\""), std::string::npos)
      << e.before_state;
  EXPECT_NE(e.after_state.find("\"title\":\"Technicien fibre\""), std::string::npos) << e.after_state;
  EXPECT_NE(e.after_state.find("\"sessions\":[{\"id\":"), std::string::npos) << e.after_state;
  EXPECT_FALSE(e.at.empty());
}

TEST(AuditLog, PostgresqlConcurrentAppendsFormOneChain) {
  testing::ScratchDatabase scratch(Backend::kPostgresql);
  std::optional<Database> db = scratch.Open();
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE(Migrate(*db).ok());
  auto writer = [&] {
    std::optional<Database> own = scratch.Open();
    ASSERT_TRUE(own.has_value());
    for (int i = 0; i < 20; ++i) {
      AuditEntry e;
      e.actor = "writer";
      e.action = "course.edit";
      e.entity = "course:1";
      ASSERT_TRUE(AppendAudit(*own, e).ok());
    }
  };
  std::thread a(writer), b(writer);
  a.join();
  b.join();
  core::Result<AuditVerification> verified = VerifyAudit(*db);
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->entries, 40);
  EXPECT_FALSE(verified->first_broken.has_value()) << verified->reason;
}

}  // namespace
}  // namespace tremplin::store
