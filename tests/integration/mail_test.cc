// Mail leaves through a real SMTP server: aiosmtpd (Debian's python3-aiosmtpd) listening on
// loopback and storing what it receives in a maildir, the real server sending its outbox to it.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include "smtp_sink.h"
#include "support/temp_dir.h"
#include "test_server.h"
#include "test_support.h"

namespace tremplin::integration {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class Mail : public ::testing::Test {
 protected:
  void SetUp() override {
    TREMPLIN_REQUIRE_TEST_PREREQUISITES();
    ASSERT_FALSE(scratch_.path().empty());
    dir_ = scratch_.path();
    sink_ = std::make_unique<SmtpSink>(dir_);
    ASSERT_EQ(sink_->error(), "");
    config_ = dir_ / "tremplin.toml";
    std::ofstream(config_) << sink_->MailConfig();
    database_ = "sqlite:" + (dir_ / "mail.db").string();
    ASSERT_EQ(TestServer::PrepareCoordinates(dir_), "");
  }
  void TearDown() override {
    if (server_) {
      std::string error;
      EXPECT_EQ(server_->Stop(&error), 0) << error;
    }
  }
  CommandResult Tremplin(std::vector<std::string> args) {
    std::vector<std::string> all = {"--config", config_.string()};
    for (const std::string& a : TestServer::GlobalArgs(database_)) all.push_back(a);
    all.insert(all.end(), args.begin(), args.end());
    return RunTremplin(all, dir_);
  }
  void StartServer() {
    std::string error;
    ASSERT_EQ(Tremplin({"seed", "--demo"}).exit_code, 0);
    server_ = TestServer::Start(&error, {.database = database_, .global_args = {"--config", config_.string()}});
    ASSERT_TRUE(server_) << error;
  }

  tremplin::testing::TempDir scratch_;
  fs::path dir_, config_;
  std::string database_;
  std::unique_ptr<SmtpSink> sink_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(Mail, AQueuedMailArrivesAtTheSmtpServerWhole) {
  StartServer();
  CommandResult queued = Tremplin({"mail", "test", "--to", "camille@example.org"});
  ASSERT_EQ(queued.exit_code, 0) << queued.output;
  std::vector<fs::path> received = sink_->Received(1, 20s);
  ASSERT_EQ(received.size(), 1u) << "nothing reached the SMTP server:\n" << sink_->Log()
                                 << "\nServer log:\n" << server_->Log();
  std::string message = ReadAll(received[0]);
  EXPECT_TRUE(Contains(message, "From: gen@example.org")) << message;
  EXPECT_TRUE(Contains(message, "To: camille@example.org")) << message;
  EXPECT_TRUE(Contains(message, "X-RcptTo: camille@example.org")) << message;
  EXPECT_TRUE(Contains(message, "Subject: =?UTF-8?B?")) << message;  // "Tremplin : courriel d’essai"
  EXPECT_TRUE(Contains(message, "Ce courriel d’essai vérifie que Tremplin peut envoyer des messages."))
      << message;
  // Sent: no longer in the outbox.
  CommandResult listed = Tremplin({"mail", "list"});
  EXPECT_TRUE(Contains(listed.output, "0 mail(s) not sent")) << listed.output;
}

TEST_F(Mail, AMailTheServerRefusesStaysVisibleWithItsError) {
  StartServer();
  // aiosmtpd refuses a non-ASCII mailbox without SMTPUTF8.
  ASSERT_EQ(Tremplin({"mail", "test", "--to", "élodie@example.org"}).exit_code, 0);
  ASSERT_EQ(Tremplin({"mail", "test", "--to", "dominique@example.org"}).exit_code, 0);
  ASSERT_EQ(sink_->Received(1, 20s).size(), 1u);
  CommandResult listed;
  for (int i = 0; i < 100; ++i) {  // the refusal is recorded right after the attempt
    listed = Tremplin({"mail", "list"});
    if (Contains(listed.output, "attempts 1")) break;
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_TRUE(Contains(listed.output, "1 mail(s) not sent")) << listed.output;
  EXPECT_TRUE(Contains(listed.output, "élodie@example.org\tattempts 1\tmail_send_failed")) << listed.output;
}

TEST_F(Mail, WithoutAnSmtpServerMailsWaitInTheOutbox) {
  std::ofstream(config_) << "";  // no [mail] section
  StartServer();
  ASSERT_EQ(Tremplin({"mail", "test", "--to", "camille@example.org"}).exit_code, 0);
  std::this_thread::sleep_for(1s);
  EXPECT_TRUE(Contains(server_->Log(), "no SMTP server configured")) << server_->Log();
  CommandResult listed = Tremplin({"mail", "list"});
  EXPECT_TRUE(Contains(listed.output, "camille@example.org\tattempts 0\twaiting")) << listed.output;
}

}  // namespace
}  // namespace tremplin::integration
