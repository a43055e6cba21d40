#include "store/user_tokens.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "store/accounts.h"
#include "store/audit_log.h"
#include "store/migrations.h"
#include "store/test_support.h"

namespace tremplin::store {
namespace {

using namespace std::chrono_literals;

// Tokens are stored as hashes; any 64-character text stands for one here.
std::string Hash(char c) { return std::string(64, c); }

class UserTokensTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    db_ = scratch_.Open();
    ASSERT_TRUE(db_.has_value());
    ASSERT_TRUE(Migrate(*db_).ok());
    camille_ = AddUser("camille@example.org");
    dominique_ = AddUser("dominique@example.org");
  }
  Database& db() { return *db_; }

  int64_t AddUser(std::string email) {
    User user;
    user.email = std::move(email);
    user.name = "Camille Durand";
    user.role = Role::kReviewer;
    core::Result<int64_t> id = InsertUser(db(), user);
    EXPECT_TRUE(id.ok()) << core::ToLogString(id.error());
    return id.ok() ? *id : 0;
  }

  void Issue(std::string hash, int64_t user, TokenPurpose purpose, int64_t created,
             int64_t expires) {
    core::Status issued =
        IssueUserToken(db(), {std::move(hash), user, purpose, created, expires, 0});
    ASSERT_TRUE(issued.ok()) << core::ToLogString(issued.error());
  }

  bool Consume(const std::string& hash, TokenPurpose purpose, int64_t now) {
    core::Result<bool> consumed = ConsumeUserToken(db(), hash, purpose, now);
    EXPECT_TRUE(consumed.ok()) << core::ToLogString(consumed.error());
    return consumed.ok() && *consumed;
  }

  std::optional<UserToken> Find(const std::string& hash) {
    core::Result<std::optional<UserToken>> found = FindUserToken(db(), hash);
    EXPECT_TRUE(found.ok()) << core::ToLogString(found.error());
    return found.ok() ? *found : std::nullopt;
  }

  testing::ScratchDatabase scratch_{GetParam()};
  std::optional<Database> db_;
  int64_t camille_ = 0, dominique_ = 0;
};

TREMPLIN_ON_EVERY_BACKEND(UserTokensTest);

TEST_P(UserTokensTest, AnIssuedTokenIsFoundByItsHashWithEveryField) {
  Issue(Hash('a'), camille_, TokenPurpose::kInvitation, 1000, 1000 + 7 * 86400);
  std::optional<UserToken> token = Find(Hash('a'));
  ASSERT_TRUE(token.has_value());
  EXPECT_EQ(token->token_hash, Hash('a'));
  EXPECT_EQ(token->user_id, camille_);
  EXPECT_EQ(token->purpose, TokenPurpose::kInvitation);
  EXPECT_EQ(token->created_unix, 1000);
  EXPECT_EQ(token->expires_unix, 1000 + 7 * 86400);
  EXPECT_EQ(token->used_unix, 0);
  EXPECT_FALSE(Find(Hash('b')).has_value());
  EXPECT_FALSE(Find("'; DROP TABLE user_tokens; --").has_value());
}

TEST_P(UserTokensTest, ATokenIsConsumedOnceOnly) {
  Issue(Hash('a'), camille_, TokenPurpose::kPasswordReset, 1000, 4600);
  EXPECT_TRUE(Consume(Hash('a'), TokenPurpose::kPasswordReset, 1200));
  EXPECT_FALSE(Consume(Hash('a'), TokenPurpose::kPasswordReset, 1201));
  EXPECT_EQ(Find(Hash('a'))->used_unix, 1200);
}

TEST_P(UserTokensTest, AnExpiredUnknownOrOtherPurposeTokenIsNotConsumed) {
  Issue(Hash('a'), camille_, TokenPurpose::kPasswordReset, 1000, 4600);
  EXPECT_FALSE(Consume(Hash('a'), TokenPurpose::kInvitation, 1200));  // another kind of link
  EXPECT_FALSE(Consume(Hash('b'), TokenPurpose::kPasswordReset, 1200));
  EXPECT_FALSE(Consume(Hash('a'), TokenPurpose::kPasswordReset, 4600));  // expired at that second
  EXPECT_EQ(Find(Hash('a'))->used_unix, 0);
  EXPECT_TRUE(Consume(Hash('a'), TokenPurpose::kPasswordReset, 4599));
}

TEST_P(UserTokensTest, ANewTokenEndsTheUsersEarlierUnusedTokensOfItsPurposeOnly) {
  Issue(Hash('u'), camille_, TokenPurpose::kPasswordReset, 900, 4500);
  ASSERT_TRUE(Consume(Hash('u'), TokenPurpose::kPasswordReset, 950));
  Issue(Hash('a'), camille_, TokenPurpose::kPasswordReset, 1000, 4600);
  Issue(Hash('i'), camille_, TokenPurpose::kInvitation, 1000, 9000);
  Issue(Hash('d'), dominique_, TokenPurpose::kPasswordReset, 1000, 4600);
  Issue(Hash('b'), camille_, TokenPurpose::kPasswordReset, 1500, 5100);
  EXPECT_EQ(Find(Hash('a'))->expires_unix, 1500);
  EXPECT_FALSE(Consume(Hash('a'), TokenPurpose::kPasswordReset, 1600));
  EXPECT_EQ(Find(Hash('u'))->used_unix, 950);  // a used one keeps its history
  EXPECT_EQ(Find(Hash('u'))->expires_unix, 4500);
  EXPECT_TRUE(Consume(Hash('i'), TokenPurpose::kInvitation, 1600));
  EXPECT_TRUE(Consume(Hash('d'), TokenPurpose::kPasswordReset, 1600));
  EXPECT_TRUE(Consume(Hash('b'), TokenPurpose::kPasswordReset, 1600));
}

TEST_P(UserTokensTest, EndingAUsersTokensLeavesOtherUsersAndUsedOnesAlone) {
  Issue(Hash('u'), camille_, TokenPurpose::kInvitation, 900, 9000);
  ASSERT_TRUE(Consume(Hash('u'), TokenPurpose::kInvitation, 950));
  Issue(Hash('a'), camille_, TokenPurpose::kPasswordReset, 1000, 4600);
  Issue(Hash('i'), camille_, TokenPurpose::kInvitation, 1000, 9000);
  Issue(Hash('d'), dominique_, TokenPurpose::kPasswordReset, 1000, 4600);
  ASSERT_TRUE(EndUserTokens(db(), camille_, 1200).ok());
  EXPECT_EQ(Find(Hash('a'))->expires_unix, 1200);
  EXPECT_EQ(Find(Hash('i'))->expires_unix, 1200);
  EXPECT_EQ(Find(Hash('u'))->expires_unix, 9000);
  EXPECT_FALSE(Consume(Hash('a'), TokenPurpose::kPasswordReset, 1200));
  EXPECT_FALSE(Consume(Hash('i'), TokenPurpose::kInvitation, 1200));
  EXPECT_TRUE(Consume(Hash('d'), TokenPurpose::kPasswordReset, 1200));
}

TEST_P(UserTokensTest, TokensAreCountedByUserPurposeAndTime) {
  Issue(Hash('a'), camille_, TokenPurpose::kPasswordReset, 1000, 4600);
  Issue(Hash('b'), camille_, TokenPurpose::kPasswordReset, 2000, 5600);
  Issue(Hash('c'), camille_, TokenPurpose::kInvitation, 2000, 9000);
  Issue(Hash('d'), dominique_, TokenPurpose::kPasswordReset, 2000, 5600);
  EXPECT_EQ(*CountUserTokensSince(db(), camille_, TokenPurpose::kPasswordReset, 1000), 2);
  EXPECT_EQ(*CountUserTokensSince(db(), camille_, TokenPurpose::kPasswordReset, 1001), 1);
  EXPECT_EQ(*CountUserTokensSince(db(), camille_, TokenPurpose::kPasswordReset, 2001), 0);
  EXPECT_EQ(*CountUserTokensSince(db(), camille_, TokenPurpose::kInvitation, 0), 1);
  EXPECT_EQ(*CountUserTokensSince(db(), dominique_, TokenPurpose::kInvitation, 0), 0);
}

// The guarantee the pages rely on: a token consumed in a transaction that is still open holds
// off another connection until it ends — then the other fails if it committed, and succeeds if
// it rolled back.
TEST_P(UserTokensTest, AConsumptionInAnOpenTransactionDecidesForAConcurrentOne) {
  Issue(Hash('a'), camille_, TokenPurpose::kPasswordReset, 1000, 4600);
  Issue(Hash('b'), camille_, TokenPurpose::kInvitation, 1000, 4600);
  for (bool commit : {true, false}) {
    SCOPED_TRACE(commit ? "first commits" : "first rolls back");
    const std::string hash = Hash(commit ? 'a' : 'b');
    const TokenPurpose purpose = commit ? TokenPurpose::kPasswordReset : TokenPurpose::kInvitation;
    std::optional<Database> other = scratch_.Open();
    ASSERT_TRUE(other.has_value());
    std::atomic<bool> consumed_first{false};
    std::atomic<int> second{-1};  // the rival's answer: -1 none yet, 0 refused, 1 consumed
    std::thread rival;
    core::Status first = db().Transaction([&](soci::session&) -> core::Status {
      core::Result<bool> mine = ConsumeUserToken(db(), hash, purpose, 1200);
      if (!mine.ok()) return mine.error();
      EXPECT_TRUE(*mine);
      consumed_first = true;
      rival = std::thread([&] {
        core::Result<bool> theirs = ConsumeUserToken(*other, hash, purpose, 1200);
        if (theirs.ok())
          second = *theirs ? 1 : 0;
        else
          ADD_FAILURE() << core::ToLogString(theirs.error());
      });
      std::this_thread::sleep_for(300ms);  // the rival waits for this transaction
      EXPECT_EQ(second, -1) << "the rival did not wait";
      if (commit) return core::Ok{};
      return core::MakeError(core::ErrorCode::kInvalidArgument, "password_too_short");
    });
    rival.join();
    EXPECT_EQ(first.ok(), commit);
    ASSERT_TRUE(consumed_first);
    EXPECT_EQ(second, commit ? 0 : 1);
  }
}

TEST_P(UserTokensTest, TheInviterIsTheActorOfTheLatestInvitationOfTheUser) {
  EXPECT_FALSE(InviterOf(db(), camille_)->has_value());
  const std::string entity = "user:" + std::to_string(camille_);
  for (const char* actor : {"user:7", "cli:user-add", "user:12"}) {
    AuditEntry entry;
    entry.actor = actor;
    entry.action = "user.invite";
    entry.entity = entity;
    entry.after_state = "{}";
    ASSERT_TRUE(AppendAudit(db(), entry).ok());
  }
  AuditEntry other;
  other.actor = "user:99";
  other.action = "user.invite";
  other.entity = "user:" + std::to_string(dominique_);
  ASSERT_TRUE(AppendAudit(db(), other).ok());
  std::optional<int64_t> inviter = *InviterOf(db(), camille_);
  ASSERT_TRUE(inviter.has_value());
  EXPECT_EQ(*inviter, 12);
  AuditEntry by_cli;
  by_cli.actor = "cli:user-add";
  by_cli.action = "user.invite";
  by_cli.entity = entity;
  ASSERT_TRUE(AppendAudit(db(), by_cli).ok());
  EXPECT_FALSE(InviterOf(db(), camille_)->has_value());
  // An invitation sent again names whoever sent it: their name is in the mail the person holds.
  AuditEntry again;
  again.actor = UserRef(31);
  again.action = "user.reinvite";
  again.entity = entity;
  ASSERT_TRUE(AppendAudit(db(), again).ok());
  EXPECT_EQ(*InviterOf(db(), camille_), std::optional<int64_t>(31));
}

// Disabling an account ends its links at once: enabled again, the account gets no old link
// back. Links already used, or expired, stay as they were.
TEST_P(UserTokensTest, DisablingAnAccountEndsItsUnusedLinks) {
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  Issue(Hash('d'), camille_, TokenPurpose::kPasswordReset, 100, 200);  // expired long ago
  Issue(Hash('a'), camille_, TokenPurpose::kInvitation, now - 10, now + 7 * 86400);
  Issue(Hash('b'), camille_, TokenPurpose::kPasswordReset, now - 10, now + 3600);
  Issue(Hash('c'), dominique_, TokenPurpose::kPasswordReset, now - 10, now + 3600);
  core::Result<std::optional<User>> camille = FindUser(db(), camille_);
  ASSERT_TRUE(camille.ok() && camille->has_value());
  User disabled = **camille;
  disabled.disabled = true;
  ASSERT_TRUE(UpdateUser(db(), disabled).ok());
  for (char c : {'a', 'b'}) {
    EXPECT_LE(Find(Hash(c))->expires_unix, static_cast<int64_t>(std::time(nullptr))) << c;
    EXPECT_EQ(Find(Hash(c))->used_unix, 0) << c;
  }
  EXPECT_EQ(Find(Hash('c'))->expires_unix, now + 3600) << "another person's link";
  EXPECT_EQ(Find(Hash('d'))->expires_unix, 200);

  disabled.disabled = false;
  ASSERT_TRUE(UpdateUser(db(), disabled).ok());
  EXPECT_FALSE(Consume(Hash('a'), TokenPurpose::kInvitation, static_cast<int64_t>(std::time(nullptr))));
  EXPECT_FALSE(Consume(Hash('b'), TokenPurpose::kPasswordReset, static_cast<int64_t>(std::time(nullptr))));
}

}  // namespace
}  // namespace tremplin::store
