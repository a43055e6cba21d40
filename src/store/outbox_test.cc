#include "store/outbox.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <optional>

#include "store/audit_log.h"
#include "store/migrations.h"
#include "store/test_support.h"

namespace tremplin::store {
namespace {

class OutboxTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    db_ = scratch_.Open();
    ASSERT_TRUE(db_.has_value());
    ASSERT_TRUE(Migrate(*db_).ok());
  }
  int64_t Queue(std::string to, int64_t at) {
    OutgoingMail mail;
    mail.to_address = std::move(to);
    mail.subject = "Invitation « Tremplin » ; DROP TABLE outbox;--";
    mail.body = "Bonjour,\nvoici le lien.\n";
    core::Result<int64_t> id = QueueMail(*db_, mail, at);
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }
  testing::ScratchDatabase scratch_{GetParam()};
  std::optional<Database> db_;
};

TREMPLIN_ON_EVERY_BACKEND(OutboxTest);

TEST_P(OutboxTest, QueuedMailsAreDueFromTheirTimeOldestFirst) {
  int64_t first = Queue("a@example.org", 100), second = Queue("b@example.org", 200);
  EXPECT_TRUE(DueMails(*db_, 99, 10)->empty());
  std::vector<OutgoingMail> due = *DueMails(*db_, 200, 10);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].id, first);
  EXPECT_EQ(due[1].id, second);
  EXPECT_EQ(due[0].subject, "Invitation « Tremplin » ; DROP TABLE outbox;--");
  EXPECT_EQ(due[0].body, "Bonjour,\nvoici le lien.\n");
  EXPECT_EQ(DueMails(*db_, 200, 1)->size(), 1u);
}

TEST_P(OutboxTest, SentMailsLeaveAndFailedOnesWaitForTheirNextAttempt) {
  int64_t sent = Queue("a@example.org", 100), failed = Queue("b@example.org", 100);
  ASSERT_TRUE(MarkMailSent(*db_, sent).ok());
  ASSERT_TRUE(MarkMailFailed(*db_, failed, "RCPT failed: 550", 500).ok());
  EXPECT_TRUE(DueMails(*db_, 499, 10)->empty());
  std::vector<OutgoingMail> due = *DueMails(*db_, 500, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].id, failed);
  EXPECT_EQ(due[0].attempts, 1);
  EXPECT_EQ(due[0].last_error, "RCPT failed: 550");
  std::vector<OutgoingMail> unsent = *UnsentMails(*db_);
  ASSERT_EQ(unsent.size(), 1u);  // what administrators see
  EXPECT_EQ(unsent[0].to_address, "b@example.org");
}

// A mail's text may hold a single-use link: it is gone once the mail is sent or given up on,
// and the administrators' queries never read it, even while it waits.
TEST_P(OutboxTest, AMailsTextIsErasedOnceSentOrAbandonedAndNeverReadForAdministrators) {
  int64_t sent = Queue("a@example.org", 100), abandoned = Queue("b@example.org", 100),
          waiting = Queue("c@example.org", 100);
  auto stored_body = [&](int64_t id) {
    std::string body = "not read";
    db_->session() << "SELECT body FROM outbox WHERE id = :id", soci::use(id), soci::into(body);
    return body;
  };
  ASSERT_TRUE(MarkMailSent(*db_, sent).ok());
  EXPECT_EQ(stored_body(sent), "");
  ASSERT_TRUE(MarkMailFailed(*db_, abandoned, "RCPT failed: 550", 500).ok());
  EXPECT_EQ(stored_body(abandoned), "Bonjour,\nvoici le lien.\n") << "kept while it may be retried";
  ASSERT_TRUE(AbandonMail(*db_, abandoned, "RCPT failed: 550 again").ok());
  EXPECT_EQ(stored_body(abandoned), "");
  EXPECT_EQ(stored_body(waiting), "Bonjour,\nvoici le lien.\n");

  std::optional<OutgoingMail> found = *FindMail(*db_, abandoned);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->attempts, 2);
  EXPECT_EQ(found->last_error, "RCPT failed: 550 again");
  EXPECT_EQ(found->next_attempt_unix, kMailAbandonedUnix);
  EXPECT_TRUE(DueMails(*db_, 100000, 10)->size() == 1u) << "only the waiting one is due";
  EXPECT_EQ(DueMails(*db_, 100000, 10)->front().body, "Bonjour,\nvoici le lien.\n");
  for (const OutgoingMail& m : *UnsentMails(*db_)) EXPECT_EQ(m.body, "") << m.to_address;
  EXPECT_EQ(UnsentMails(*db_)->size(), 2u);
  EXPECT_EQ(FindMail(*db_, waiting)->value().body, "");
  for (const OutgoingMail& m : *SentMailsSince(*db_, 0, 10)) EXPECT_EQ(m.body, "");
}

// An abandoned mail cannot be retried: its text is erased, what it announced must be sent anew.
TEST_P(OutboxTest, RetryRefusesAnAbandonedMail) {
  int64_t id = Queue("b@example.org", 100);
  ASSERT_TRUE(AbandonMail(*db_, id, "connection refused").ok());
  core::Result<bool> retried = RetryMail(*db_, id, 600, "user:3");
  ASSERT_FALSE(retried.ok());
  EXPECT_EQ(retried.error().id, "mail_abandoned");
  EXPECT_EQ(retried.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(FindMail(*db_, id)->value().next_attempt_unix, kMailAbandonedUnix);
  EXPECT_TRUE(ReadAudit(*db_)->empty());
}

TEST_P(OutboxTest, OnlyOneSenderClaimsAMail) {
  int64_t id = Queue("a@example.org", 100);
  std::optional<Database> other = scratch_.Open();  // another node
  ASSERT_TRUE(other.has_value());
  EXPECT_TRUE(*ClaimMail(*db_, id, 100, 700));
  EXPECT_FALSE(*ClaimMail(*other, id, 100, 700));  // saw it due at 100 too, but too late
  EXPECT_TRUE(DueMails(*db_, 699, 10)->empty());   // held during the lease
  EXPECT_EQ(DueMails(*db_, 700, 10)->size(), 1u);  // then due again if never marked
  ASSERT_TRUE(MarkMailSent(*db_, id).ok());
  EXPECT_FALSE(*ClaimMail(*other, id, 700, 1300));
}

TEST_P(OutboxTest, FindMailGivesAMailWhateverItsStateAndNothingForAnUnknownId) {
  int64_t id = Queue("a@example.org", 100);
  ASSERT_TRUE(MarkMailSent(*db_, id).ok());
  std::optional<OutgoingMail> found = *FindMail(*db_, id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->to_address, "a@example.org");
  EXPECT_FALSE(found->sent_at.empty());
  EXPECT_FALSE(FindMail(*db_, id + 1000)->has_value());
}

TEST_P(OutboxTest, SentMailsSinceAreTheRecentOnesMostRecentFirst) {
  int64_t old = Queue("old@example.org", 100), recent = Queue("recent@example.org", 100),
          newest = Queue("newest@example.org", 100), unsent = Queue("unsent@example.org", 100);
  for (int64_t id : {old, recent, newest}) ASSERT_TRUE(MarkMailSent(*db_, id).ok());
  db_->session() << "UPDATE outbox SET sent_at = '2020-01-01T00:00:00Z' WHERE id = :id",
      soci::use(old);
  db_->session() << "UPDATE outbox SET sent_at = '2030-01-02T00:00:00Z' WHERE id = :id",
      soci::use(recent);
  db_->session() << "UPDATE outbox SET sent_at = '2030-01-03T00:00:00Z' WHERE id = :id",
      soci::use(newest);
  const int64_t since = 1893456000;  // 2030-01-01T00:00:00Z
  std::vector<OutgoingMail> sent = *SentMailsSince(*db_, since, 10);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].id, newest);
  EXPECT_EQ(sent[1].id, recent);
  EXPECT_EQ(SentMailsSince(*db_, since, 1)->size(), 1u);
  EXPECT_EQ(*CountSentMailsSince(*db_, since), 2);
  EXPECT_EQ(*CountSentMailsSince(*db_, 0), 3);
  EXPECT_EQ(UnsentMails(*db_)->front().id, unsent);
}

TEST_P(OutboxTest, RetryMakesAFailedMailDueNowWithItsAttemptsAfreshAndIsAudited) {
  int64_t id = Queue("b@example.org", 100);
  ASSERT_TRUE(MarkMailFailed(*db_, id, "connection refused", 5000).ok());
  ASSERT_TRUE(MarkMailFailed(*db_, id, "connection refused", 9000).ok());
  core::Result<bool> retried = RetryMail(*db_, id, 600, "user:3");
  ASSERT_TRUE(retried.ok()) << core::ToLogString(retried.error());
  EXPECT_TRUE(*retried);
  std::vector<OutgoingMail> due = *DueMails(*db_, 600, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].attempts, 0);
  EXPECT_EQ(due[0].next_attempt_unix, 600);
  EXPECT_EQ(due[0].last_error, "connection refused");
  std::vector<AuditEntry> audit = *ReadAudit(*db_);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].actor, "user:3");
  EXPECT_EQ(audit[0].action, "mail.retry");
  EXPECT_EQ(audit[0].entity, "mail:" + std::to_string(id));
  EXPECT_EQ(
      audit[0].before_state,
      R"({"to_address":"b@example.org","attempts":2,"next_attempt_unix":9000,"last_error":"connection refused"})");
  EXPECT_EQ(
      audit[0].after_state,
      R"({"to_address":"b@example.org","attempts":0,"next_attempt_unix":600,"last_error":"connection refused"})");
}

TEST_P(OutboxTest, RetryChangesNothingForASentMailOrAnUnknownId) {
  int64_t id = Queue("a@example.org", 100);
  ASSERT_TRUE(MarkMailSent(*db_, id).ok());
  EXPECT_FALSE(*RetryMail(*db_, id, 600, "user:3"));
  EXPECT_FALSE(*RetryMail(*db_, id + 1000, 600, "user:3"));
  EXPECT_EQ(FindMail(*db_, id)->value().attempts, 1);
  EXPECT_TRUE(ReadAudit(*db_)->empty());
}

}  // namespace
}  // namespace tremplin::store
