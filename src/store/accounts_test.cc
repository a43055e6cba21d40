#include "store/accounts.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "store/catalogue_store.h"
#include "store/migrations.h"
#include "store/test_support.h"

namespace tremplin::store {
namespace {

using testing::SampleOrganisation;

// An argon2id string as libsodium writes it (the store keeps it as it is, whatever it holds).
constexpr const char* kSampleHash =
    "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4";

// Every test runs on SQLite and on PostgreSQL.
class AccountsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    db_ = scratch_.Open();
    ASSERT_TRUE(db_.has_value());
    core::Result<int> migrated = Migrate(*db_);
    ASSERT_TRUE(migrated.ok()) << migrated.error().id;
  }
  Database& db() { return *db_; }

  int64_t AddOrganisation(std::string siret) {
    core::Result<int64_t> id = InsertOrganisation(db(), SampleOrganisation(std::move(siret)));
    EXPECT_TRUE(id.ok()) << core::ToLogString(id.error());
    return id.ok() ? *id : 0;
  }

  static User SampleUser(std::string email, Role role = Role::kMember) {
    User user;
    user.email = std::move(email);
    user.name = "Camille Durand";
    user.role = role;
    user.password_hash = kSampleHash;
    return user;
  }

  int64_t AddUser(const User& user) {
    core::Result<int64_t> id = InsertUser(db(), user);
    EXPECT_TRUE(id.ok()) << core::ToLogString(id.error());
    return id.ok() ? *id : 0;
  }

  std::optional<User> ByEmail(std::string_view email) {
    core::Result<std::optional<User>> found = FindUserByEmail(db(), email);
    EXPECT_TRUE(found.ok()) << core::ToLogString(found.error());
    return found.ok() ? *found : std::nullopt;
  }

  std::optional<User> ById(int64_t id) {
    core::Result<std::optional<User>> found = FindUser(db(), id);
    EXPECT_TRUE(found.ok()) << core::ToLogString(found.error());
    return found.ok() ? *found : std::nullopt;
  }

  std::optional<UserSession> Session(std::string_view token_hash) {
    core::Result<std::optional<UserSession>> found = FindSession(db(), token_hash);
    EXPECT_TRUE(found.ok()) << core::ToLogString(found.error());
    return found.ok() ? *found : std::nullopt;
  }

  void AddSession(const UserSession& session) {
    core::Status stored = InsertSession(db(), session);
    ASSERT_TRUE(stored.ok()) << core::ToLogString(stored.error());
  }

  int64_t Failures(std::string_view key, int64_t since) {
    core::Result<int64_t> count = CountLoginFailures(db(), key, since);
    EXPECT_TRUE(count.ok()) << core::ToLogString(count.error());
    return count.ok() ? *count : -1;
  }

  int CountRows(const std::string& table) {
    int count = -1;
    db().session() << "SELECT COUNT(*) FROM " + table, soci::into(count);
    return count;
  }

  testing::ScratchDatabase scratch_{GetParam()};
  std::optional<Database> db_;
};

TREMPLIN_ON_EVERY_BACKEND(AccountsTest);

TEST(RoleTest, NamesRoundTrip) {
  EXPECT_EQ(ToString(Role::kAdmin), "admin");
  EXPECT_EQ(ToString(Role::kReviewer), "reviewer");
  EXPECT_EQ(ToString(Role::kMember), "member");
  for (Role role : {Role::kAdmin, Role::kReviewer, Role::kMember})
    EXPECT_EQ(ParseRole(ToString(role)), role);
  EXPECT_EQ(ParseRole("Admin"), std::nullopt);
  EXPECT_EQ(ParseRole(""), std::nullopt);
  EXPECT_EQ(ParseRole("superuser"), std::nullopt);
}

TEST_P(AccountsTest, UserRoundTripsByEmailAndById) {
  const int64_t first = AddOrganisation("73282932000074");
  const int64_t second = AddOrganisation("35600000000048");
  ASSERT_LT(first, second);
  User user = SampleUser("camille.durand@example.org");
  user.organisation_ids = {second, first};  // given out of order
  const int64_t id = AddUser(user);
  EXPECT_GT(id, 0);

  std::optional<User> found = ByEmail("camille.durand@example.org");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->email, "camille.durand@example.org");
  EXPECT_EQ(found->name, "Camille Durand");
  EXPECT_EQ(found->role, Role::kMember);
  EXPECT_EQ(found->password_hash, kSampleHash);
  EXPECT_FALSE(found->disabled);
  EXPECT_EQ(found->organisation_ids, (std::vector<int64_t>{first, second}));  // listed by id

  std::optional<User> again = ById(id);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->email, found->email);
  EXPECT_EQ(again->name, found->name);
  EXPECT_EQ(again->role, found->role);
  EXPECT_EQ(again->password_hash, found->password_hash);
  EXPECT_EQ(again->disabled, found->disabled);
  EXPECT_EQ(again->organisation_ids, found->organisation_ids);
}

TEST_P(AccountsTest, EmailIsStoredAndFoundInLowerCase) {
  const int64_t id = AddUser(SampleUser("Camille.DURAND@Example.ORG"));
  for (std::string_view typed : {"camille.durand@example.org", "CAMILLE.DURAND@EXAMPLE.ORG",
                                 "Camille.Durand@example.org"}) {
    SCOPED_TRACE(typed);
    std::optional<User> found = ByEmail(typed);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->id, id);
    EXPECT_EQ(found->email, "camille.durand@example.org");
  }
  EXPECT_FALSE(ByEmail("camille.durand@example.com").has_value());
  EXPECT_FALSE(ByEmail("camille.durand").has_value());
}

TEST_P(AccountsTest, EveryRoleRoundTrips) {
  int n = 0;
  for (Role role : {Role::kAdmin, Role::kReviewer, Role::kMember}) {
    SCOPED_TRACE(std::string(ToString(role)));
    const int64_t id = AddUser(SampleUser("user" + std::to_string(n++) + "@example.org", role));
    std::optional<User> found = ById(id);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->role, role);
  }
}

TEST_P(AccountsTest, DisabledFlagRoundTrips) {
  User disabled = SampleUser("gone@example.org");
  disabled.disabled = true;
  const int64_t disabled_id = AddUser(disabled);
  const int64_t active_id = AddUser(SampleUser("here@example.org"));
  std::optional<User> gone = ById(disabled_id);
  std::optional<User> here = ById(active_id);
  ASSERT_TRUE(gone.has_value() && here.has_value());
  EXPECT_TRUE(gone->disabled);
  EXPECT_FALSE(here->disabled);
}

TEST_P(AccountsTest, UserWithoutPasswordOrOrganisationsRoundTrips) {
  User user = SampleUser("new@example.org", Role::kReviewer);
  user.password_hash.clear();
  const int64_t id = AddUser(user);
  std::optional<User> found = ById(id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->password_hash, "");
  EXPECT_TRUE(found->organisation_ids.empty());
}

TEST_P(AccountsTest, DuplicateEmailIsAConflictWhateverItsCase) {
  AddUser(SampleUser("camille@example.org"));
  for (std::string_view email : {"camille@example.org", "CAMILLE@Example.org"}) {
    SCOPED_TRACE(email);
    core::Result<int64_t> again = InsertUser(db(), SampleUser(std::string(email)));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
    EXPECT_EQ(again.error().id, "conflict_duplicate_email");
    EXPECT_EQ(again.error().field, "email");
  }
  EXPECT_EQ(CountRows("users"), 1);
}

TEST_P(AccountsTest, UnknownOrganisationIsRefusedAndNothingIsStored) {
  const int64_t known = AddOrganisation("73282932000074");
  User user = SampleUser("camille@example.org");
  user.organisation_ids = {known, known + 1000};
  core::Result<int64_t> id = InsertUser(db(), user);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(id.error().id, "conflict_unknown_reference");
  EXPECT_EQ(CountRows("users"), 0);
  EXPECT_EQ(CountRows("user_organisations"), 0);
  EXPECT_FALSE(ByEmail("camille@example.org").has_value());
  // The email is still free.
  user.organisation_ids = {known};
  EXPECT_GT(AddUser(user), 0);
}

TEST_P(AccountsTest, UnknownUserIsNotFound) {
  EXPECT_FALSE(ById(1).has_value());
  EXPECT_FALSE(ByEmail("nobody@example.org").has_value());
  const int64_t id = AddUser(SampleUser("somebody@example.org"));
  EXPECT_FALSE(ById(id + 1).has_value());
  EXPECT_FALSE(ById(0).has_value());
  EXPECT_FALSE(ById(-1).has_value());
}

// FindUserByEmail("") must look for the email "", never for another one.
TEST_P(AccountsTest, EmptyEmailFindsNoUser) {
  AddUser(SampleUser("0"));
  AddUser(SampleUser("1"));
  std::optional<User> found = ByEmail("");
  EXPECT_FALSE(found.has_value()) << "found the user " << found->id << " <" << found->email
                                  << ">";
}

TEST_P(AccountsTest, ValuesWithQuotesAndUnicodeAreStoredIntact) {
  User user = SampleUser("o'brien+\"x\";--@exämple.org");
  user.name = "Zoë O'Brien\"; DROP TABLE users; -- « 100 % » _x_ \\ 日本 👩‍💻";
  user.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$'quote';--$\\";
  const int64_t id = AddUser(user);
  std::optional<User> found = ByEmail("O'BRIEN+\"X\";--@exämple.org");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->email, "o'brien+\"x\";--@exämple.org");
  EXPECT_EQ(found->name, user.name);
  EXPECT_EQ(found->password_hash, user.password_hash);
  EXPECT_EQ(CountRows("users"), 1);

  UserSession session{"'; DELETE FROM user_sessions; --", id, "« csrf » ' \" 🍪", 10, 20};
  AddSession(session);
  std::optional<UserSession> stored = Session(session.token_hash);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->csrf_token, session.csrf_token);
  EXPECT_FALSE(Session("' OR '1'='1").has_value());

  const std::string key = "account:' OR 1=1 -- ünïcode";
  ASSERT_TRUE(RecordLoginFailure(db(), key, 100).ok());
  EXPECT_EQ(Failures(key, 0), 1);
  EXPECT_EQ(Failures("account:' OR '1'='1", 0), 0);
}

TEST_P(AccountsTest, SetPasswordHashReplacesTheHashOfThatUserOnly) {
  const int64_t camille = AddUser(SampleUser("camille@example.org"));
  const int64_t dominique = AddUser(SampleUser("dominique@example.org"));
  const std::string replaced = "$argon2id$v=19$m=65536,t=2,p=1$bmV3c2FsdA$bmV3aGFzaA";
  ASSERT_TRUE(SetPasswordHash(db(), camille, replaced).ok());
  EXPECT_EQ(ById(camille)->password_hash, replaced);
  EXPECT_EQ(ById(dominique)->password_hash, kSampleHash);
  ASSERT_TRUE(SetPasswordHash(db(), camille, "").ok());
  EXPECT_EQ(ById(camille)->password_hash, "");
}

TEST_P(AccountsTest, SessionRoundTripsAndIsTouchedAndDeleted) {
  const int64_t id = AddUser(SampleUser("camille@example.org"));
  const std::string hash(64, 'a');
  AddSession(UserSession{hash, id, std::string(64, 'c'), 1'700'000'000, 1'700'000'100});

  std::optional<UserSession> found = Session(hash);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->token_hash, hash);
  EXPECT_EQ(found->user_id, id);
  EXPECT_EQ(found->csrf_token, std::string(64, 'c'));
  EXPECT_EQ(found->created_unix, 1'700'000'000);
  EXPECT_EQ(found->seen_unix, 1'700'000'100);
  EXPECT_FALSE(Session(std::string(64, 'b')).has_value());
  EXPECT_FALSE(Session("").has_value());

  ASSERT_TRUE(TouchSession(db(), hash, 1'700'000'500).ok());
  found = Session(hash);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->seen_unix, 1'700'000'500);
  EXPECT_EQ(found->created_unix, 1'700'000'000);  // unchanged

  // Times past 2038 (64 bits).
  ASSERT_TRUE(TouchSession(db(), hash, 5'000'000'000).ok());
  EXPECT_EQ(Session(hash)->seen_unix, 5'000'000'000);

  ASSERT_TRUE(DeleteSession(db(), hash).ok());
  EXPECT_FALSE(Session(hash).has_value());
  EXPECT_TRUE(DeleteSession(db(), hash).ok());  // deleting again does no harm
  EXPECT_EQ(CountRows("user_sessions"), 0);
}

TEST_P(AccountsTest, TouchAndDeleteAffectOnlyTheirSession) {
  const int64_t id = AddUser(SampleUser("camille@example.org"));
  AddSession(UserSession{"one", id, "csrf1", 100, 100});
  AddSession(UserSession{"two", id, "csrf2", 100, 100});
  ASSERT_TRUE(TouchSession(db(), "one", 200).ok());
  EXPECT_EQ(Session("one")->seen_unix, 200);
  EXPECT_EQ(Session("two")->seen_unix, 100);
  ASSERT_TRUE(DeleteSession(db(), "one").ok());
  EXPECT_FALSE(Session("one").has_value());
  ASSERT_TRUE(Session("two").has_value());
  EXPECT_EQ(Session("two")->csrf_token, "csrf2");
}

TEST_P(AccountsTest, SessionTokenHashIsUnique) {
  const int64_t id = AddUser(SampleUser("camille@example.org"));
  AddSession(UserSession{"same", id, "csrf1", 100, 100});
  core::Status again = InsertSession(db(), UserSession{"same", id, "csrf2", 200, 200});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(Session("same")->csrf_token, "csrf1");
}

TEST_P(AccountsTest, SessionOfAnUnknownUserIsRefused) {
  core::Status stored = InsertSession(db(), UserSession{"hash", 42, "csrf", 100, 100});
  ASSERT_FALSE(stored.ok());
  EXPECT_EQ(stored.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(stored.error().id, "conflict_unknown_reference");
  EXPECT_EQ(CountRows("user_sessions"), 0);
}

TEST_P(AccountsTest, DeleteSessionsOfRemovesOnlyThatUsersSessions) {
  const int64_t camille = AddUser(SampleUser("camille@example.org"));
  const int64_t dominique = AddUser(SampleUser("dominique@example.org"));
  AddSession(UserSession{"camille-laptop", camille, "c1", 100, 100});
  AddSession(UserSession{"camille-phone", camille, "c2", 100, 100});
  AddSession(UserSession{"dominique", dominique, "d1", 100, 100});
  ASSERT_TRUE(DeleteSessionsOf(db(), camille).ok());
  EXPECT_FALSE(Session("camille-laptop").has_value());
  EXPECT_FALSE(Session("camille-phone").has_value());
  std::optional<UserSession> kept = Session("dominique");
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->user_id, dominique);
  EXPECT_EQ(CountRows("user_sessions"), 1);
  EXPECT_TRUE(DeleteSessionsOf(db(), camille).ok());  // none left: no harm
  EXPECT_TRUE(ById(camille).has_value());             // the user stays
}

TEST_P(AccountsTest, LoginFailuresAreCountedWithinTheWindow) {
  const std::string account = "account:camille@example.org";
  EXPECT_EQ(Failures(account, 0), 0);
  for (int64_t at : {100, 200, 300, 400}) ASSERT_TRUE(RecordLoginFailure(db(), account, at).ok());
  EXPECT_EQ(Failures(account, 0), 4);
  EXPECT_EQ(Failures(account, 100), 4);  // since is inclusive
  EXPECT_EQ(Failures(account, 101), 3);
  EXPECT_EQ(Failures(account, 300), 2);
  EXPECT_EQ(Failures(account, 401), 0);
  // Two failures at the same second both count.
  ASSERT_TRUE(RecordLoginFailure(db(), account, 400).ok());
  EXPECT_EQ(Failures(account, 400), 2);
  // Keys are distinct, also from a key that is a prefix of another.
  EXPECT_EQ(Failures("account:camille@example.or", 0), 0);
  EXPECT_EQ(Failures("address:192.0.2.1", 0), 0);
}

TEST_P(AccountsTest, ClearingLoginFailuresForgetsOnlyThatKey) {
  const std::string account = "account:camille@example.org";
  const std::string other = "account:dominique@example.org";
  const std::string address = "address:192.0.2.1";
  for (int64_t at : {100, 200}) {
    ASSERT_TRUE(RecordLoginFailure(db(), account, at).ok());
    ASSERT_TRUE(RecordLoginFailure(db(), other, at).ok());
    ASSERT_TRUE(RecordLoginFailure(db(), address, at).ok());
  }
  ASSERT_TRUE(ClearLoginFailures(db(), account).ok());
  EXPECT_EQ(Failures(account, 0), 0);
  EXPECT_EQ(Failures(other, 0), 2);
  EXPECT_EQ(Failures(address, 0), 2);
  EXPECT_TRUE(ClearLoginFailures(db(), account).ok());  // nothing left: no harm
  // Counting starts again after a clear.
  ASSERT_TRUE(RecordLoginFailure(db(), account, 300).ok());
  EXPECT_EQ(Failures(account, 0), 1);
}

TEST_P(AccountsTest, DeletingAUserDeletesItsSessionsAndMemberships) {
  const int64_t organisation = AddOrganisation("73282932000074");
  User user = SampleUser("camille@example.org");
  user.organisation_ids = {organisation};
  const int64_t id = AddUser(user);
  AddSession(UserSession{"hash", id, "csrf", 100, 100});
  db().session() << "DELETE FROM users WHERE id = :id", soci::use(id);
  EXPECT_EQ(CountRows("user_sessions"), 0);
  EXPECT_EQ(CountRows("user_organisations"), 0);
  EXPECT_EQ(CountRows("organisations"), 1);
}

}  // namespace
}  // namespace tremplin::store
