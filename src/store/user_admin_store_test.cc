// The store's side of the administrators' account pages: listing users, changing their name,
// role, organisations and disabled state, audited, and never leaving no active administrator.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "store/accounts.h"
#include "store/audit_log.h"
#include "store/catalogue_store.h"
#include "store/migrations.h"
#include "store/test_support.h"

namespace tremplin::store {
namespace {

using testing::SampleOrganisation;

class UserAdminStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    db_ = scratch_.Open();
    ASSERT_TRUE(db_.has_value());
    core::Result<int> migrated = Migrate(*db_);
    ASSERT_TRUE(migrated.ok()) << migrated.error().id;
    first_ = AddOrganisation("73282932000074");
    second_ = AddOrganisation("35600000000048");
  }
  Database& db() { return *db_; }

  int64_t AddOrganisation(std::string siret) {
    core::Result<int64_t> id = InsertOrganisation(db(), SampleOrganisation(std::move(siret)));
    EXPECT_TRUE(id.ok()) << core::ToLogString(id.error());
    return id.ok() ? *id : 0;
  }

  int64_t AddUser(std::string email, std::string name, Role role,
                  std::vector<int64_t> organisations = {}) {
    User user;
    user.email = std::move(email);
    user.name = std::move(name);
    user.role = role;
    user.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    user.organisation_ids = std::move(organisations);
    core::Result<int64_t> id = InsertUser(db(), user);
    EXPECT_TRUE(id.ok()) << core::ToLogString(id.error());
    return id.ok() ? *id : 0;
  }

  User Stored(int64_t id) {
    core::Result<std::optional<User>> found = FindUser(db(), id);
    EXPECT_TRUE(found.ok() && found->has_value());
    return found.ok() && *found ? **found : User{};
  }

  int64_t SessionsOf(int64_t user_id) {
    int64_t count = 0;
    db().session() << "SELECT COUNT(*) FROM user_sessions WHERE user_id = :id", soci::use(user_id),
        soci::into(count);
    return count;
  }

  void OpenSession(int64_t user_id, std::string token_hash) {
    ASSERT_TRUE(InsertSession(db(), {std::move(token_hash), user_id, "csrf", 100, 100}).ok());
  }

  std::vector<AuditEntry> UserEntries() {
    core::Result<std::vector<AuditEntry>> all = ReadAudit(db());
    EXPECT_TRUE(all.ok());
    std::vector<AuditEntry> out;
    for (const AuditEntry& e : all.ok() ? *all : std::vector<AuditEntry>{})
      if (e.action.starts_with("user.")) out.push_back(e);
    return out;
  }

  testing::ScratchDatabase scratch_{GetParam()};
  std::optional<Database> db_;
  int64_t first_ = 0, second_ = 0;
};

TREMPLIN_ON_EVERY_BACKEND(UserAdminStoreTest);

TEST_P(UserAdminStoreTest, ListUsersGivesEveryUserWithTheirOrganisations) {
  int64_t alice = AddUser("alice@example.org", "Alice", Role::kMember, {second_, first_});
  int64_t bob = AddUser("bob@example.org", "Bob", Role::kReviewer);
  core::Result<std::vector<User>> users = ListUsers(db());
  ASSERT_TRUE(users.ok()) << core::ToLogString(users.error());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].id, alice);
  EXPECT_EQ((*users)[0].name, "Alice");
  EXPECT_EQ((*users)[0].role, Role::kMember);
  EXPECT_EQ((*users)[0].organisation_ids, (std::vector<int64_t>{first_, second_}));
  EXPECT_FALSE((*users)[0].password_hash.empty());
  EXPECT_EQ((*users)[1].id, bob);
  EXPECT_TRUE((*users)[1].organisation_ids.empty());
  EXPECT_FALSE((*users)[1].disabled);
}

TEST_P(UserAdminStoreTest, UpdateUserStoresNameRoleOrganisationsAndLeavesEmailAndPassword) {
  int64_t id = AddUser("alice@example.org", "Alice", Role::kMember, {first_});
  User before = Stored(id);
  User changed = before;
  changed.name = "Alice O'Brien \"; DROP TABLE users; -- \\ <b>";
  changed.organisation_ids = {second_, second_};  // a duplicate is stored once
  changed.email = "other@example.org";            // not changed by UpdateUser
  changed.password_hash = "";
  ASSERT_TRUE(UpdateUser(db(), changed).ok());
  User after = Stored(id);
  EXPECT_EQ(after.name, changed.name);
  EXPECT_EQ(after.organisation_ids, std::vector<int64_t>{second_});
  EXPECT_EQ(after.email, "alice@example.org");
  EXPECT_EQ(after.password_hash, before.password_hash);

  changed.role = Role::kReviewer;
  changed.organisation_ids.clear();
  ASSERT_TRUE(UpdateUser(db(), changed).ok());
  EXPECT_EQ(Stored(id).role, Role::kReviewer);
  EXPECT_TRUE(Stored(id).organisation_ids.empty());
}

TEST_P(UserAdminStoreTest, DisablingEndsTheSessionsAndKeepsTheFirstDisablingTime) {
  int64_t id = AddUser("bob@example.org", "Bob", Role::kReviewer);
  OpenSession(id, "hash-1");
  OpenSession(id, "hash-2");
  User bob = Stored(id);
  bob.disabled = true;
  ASSERT_TRUE(UpdateUser(db(), bob).ok());
  EXPECT_TRUE(Stored(id).disabled);
  EXPECT_EQ(SessionsOf(id), 0);
  std::string first_time;
  db().session() << "SELECT disabled_at FROM users WHERE id = :id", soci::use(id),
      soci::into(first_time);
  EXPECT_FALSE(first_time.empty());
  db().session() << "UPDATE users SET disabled_at = '2020-01-01T00:00:00Z' WHERE id = :id",
      soci::use(id);
  bob.name = "Bob D.";
  ASSERT_TRUE(UpdateUser(db(), bob).ok());  // still disabled: the time stays
  std::string kept;
  db().session() << "SELECT disabled_at FROM users WHERE id = :id", soci::use(id), soci::into(kept);
  EXPECT_EQ(kept, "2020-01-01T00:00:00Z");

  bob.disabled = false;
  ASSERT_TRUE(UpdateUser(db(), bob).ok());
  EXPECT_FALSE(Stored(id).disabled);
}

TEST_P(UserAdminStoreTest, UpdateUserRefusesAnUnknownUserOrOrganisationAndChangesNothing) {
  int64_t id = AddUser("alice@example.org", "Alice", Role::kMember, {first_});
  User ghost = Stored(id);
  ghost.id = id + 1000;
  core::Status missing = UpdateUser(db(), ghost);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().id, "administration_user_not_found");

  User alice = Stored(id);
  alice.name = "Alice changée";
  alice.organisation_ids = {first_, second_ + 1000};
  core::Status unknown = UpdateUser(db(), alice);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().id, "conflict_unknown_reference");
  EXPECT_EQ(Stored(id).name, "Alice");
  EXPECT_EQ(Stored(id).organisation_ids, std::vector<int64_t>{first_});
}

TEST_P(UserAdminStoreTest, EditUserAuditsTheStateBeforeAndAfterWithoutThePasswordHash) {
  int64_t id = AddUser("alice@example.org", "Alice", Role::kMember, {first_, second_});
  core::Result<bool> changed =
      EditUser(db(), id, "user:7", "user.edit", [&](User& user) -> core::Status {
        user.organisation_ids = {second_};
        return core::Ok{};
      });
  ASSERT_TRUE(changed.ok()) << core::ToLogString(changed.error());
  EXPECT_TRUE(*changed);
  EXPECT_EQ(Stored(id).organisation_ids, std::vector<int64_t>{second_});
  std::vector<AuditEntry> entries = UserEntries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].actor, "user:7");
  EXPECT_EQ(entries[0].action, "user.edit");
  EXPECT_EQ(entries[0].entity, "user:" + std::to_string(id));
  const std::string both = std::to_string(first_) + "," + std::to_string(second_);
  EXPECT_EQ(entries[0].before_state, R"({"name":"Alice","role":"member","organisation_ids":[)" +
                                         both + R"(],"disabled":false})");
  EXPECT_EQ(entries[0].after_state, R"({"name":"Alice","role":"member","organisation_ids":[)" +
                                        std::to_string(second_) + R"(],"disabled":false})");
  EXPECT_EQ(entries[0].after_state.find("argon2"), std::string::npos);
  ASSERT_TRUE(VerifyAudit(db()).ok());
  EXPECT_FALSE(VerifyAudit(db())->first_broken.has_value());
}

TEST_P(UserAdminStoreTest, EditUserWithoutChangeStoresAndAuditsNothing) {
  int64_t id = AddUser("alice@example.org", "Alice", Role::kMember, {first_});
  core::Result<bool> changed =
      EditUser(db(), id, "user:7", "user.edit", [](User& user) -> core::Status {
        user.organisation_ids = {user.organisation_ids[0], user.organisation_ids[0]};
        return core::Ok{};
      });
  ASSERT_TRUE(changed.ok());
  EXPECT_FALSE(*changed);
  EXPECT_TRUE(UserEntries().empty());
}

TEST_P(UserAdminStoreTest, EditUserRefusedByItsEditOrForAnUnknownUserChangesNothing) {
  int64_t id = AddUser("alice@example.org", "Alice", Role::kMember, {first_});
  core::Result<bool> refused =
      EditUser(db(), id, "user:7", "user.edit", [](User& user) -> core::Status {
        user.name = "Changed";
        return core::MakeError(core::ErrorCode::kInvalidArgument, "person_name_required",
                               "name");
      });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().id, "person_name_required");
  core::Result<bool> missing = EditUser(db(), id + 1000, "user:7", "user.edit",
                                        [](User&) -> core::Status { return core::Ok{}; });
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(Stored(id).name, "Alice");
  EXPECT_TRUE(UserEntries().empty());
}

TEST_P(UserAdminStoreTest, TheLastActiveAdministratorCannotBeDemotedNorDisabled) {
  int64_t ada = AddUser("ada@example.org", "Ada", Role::kAdmin);
  int64_t grace = AddUser("grace@example.org", "Grace", Role::kAdmin);
  // With two, one may go.
  core::Result<bool> demoted =
      EditUser(db(), grace, "user:1", "user.edit", [](User& user) -> core::Status {
        user.role = Role::kReviewer;
        return core::Ok{};
      });
  ASSERT_TRUE(demoted.ok()) << core::ToLogString(demoted.error());
  for (bool disable : {false, true}) {
    SCOPED_TRACE(disable ? "disabled" : "demoted");
    core::Result<bool> last = EditUser(db(), ada, "user:2", disable ? "user.disable" : "user.edit",
                                       [&](User& user) -> core::Status {
                                         if (disable)
                                           user.disabled = true;
                                         else
                                           user.role = Role::kMember;
                                         return core::Ok{};
                                       });
    ASSERT_FALSE(last.ok());
    EXPECT_EQ(last.error().code, core::ErrorCode::kConflict);
    EXPECT_EQ(last.error().id, "administration_last_admin");
  }
  EXPECT_EQ(Stored(ada).role, Role::kAdmin);
  EXPECT_FALSE(Stored(ada).disabled);
  // A disabled administrator does not count: Grace promoted but disabled leaves Ada the last.
  ASSERT_TRUE(EditUser(db(), grace, "user:1", "user.edit", [](User& user) -> core::Status {
                user.role = Role::kAdmin;
                user.disabled = true;
                return core::Ok{};
              }).ok());
  EXPECT_FALSE(EditUser(db(), ada, "user:2", "user.disable", [](User& user) -> core::Status {
                 user.disabled = true;
                 return core::Ok{};
               }).ok());
  EXPECT_EQ(UserEntries().size(), 2u);
}

}  // namespace
}  // namespace tremplin::store
