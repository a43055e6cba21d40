#include "app/mail_sender.h"

#include <gtest/gtest.h>

namespace tremplin::app {
namespace {

TEST(MailSender, MessageHasItsHeadersAnEncodedSubjectAndCrlfLines) {
  SmtpSettings smtp{"smtp://127.0.0.1:25", "gen@example.org"};
  store::OutgoingMail mail;
  mail.to_address = "camille@example.org";
  mail.subject = "Votre accès à Tremplin";
  mail.body = "Bonjour,\nvoici le lien.\r\n.\nFin";
  std::string message = FormatMessage(smtp, mail);
  EXPECT_NE(message.find("From: gen@example.org\r\n"), std::string::npos);
  EXPECT_NE(message.find("To: camille@example.org\r\n"), std::string::npos);
  EXPECT_NE(message.find("Subject: =?UTF-8?B?Vm90cmUgYWNjw6hzIMOgIFRyZW1wbGlu?=\r\n"), std::string::npos)
      << message;
  EXPECT_NE(message.find("Content-Type: text/plain; charset=utf-8\r\n"), std::string::npos);
  EXPECT_NE(message.find("Message-ID: <"), std::string::npos);
  EXPECT_TRUE(message.ends_with("\r\n\r\nBonjour,\r\nvoici le lien.\r\n.\r\nFin\r\n")) << message;
}

TEST(MailSender, NoHeaderCanBeInjectedThroughTheAddressOrTheSubject) {
  SmtpSettings smtp{"smtp://127.0.0.1:25", "gen@example.org"};
  store::OutgoingMail mail;
  mail.to_address = "a@example.org\r\nBcc: everyone@example.org";
  mail.subject = "Hello\nBcc: everyone@example.org";
  std::string message = FormatMessage(smtp, mail);
  EXPECT_EQ(message.find("\r\nBcc:"), std::string::npos) << message;
  EXPECT_EQ(message.find("\nBcc:"), std::string::npos) << message;
}

TEST(MailSender, RetriesBackOffThenGiveUp) {
  EXPECT_EQ(RetryDelaySeconds(1), 60);
  EXPECT_EQ(RetryDelaySeconds(2), 120);
  EXPECT_EQ(RetryDelaySeconds(3), 240);
  EXPECT_EQ(RetryDelaySeconds(9), 60 << 8);  // about 4 hours after the ninth
  EXPECT_EQ(RetryDelaySeconds(kMaxMailAttempts), 0);
}

TEST(MailSender, AnUnreachableServerIsAClearError) {
  SmtpSettings smtp{"smtp://127.0.0.1:1", "gen@example.org", "", "", false};
  store::OutgoingMail mail;
  mail.to_address = "a@example.org";
  core::Status sent = SendMail(smtp, mail);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().id, "mail_send_failed");
  EXPECT_NE(core::ToLogString(sent.error()).find("connect"), std::string::npos);
}

}  // namespace
}  // namespace tremplin::app
