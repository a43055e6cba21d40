// The mailed single-use links on both database backends: password reset (who gets a mail,
// throttling, expiry with an injected clock), invitations (the account, its link, audit and
// mail in one transaction), and choosing a password with a link (once, atomically, the link
// kept when the password is refused).
#include "auth/mailed_links.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "auth/invitations.h"
#include "auth/password.h"
#include "auth/password_reset.h"
#include "auth/sign_in.h"
#include "auth/tokens.h"
#include "store/accounts.h"
#include "store/audit_log.h"
#include "store/catalogue_store.h"
#include "store/migrations.h"
#include "store/outbox.h"
#include "store/test_support.h"
#include "store/user_tokens.h"

namespace tremplin::auth {
namespace {

using store::Backend;
using store::Database;
using store::Role;
using store::TokenPurpose;
using store::User;

constexpr int64_t kNow = 1'750'000'000;
constexpr std::string_view kSite = "https://formations.example.org";
constexpr std::string_view kOldPassword = "Tilleuls-2025-atelier";
constexpr std::string_view kNewPassword = "trois lapins bleus dansent";

const CommonPasswords& Common() {
  static const CommonPasswords common(std::unordered_set<std::string>{"motdepassedumonde"});
  return common;
}

// The hash of kOldPassword, made once (argon2id is slow on purpose).
const std::string& OldHash() {
  static const std::string hash = [] {
    core::Result<std::string> made = HashPassword(kOldPassword);
    return made.ok() ? *made : std::string();
  }();
  return hash;
}

// The token of the link in a mail's body (its first link; the English paragraph repeats it).
std::string LinkToken(const std::string& body, std::string_view path) {
  std::smatch m;
  std::regex link(std::string(kSite) + std::string(path) + R"(\?jeton=([0-9a-f]{64}))");
  return std::regex_search(body, m, link) ? m[1].str() : "";
}

class MailedLinksTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    ASSERT_FALSE(OldHash().empty());
    db_ = scratch_.Open();
    ASSERT_TRUE(db_.has_value());
    ASSERT_TRUE(store::Migrate(*db_).ok());
    core::Result<int64_t> organisation =
        store::InsertOrganisation(db(), store::testing::SampleOrganisation());
    ASSERT_TRUE(organisation.ok()) << core::ToLogString(organisation.error());
    organisation_ = *organisation;
    admin_.email = "admin@example.org";
    admin_.name = "Dominique Admin";
    admin_.role = Role::kAdmin;
    admin_.password_hash = OldHash();
    admin_.id = AddUser(admin_);
    camille_.email = "camille@example.org";
    camille_.name = "Camille Durand";
    camille_.role = Role::kMember;
    camille_.password_hash = OldHash();
    camille_.organisation_ids = {organisation_};
    camille_.id = AddUser(camille_);
  }
  Database& db() { return *db_; }

  int64_t AddUser(const User& user) {
    core::Result<int64_t> id = store::InsertUser(db(), user);
    EXPECT_TRUE(id.ok()) << core::ToLogString(id.error());
    return id.ok() ? *id : 0;
  }

  // The mails waiting in the outbox, with their text, as the sender will read them.
  std::vector<store::OutgoingMail> Mails() {
    core::Result<std::vector<store::OutgoingMail>> mails =
        store::DueMails(db(), store::kMailAbandonedUnix - 1, 1000);
    EXPECT_TRUE(mails.ok()) << core::ToLogString(mails.error());
    return mails.ok() ? *mails : std::vector<store::OutgoingMail>{};
  }

  std::vector<store::AuditEntry> Audit() {
    core::Result<std::vector<store::AuditEntry>> entries = store::ReadAudit(db());
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? *entries : std::vector<store::AuditEntry>{};
  }

  ResetRequest Request(std::string_view email, int64_t now = kNow) {
    core::Result<ResetRequest> done = RequestPasswordReset(db(), email, kSite, now);
    EXPECT_TRUE(done.ok()) << core::ToLogString(done.error());
    return done.ok() ? *done : ResetRequest::kNoAccount;
  }

  // Asks for a reset link for Camille and returns its token, read from the mail.
  std::string ResetToken(int64_t now = kNow) {
    EXPECT_EQ(Request(camille_.email, now), ResetRequest::kMailed);
    std::vector<store::OutgoingMail> mails = Mails();
    EXPECT_FALSE(mails.empty());
    return mails.empty() ? "" : LinkToken(mails.back().body, kNewPasswordPath);
  }

  LinkUse Use(TokenPurpose purpose, const std::string& token, std::string_view password,
              std::string_view confirmation, int64_t now = kNow + 60) {
    return SetPasswordByLink(db(), purpose, token, password, confirmation, Common(), now);
  }

  std::string StoredHash(int64_t user_id) {
    core::Result<std::optional<User>> user = store::FindUser(db(), user_id);
    EXPECT_TRUE(user.ok() && user->has_value());
    return user.ok() && *user ? (*user)->password_hash : "";
  }

  bool SignsIn(std::string_view email, std::string_view password, int64_t now = kNow + 120) {
    return SignIn(db(), email, password, "192.0.2.10", now, SessionPolicy{}).ok();
  }

  static void ExpectRefusedLink(const LinkUse& used, std::string_view id) {
    EXPECT_FALSE(used.user.has_value());
    ASSERT_EQ(used.errors.size(), 1u);
    EXPECT_EQ(used.errors[0].id, id);
    EXPECT_EQ(used.errors[0].field, "");
  }

  store::testing::ScratchDatabase scratch_{GetParam()};
  std::optional<Database> db_;
  int64_t organisation_ = 0;
  User admin_, camille_;
};

TREMPLIN_ON_EVERY_BACKEND(MailedLinksTest);

// ---- Asking for a reset link -------------------------------------------------------------------

TEST_P(MailedLinksTest, AResetLinkIsMailedToAnExistingAccountAndStoredAsAHash) {
  EXPECT_EQ(Request("Camille@EXAMPLE.org"), ResetRequest::kMailed);
  std::vector<store::OutgoingMail> mails = Mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to_address, "camille@example.org");
  EXPECT_EQ(mails[0].subject, "Réinitialiser votre mot de passe Tremplin");
  const std::string token = LinkToken(mails[0].body, kNewPasswordPath);
  ASSERT_EQ(token.size(), 64u) << mails[0].body;
  std::optional<store::UserToken> stored = *store::FindUserToken(db(), TokenHash(token));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->user_id, camille_.id);
  EXPECT_EQ(stored->purpose, TokenPurpose::kPasswordReset);
  EXPECT_EQ(stored->expires_unix, kNow + 3600);
  EXPECT_FALSE(store::FindUserToken(db(), token)->has_value()) << "the token itself is stored";
}

// Each link mailed leaves a trace in the audit log: whose account, until when — never the token.
// A request that mails nothing leaves none.
TEST_P(MailedLinksTest, AResetRequestThatMailsALinkIsAuditedWithoutTheToken) {
  const size_t before = Audit().size();
  EXPECT_EQ(Request("personne@example.org"), ResetRequest::kNoAccount);
  EXPECT_EQ(Audit().size(), before);
  const std::string token = ResetToken(kNow);
  std::vector<store::AuditEntry> audit = Audit();
  ASSERT_EQ(audit.size(), before + 1);
  const store::AuditEntry& entry = audit.back();
  EXPECT_EQ(entry.action, "user.password_reset_request");
  EXPECT_EQ(entry.actor, "anonymous");
  EXPECT_EQ(entry.entity, "user:" + std::to_string(camille_.id));
  EXPECT_EQ(entry.after_state, R"({"email":"camille@example.org","link_expires_unix":)" +
                                   std::to_string(kNow + 3600) + "}");
  for (const std::string& state : {entry.before_state, entry.after_state}) {
    EXPECT_EQ(state.find(token), std::string::npos) << state;
    EXPECT_EQ(state.find(TokenHash(token)), std::string::npos) << state;
  }
  for (int i = 1; i < 4; ++i) Request(camille_.email, kNow + i);  // two more, then throttled
  EXPECT_EQ(Audit().size(), before + 3);
}

TEST_P(MailedLinksTest, NoMailGoesToAnUnknownOrDisabledAccount) {
  User disabled = camille_;
  disabled.email = "ancien@example.org";
  disabled.disabled = true;
  AddUser(disabled);
  EXPECT_EQ(Request("personne@example.org"), ResetRequest::kNoAccount);
  EXPECT_EQ(Request("ancien@example.org"), ResetRequest::kNoAccount);
  EXPECT_EQ(Request("'; DROP TABLE users; --"), ResetRequest::kNoAccount);
  EXPECT_TRUE(Mails().empty());
}

TEST_P(MailedLinksTest, AtMostThreeResetMailsPerAccountPerHour) {
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(Request(camille_.email, kNow + i * 60), ResetRequest::kMailed);
  EXPECT_EQ(Request(camille_.email, kNow + 600), ResetRequest::kThrottled);
  EXPECT_EQ(Request(admin_.email, kNow + 600), ResetRequest::kMailed)
      << "another account is not throttled";
  EXPECT_EQ(Mails().size(), 4u);
  EXPECT_EQ(Request(camille_.email, kNow + 3599), ResetRequest::kThrottled);
  EXPECT_EQ(Request(camille_.email, kNow + 3601),
            ResetRequest::kMailed);  // the first left the hour
}

TEST_P(MailedLinksTest, OnlyTheLatestResetLinkWorks) {
  const std::string first = ResetToken(kNow);
  const std::string second = ResetToken(kNow + 10);
  core::Result<User> old_link = LinkHolder(db(), TokenPurpose::kPasswordReset, first, kNow + 20);
  ASSERT_FALSE(old_link.ok());
  EXPECT_EQ(old_link.error().id, "mailed_link_expired");
  core::Result<User> new_link = LinkHolder(db(), TokenPurpose::kPasswordReset, second, kNow + 20);
  ASSERT_TRUE(new_link.ok());
  EXPECT_EQ(new_link->id, camille_.id);
}

TEST_P(MailedLinksTest, TheResetMailSaysWhatToDoInFrenchThenEnglish) {
  store::OutgoingMail mail =
      PasswordResetMail(camille_, "https://formations.example.org/nouveau-mot-de-passe?jeton=x");
  EXPECT_EQ(mail.to_address, "camille@example.org");
  EXPECT_TRUE(mail.body.starts_with("Bonjour Camille Durand,")) << mail.body;
  const size_t french = mail.body.find("ignorez ce courriel"),
               english = mail.body.find("ignore this mail");
  EXPECT_NE(french, std::string::npos) << mail.body;
  EXPECT_NE(english, std::string::npos) << mail.body;
  EXPECT_LT(french, english);
  EXPECT_NE(mail.body.find("60 minutes"), std::string::npos) << mail.body;
  EXPECT_NE(mail.body.find("\nhttps://formations.example.org/nouveau-mot-de-passe?jeton=x\n"),
            std::string::npos);
  EXPECT_EQ(mail.body.find('{'), std::string::npos) << "a placeholder left: " << mail.body;
}

// ---- Choosing a password with a reset link -----------------------------------------------------

TEST_P(MailedLinksTest, AResetLinkSetsThePasswordOnceEndsEverySessionAndIsAudited) {
  ASSERT_TRUE(SignsIn(camille_.email, kOldPassword, kNow));  // a session opened before
  ASSERT_TRUE(store::RecordLoginFailure(db(), "account:camille@example.org", kNow).ok());
  const std::string token = ResetToken();
  LinkUse used = Use(TokenPurpose::kPasswordReset, token, kNewPassword, kNewPassword);
  ASSERT_TRUE(used.user.has_value()) << core::ToLogString(used.errors.front());
  EXPECT_EQ(used.user->id, camille_.id);
  EXPECT_TRUE(VerifyPassword(kNewPassword, StoredHash(camille_.id)));
  int sessions = -1;
  db().session() << "SELECT COUNT(*) FROM user_sessions WHERE user_id = :id",
      soci::use(camille_.id), soci::into(sessions);
  EXPECT_EQ(sessions, 0);
  EXPECT_EQ(*store::CountLoginFailures(db(), "account:camille@example.org", 0), 0);
  EXPECT_EQ((*store::FindUserToken(db(), TokenHash(token)))->used_unix, kNow + 60);
  std::vector<store::AuditEntry> audit = Audit();
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.back().action, "user.password_reset");
  EXPECT_EQ(audit.back().actor, "user:" + std::to_string(camille_.id));
  EXPECT_EQ(audit.back().entity, "user:" + std::to_string(camille_.id));
  EXPECT_EQ(audit.back().after_state.find("argon2"), std::string::npos) << audit.back().after_state;
  EXPECT_EQ(audit.back().before_state.find("argon2"), std::string::npos)
      << audit.back().before_state;
  EXPECT_FALSE(SignsIn(camille_.email, kOldPassword));
  EXPECT_TRUE(SignsIn(camille_.email, kNewPassword));

  // Once only: a second use changes nothing.
  const std::string hash = StoredHash(camille_.id);
  ExpectRefusedLink(Use(TokenPurpose::kPasswordReset, token, "une autre phrase de passe",
                        "une autre phrase de passe"),
                    "mailed_link_used");
  EXPECT_EQ(StoredHash(camille_.id), hash);
}

TEST_P(MailedLinksTest, AResetLinkWorksForAnHourThenNoLonger) {
  const std::string token = ResetToken(kNow);
  EXPECT_TRUE(LinkHolder(db(), TokenPurpose::kPasswordReset, token, kNow + 3599).ok());
  core::Result<User> late = LinkHolder(db(), TokenPurpose::kPasswordReset, token, kNow + 3600);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().id, "mailed_link_expired");
  ExpectRefusedLink(
      Use(TokenPurpose::kPasswordReset, token, kNewPassword, kNewPassword, kNow + 3600),
      "mailed_link_expired");
  EXPECT_EQ(StoredHash(camille_.id), OldHash());
}

TEST_P(MailedLinksTest, ARefusedPasswordLeavesTheLinkUsable) {
  const std::string token = ResetToken();
  struct Case {
    std::string password, confirmation, id, field;
  };
  for (const Case& c :
       {Case{"", "", "new_password_required", "password"},
        Case{"court", "court", "password_too_short", "password"},
        Case{"MotDePasseDuMonde", "MotDePasseDuMonde", "password_too_common", "password"},
        Case{"camille@example.org", "camille@example.org", "password_is_email", "password"},
        Case{std::string(kNewPassword), "trois lapins bleus", "password_confirmation_mismatch",
             "password_confirmation"},
        Case{std::string(kNewPassword), "", "password_confirmation_mismatch",
             "password_confirmation"},
        Case{"\xff\xfe mot de passe invalide", "\xff\xfe mot de passe invalide", "invalid_utf8",
             "password"}}) {
    SCOPED_TRACE(c.id + " for \"" + c.password + "\"");
    LinkUse used = Use(TokenPurpose::kPasswordReset, token, c.password, c.confirmation);
    EXPECT_FALSE(used.user.has_value());
    ASSERT_EQ(used.errors.size(), 1u);
    EXPECT_EQ(used.errors[0].id, c.id);
    EXPECT_EQ(used.errors[0].field, c.field);
  }
  // Both fields wrong at once: both said.
  LinkUse both = Use(TokenPurpose::kPasswordReset, token, "court", "courte");
  ASSERT_EQ(both.errors.size(), 2u);
  EXPECT_EQ(both.errors[0].field, "password");
  EXPECT_EQ(both.errors[1].field, "password_confirmation");
  EXPECT_EQ(StoredHash(camille_.id), OldHash());
  EXPECT_EQ((*store::FindUserToken(db(), TokenHash(token)))->used_unix, 0);
  EXPECT_TRUE(
      Use(TokenPurpose::kPasswordReset, token, kNewPassword, kNewPassword).user.has_value());
}

TEST_P(MailedLinksTest, MalformedUnknownOrOtherKindsOfTokenAreUnknownLinks) {
  const std::string token = ResetToken();
  std::string upper = token;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const std::string& bad :
       {std::string(), std::string("abc"), token + "0", token.substr(1), upper, RandomToken(),
        std::string(64, '\0'), token.substr(0, 63) + "\xe9", std::string(100000, 'a'),
        TokenHash(token), std::string("'; DROP TABLE user_tokens; --")}) {
    SCOPED_TRACE(bad.substr(0, 80));
    core::Result<User> holder = LinkHolder(db(), TokenPurpose::kPasswordReset, bad, kNow + 60);
    ASSERT_FALSE(holder.ok());
    EXPECT_EQ(holder.error().id, "mailed_link_unknown");
    ExpectRefusedLink(Use(TokenPurpose::kPasswordReset, bad, kNewPassword, kNewPassword),
                      "mailed_link_unknown");
  }
  // A reset link is no invitation.
  ExpectRefusedLink(Use(TokenPurpose::kInvitation, token, kNewPassword, kNewPassword),
                    "mailed_link_unknown");
  EXPECT_EQ(StoredHash(camille_.id), OldHash());
}

TEST_P(MailedLinksTest, ALinkOfAnAccountDisabledSinceNoLongerWorks) {
  const std::string token = ResetToken();
  db().session() << "UPDATE users SET disabled_at = '2025-06-15T10:00:00Z' WHERE id = :id",
      soci::use(camille_.id);
  ExpectRefusedLink(Use(TokenPurpose::kPasswordReset, token, kNewPassword, kNewPassword),
                    "mailed_link_expired");
  EXPECT_EQ(StoredHash(camille_.id), OldHash());
}

// Two submissions of one link at the same moment, each on its own connection (two server
// threads, or two nodes): one sets its password, the other is told the link was used.
TEST_P(MailedLinksTest, OfTwoConcurrentUsesOfALinkOnlyOneTakesEffect) {
  const std::string token = ResetToken();
  const std::vector<std::string> passwords = {"première phrase de passe",
                                              "seconde phrase de passe"};
  std::vector<LinkUse> results(2);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      std::optional<Database> own = scratch_.Open();
      if (!own) return;
      ++ready;
      while (ready < 2) std::this_thread::yield();
      results[i] = SetPasswordByLink(*own, TokenPurpose::kPasswordReset, token, passwords[i],
                                     passwords[i], Common(), kNow + 60);
    });
  }
  for (std::thread& t : threads) t.join();
  int winners = 0;
  for (int i = 0; i < 2; ++i) {
    if (results[i].user) {
      ++winners;
      EXPECT_TRUE(VerifyPassword(passwords[i], StoredHash(camille_.id)));
    } else {
      ExpectRefusedLink(results[i], "mailed_link_used");
    }
  }
  EXPECT_EQ(winners, 1);
  int resets = 0;
  for (const store::AuditEntry& e : Audit()) resets += e.action == "user.password_reset";
  EXPECT_EQ(resets, 1);
}

// ---- Invitations --------------------------------------------------------------------------------

TEST_P(MailedLinksTest, AnInvitationCreatesAnAccountThatOpensOnlyWithItsLink) {
  User invited;
  invited.email = "nouvelle@example.org";
  invited.name = "Nour O'Brien <script>alert(1)</script>";
  invited.role = Role::kMember;
  invited.organisation_ids = {organisation_};
  core::Result<int64_t> id = Invite(db(), invited, admin_, {"Atelier des Tilleuls"}, kSite, kNow);
  ASSERT_TRUE(id.ok()) << core::ToLogString(id.error());

  std::optional<User> stored = *store::FindUser(db(), *id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->name, invited.name);
  EXPECT_EQ(stored->role, Role::kMember);
  EXPECT_EQ(stored->organisation_ids, std::vector<int64_t>{organisation_});
  EXPECT_EQ(stored->password_hash, "");
  EXPECT_FALSE(SignsIn("nouvelle@example.org", "")) << "an invited account opens before activation";

  std::vector<store::OutgoingMail> mails = Mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to_address, "nouvelle@example.org");
  EXPECT_EQ(mails[0].subject, "Votre invitation à Tremplin");
  for (std::string_view expected :
       {"Bonjour Nour O'Brien <script>alert(1)</script>,", "Dominique Admin vous invite",
        "membre d’organisme de formation (Atelier des Tilleuls)", "pendant 7 jours",
        "ignorez ce courriel", "Dominique Admin invites you",
        "member of a training organisation (Atelier des Tilleuls)", "for 7 days"})
    EXPECT_NE(mails[0].body.find(expected), std::string::npos) << expected << " not in:\n"
                                                               << mails[0].body;
  const std::string token = LinkToken(mails[0].body, kInvitationPath);
  ASSERT_EQ(token.size(), 64u) << mails[0].body;
  EXPECT_EQ((*store::FindUserToken(db(), TokenHash(token)))->expires_unix, kNow + 7 * 86400);

  std::vector<store::AuditEntry> audit = Audit();
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.back().action, "user.invite");
  EXPECT_EQ(audit.back().actor, "user:" + std::to_string(admin_.id));
  EXPECT_EQ(audit.back().entity, "user:" + std::to_string(*id));
  EXPECT_EQ(*store::InviterOf(db(), *id), admin_.id);

  core::Result<User> holder =
      LinkHolder(db(), TokenPurpose::kInvitation, token, kNow + 7 * 86400 - 1);
  ASSERT_TRUE(holder.ok());
  EXPECT_EQ(holder->id, *id);
  LinkUse used = Use(TokenPurpose::kInvitation, token, kNewPassword, kNewPassword);
  ASSERT_TRUE(used.user.has_value());
  EXPECT_TRUE(SignsIn("nouvelle@example.org", kNewPassword));
  EXPECT_EQ(Audit().back().action, "user.activate");
  ExpectRefusedLink(Use(TokenPurpose::kInvitation, token, kNewPassword, kNewPassword),
                    "mailed_link_used");
}

// An invitation sent again: a new link for seven more days, the older one ended, the mail from
// whoever sent it again, audited without the token. Only an account still waiting for its
// password can be invited again.
TEST_P(MailedLinksTest, AnInvitationSentAgainEndsTheOlderLinkAndIsAudited) {
  User invited;
  invited.email = "nouvelle@example.org";
  invited.name = "Nour";
  invited.role = Role::kMember;
  invited.organisation_ids = {organisation_};
  core::Result<int64_t> id = Invite(db(), invited, camille_, {"Atelier des Tilleuls"}, kSite, kNow);
  ASSERT_TRUE(id.ok()) << core::ToLogString(id.error());
  const std::string first = LinkToken(Mails().back().body, kInvitationPath);

  const int64_t later = kNow + 8 * 86400;  // the first link has expired
  core::Status again = Reinvite(db(), *id, admin_, {"Atelier des Tilleuls"}, kSite, later);
  ASSERT_TRUE(again.ok()) << core::ToLogString(again.error());
  std::vector<store::OutgoingMail> mails = Mails();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails.back().to_address, "nouvelle@example.org");
  EXPECT_NE(mails.back().body.find("Dominique Admin vous invite"), std::string::npos)
      << mails.back().body;
  EXPECT_NE(mails.back().body.find("(Atelier des Tilleuls)"), std::string::npos);
  const std::string second = LinkToken(mails.back().body, kInvitationPath);
  ASSERT_EQ(second.size(), 64u);
  EXPECT_NE(second, first);
  EXPECT_EQ((*store::FindUserToken(db(), TokenHash(second)))->expires_unix, later + 7 * 86400);
  core::Result<User> old_link = LinkHolder(db(), TokenPurpose::kInvitation, first, later + 1);
  ASSERT_FALSE(old_link.ok());
  EXPECT_EQ(old_link.error().id, "mailed_link_expired");

  store::AuditEntry entry = Audit().back();
  EXPECT_EQ(entry.action, "user.reinvite");
  EXPECT_EQ(entry.actor, "user:" + std::to_string(admin_.id));
  EXPECT_EQ(entry.entity, "user:" + std::to_string(*id));
  EXPECT_EQ(entry.before_state, entry.after_state);
  EXPECT_EQ(entry.after_state.find(second), std::string::npos);
  EXPECT_EQ(*store::InviterOf(db(), *id), admin_.id) << "the invitation page names who sent it";

  // Activated: no invitation any more.
  ASSERT_TRUE(Use(TokenPurpose::kInvitation, second, kNewPassword, kNewPassword, later + 60)
                  .user.has_value());
  const size_t audited = Audit().size();
  for (int64_t user_id : {*id, camille_.id}) {
    core::Status refused = Reinvite(db(), user_id, admin_, {}, kSite, later + 120);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().id, "invitation_not_pending");
    EXPECT_EQ(refused.error().code, core::ErrorCode::kConflict);
  }
  core::Status unknown = Reinvite(db(), *id + 1000, admin_, {}, kSite, later + 120);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, core::ErrorCode::kNotFound);
  // A disabled account waiting for its password is not invited again either.
  User disabled;
  disabled.email = "partie@example.org";
  disabled.name = "Partie";
  disabled.role = Role::kReviewer;
  disabled.disabled = true;
  int64_t gone = AddUser(disabled);
  core::Status not_for_disabled = Reinvite(db(), gone, admin_, {}, kSite, later + 120);
  ASSERT_FALSE(not_for_disabled.ok());
  EXPECT_EQ(not_for_disabled.error().id, "invitation_not_pending");
  EXPECT_EQ(Audit().size(), audited);
  EXPECT_EQ(Mails().size(), 2u);
}

TEST_P(MailedLinksTest, AnInvitationLinkWorksSevenDays) {
  User invited;
  invited.email = "nouvelle@example.org";
  invited.name = "Nour";
  invited.role = Role::kReviewer;
  ASSERT_TRUE(Invite(db(), invited, admin_, {}, kSite, kNow).ok());
  const std::string token = LinkToken(Mails().back().body, kInvitationPath);
  ExpectRefusedLink(
      Use(TokenPurpose::kInvitation, token, kNewPassword, kNewPassword, kNow + 7 * 86400),
      "mailed_link_expired");
}

TEST_P(MailedLinksTest, SettingAPasswordEndsThePersonsOtherLinks) {
  User invited;
  invited.email = "nouvelle@example.org";
  invited.name = "Nour";
  invited.role = Role::kReviewer;
  core::Result<int64_t> id = Invite(db(), invited, admin_, {}, kSite, kNow);
  ASSERT_TRUE(id.ok());
  const std::string invitation = LinkToken(Mails().back().body, kInvitationPath);
  // The invitation not yet used, the person asks for a password link instead and uses it.
  ASSERT_EQ(Request("nouvelle@example.org", kNow + 10), ResetRequest::kMailed);
  const std::string reset = LinkToken(Mails().back().body, kNewPasswordPath);
  ASSERT_TRUE(Use(TokenPurpose::kPasswordReset, reset, kNewPassword, kNewPassword, kNow + 20)
                  .user.has_value());
  ExpectRefusedLink(Use(TokenPurpose::kInvitation, invitation, "une autre phrase de passe",
                        "une autre phrase de passe", kNow + 30),
                    "mailed_link_expired");
  EXPECT_TRUE(VerifyPassword(kNewPassword, StoredHash(*id)));
}

TEST_P(MailedLinksTest, AnInvitationToAnAddressWithAnAccountStoresNothing) {
  User invited;
  invited.email = "CAMILLE@example.org";
  invited.name = "Camille bis";
  invited.role = Role::kAdmin;
  const size_t audited = Audit().size();
  core::Result<int64_t> id = Invite(db(), invited, admin_, {}, kSite, kNow);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().id, "conflict_duplicate_email");
  EXPECT_EQ(id.error().field, "email");
  EXPECT_TRUE(Mails().empty());
  EXPECT_EQ(Audit().size(), audited);
  int tokens = -1;
  db().session() << "SELECT COUNT(*) FROM user_tokens", soci::into(tokens);
  EXPECT_EQ(tokens, 0);
  EXPECT_EQ((*store::FindUserByEmail(db(), "camille@example.org"))->role, Role::kMember);
}

TEST_P(MailedLinksTest, AnInvitationToAnOrganisationGoneStoresNothing) {
  User invited;
  invited.email = "nouvelle@example.org";
  invited.name = "Nour";
  invited.role = Role::kMember;
  invited.organisation_ids = {organisation_ + 1000};
  core::Result<int64_t> id = Invite(db(), invited, admin_, {"?"}, kSite, kNow);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().id, "invitation_organisation_unknown");
  EXPECT_EQ(id.error().field, "organisations");
  EXPECT_FALSE(store::FindUserByEmail(db(), "nouvelle@example.org")->has_value());
  EXPECT_TRUE(Mails().empty());
}

// ---- The invitation form's rules (no database) -------------------------------------------------

TEST(InvitationFormTest, AWellFilledFormGivesThePerson) {
  InvitationForm form{
      "  Nour.OBrien+gen@Example.org ", " Nour O'Brien ", "member", {"12", "7", "12"}};
  User invited;
  std::vector<core::Error> errors = ReadInvitation(
      form, [](int64_t id) { return id == 7 || id == 12; }, invited);
  EXPECT_TRUE(errors.empty()) << core::ToLogString(errors.front());
  EXPECT_EQ(invited.email, "nour.obrien+gen@example.org");
  EXPECT_EQ(invited.name, "Nour O'Brien");
  EXPECT_EQ(invited.role, Role::kMember);
  EXPECT_EQ(invited.organisation_ids, (std::vector<int64_t>{12, 7}));
  EXPECT_EQ(invited.password_hash, "");
}

TEST(InvitationFormTest, OnlyAMemberHasOrganisations) {
  for (const char* role : {"admin", "reviewer"}) {
    InvitationForm form{"a@example.org", "A", role, {"12"}};
    User invited;
    EXPECT_TRUE(ReadInvitation(
                    form, [](int64_t) { return true; }, invited)
                    .empty());
    EXPECT_TRUE(invited.organisation_ids.empty());
  }
}

TEST(InvitationFormTest, EachFieldSaysWhatIsWrong) {
  auto exists = [](int64_t id) { return id == 7; };
  struct Case {
    InvitationForm form;
    std::vector<std::pair<std::string, std::string>> errors;  // id, field
  };
  const std::string long_name(201, 'a');
  for (const Case& c : std::vector<Case>{
           {{"", "", "", {}},
            {{"invitation_email_required", "email"},
             {"person_name_required", "name"},
             {"invitation_role_invalid", "role"}}},
           {{"pas-une-adresse", "   ", "superuser", {"7"}},
            {{"invitation_email_invalid", "email"},
             {"person_name_required", "name"},
             {"invitation_role_invalid", "role"}}},
           {{"a@example.org", "A", "member", {}},
            {{"invitation_organisation_required", "organisations"}}},
           {{"a@example.org", "A", "member", {"8"}},
            {{"invitation_organisation_unknown", "organisations"}}},
           {{"a@example.org", "A", "member", {"7", "x7"}},
            {{"invitation_organisation_unknown", "organisations"}}},
           {{"a@example.org", "A", "member", {"7'; DROP TABLE users; --"}},
            {{"invitation_organisation_unknown", "organisations"}}},
           {{"\xff@example.org", "\xc3(", "member", {"7"}},
            {{"invalid_utf8", "email"}, {"invalid_utf8", "name"}}},
           {{"a@example.org", std::string("Nour\0Nour", 9), "admin", {}},
            {{"person_name_invalid", "name"}}},
           {{"a@example.org", "Nour\nBcc: x@example.org", "admin", {}},
            {{"person_name_invalid", "name"}}},
           {{"a@example.org\r\nBcc: x@example.org", "A", "admin", {}},
            {{"invitation_email_invalid", "email"}}},
           {{"a@example.org", long_name, "admin", {}}, {{"person_name_too_long", "name"}}},
       }) {
    SCOPED_TRACE(c.form.email + " / " + c.form.name + " / " + c.form.role);
    User invited;
    std::vector<core::Error> errors = ReadInvitation(c.form, exists, invited);
    ASSERT_EQ(errors.size(), c.errors.size());
    for (size_t i = 0; i < errors.size(); ++i) {
      EXPECT_EQ(errors[i].id, c.errors[i].first);
      EXPECT_EQ(errors[i].field, c.errors[i].second);
    }
  }
  // 200 characters (not bytes) are accepted.
  InvitationForm accented{"a@example.org",
                          std::string(100, 'e') +
                              [] {
                                std::string s;
                                for (int i = 0; i < 100; ++i) s += "é";
                                return s;
                              }(),
                          "admin",
                          {}};
  User invited;
  EXPECT_TRUE(ReadInvitation(accented, exists, invited).empty());
}

TEST(MailedLinkUrlTest, IsThePublicAddressThePathAndTheToken) {
  EXPECT_EQ(MailedLinkUrl("https://formations.example.org", kInvitationPath, "abc"),
            "https://formations.example.org/invitation?jeton=abc");
  EXPECT_TRUE(WellFormedLinkToken(RandomToken()));
  EXPECT_FALSE(WellFormedLinkToken(""));
  EXPECT_FALSE(WellFormedLinkToken(std::string(64, 'g')));
}

}  // namespace
}  // namespace tremplin::auth
