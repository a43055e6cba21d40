#include "store/outbox.h"

#include <gtest/gtest.h>

#include <optional>

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

}  // namespace
}  // namespace tremplin::store
