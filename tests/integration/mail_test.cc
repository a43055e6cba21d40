// Mail leaves through a real SMTP server: aiosmtpd (Debian's python3-aiosmtpd) listening on
// loopback and storing what it receives in a maildir, the real server sending its outbox to it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "support/temp_dir.h"
#include "test_server.h"
#include "test_support.h"

namespace tremplin::integration {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string ReadAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The files of the maildir's new/ folder (each a message), waiting up to `limit` for `count`.
std::vector<fs::path> Received(const fs::path& maildir, size_t count, std::chrono::seconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  std::vector<fs::path> files;
  while (std::chrono::steady_clock::now() < deadline) {
    files.clear();
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(maildir / "new", ec)) files.push_back(entry.path());
    if (files.size() >= count) break;
    std::this_thread::sleep_for(100ms);
  }
  return files;
}

class Mail : public ::testing::Test {
 protected:
  void SetUp() override {
    TREMPLIN_REQUIRE_TEST_PREREQUISITES();
    // Debian's interpreter, where python3-aiosmtpd is installed (not another python3 on PATH).
    ASSERT_TRUE(fs::exists("/usr/bin/python3")) << "python3 from Debian is needed (scripts/install-deps.sh)";
    ASSERT_FALSE(scratch_.path().empty());
    dir_ = scratch_.path();
    smtp_port_ = FreeLoopbackPort();
    ASSERT_NE(smtp_port_, 0);
    sink_ = SpawnProcess({"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l",
                          "127.0.0.1:" + std::to_string(smtp_port_), "-c",
                          "aiosmtpd.handlers.Mailbox", (dir_ / "maildir").string()},
                         dir_, dir_ / "smtp.log");
    ASSERT_GT(sink_, 0);
    config_ = dir_ / "tremplin.toml";
    std::ofstream(config_) << "[mail]\nurl = \"smtp://127.0.0.1:" << smtp_port_
                           << "\"\nfrom = \"gen@example.org\"\nstarttls = false\n";
    database_ = "sqlite:" + (dir_ / "mail.db").string();
    ASSERT_EQ(TestServer::PrepareCoordinates(dir_), "");
  }
  void TearDown() override {
    if (server_) {
      std::string error;
      EXPECT_EQ(server_->Stop(&error), 0) << error;
    }
    if (sink_ > 0) {
      kill(sink_, SIGTERM);
      int status = 0;
      WaitForProcess(sink_, 10s, &status);
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
  uint16_t smtp_port_ = 0;
  pid_t sink_ = -1;
  std::unique_ptr<TestServer> server_;
};

TEST_F(Mail, AQueuedMailArrivesAtTheSmtpServerWhole) {
  StartServer();
  CommandResult queued = Tremplin({"mail", "test", "--to", "camille@example.org"});
  ASSERT_EQ(queued.exit_code, 0) << queued.output;
  std::vector<fs::path> received = Received(dir_ / "maildir", 1, 20s);
  ASSERT_EQ(received.size(), 1u) << "nothing reached the SMTP server:\n" << ReadAll(dir_ / "smtp.log")
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
  ASSERT_EQ(Received(dir_ / "maildir", 1, 20s).size(), 1u);
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
