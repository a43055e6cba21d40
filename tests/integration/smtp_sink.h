// A real SMTP server for the tests that send mail: aiosmtpd (Debian's python3-aiosmtpd)
// listening on a free loopback port and storing each message it receives as a file of a
// maildir, which the tests read as the recipient would get it.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "test_server.h"
#include "test_support.h"

namespace tremplin::integration {

inline std::string ReadAll(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class SmtpSink {
 public:
  // Starts the server, its maildir and log in `dir`, and waits up to 10 s for it to accept
  // connections. Call it from the test's main thread (see SpawnProcess); error() says why it
  // did not start.
  explicit SmtpSink(const std::filesystem::path& dir) : dir_(dir) {
    using namespace std::chrono_literals;
    // Debian's interpreter, where python3-aiosmtpd is installed (not another python3 on PATH).
    if (!std::filesystem::exists("/usr/bin/python3")) {
      error_ = "python3 from Debian is needed (scripts/install-deps.sh)";
      return;
    }
    port_ = FreeLoopbackPort();
    if (port_ == 0) {
      error_ = "no free loopback port";
      return;
    }
    pid_ = SpawnProcess(
        {"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port_),
         "-c", "aiosmtpd.handlers.Mailbox", maildir().string()},
        dir_, dir_ / "smtp.log");
    if (pid_ <= 0) {
      error_ = "cannot start aiosmtpd";
      return;
    }
    for (auto deadline = std::chrono::steady_clock::now() + 10s;
         std::chrono::steady_clock::now() < deadline;) {
      if (Accepts()) return;
      std::this_thread::sleep_for(50ms);
    }
    error_ = "aiosmtpd does not listen on port " + std::to_string(port_) + ":\n" + Log();
  }
  ~SmtpSink() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    WaitForProcess(pid_, std::chrono::seconds(10), &status);
  }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  const std::string& error() const { return error_; }
  uint16_t port() const { return port_; }
  std::filesystem::path maildir() const { return dir_ / "maildir"; }
  std::string Log() const { return ReadAll(dir_ / "smtp.log"); }

  // The [mail] section of a configuration file that sends to this server as `from`.
  std::string MailConfig(std::string_view from = "gen@example.org") const {
    return "[mail]\nurl = \"smtp://127.0.0.1:" + std::to_string(port_) + "\"\nfrom = \"" +
           std::string(from) + "\"\nstarttls = false\n";
  }

  // The message files received so far (maildir's new/), oldest first, waiting up to `limit`
  // for there to be at least `count`.
  std::vector<std::filesystem::path> Received(size_t count,
                                              std::chrono::steady_clock::duration limit) const {
    auto deadline = std::chrono::steady_clock::now() + limit;
    std::vector<std::filesystem::path> files;
    while (true) {
      files.clear();
      std::error_code ec;
      for (const auto& entry : std::filesystem::directory_iterator(maildir() / "new", ec))
        files.push_back(entry.path());
      if (files.size() >= count || std::chrono::steady_clock::now() >= deadline) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
      return std::filesystem::last_write_time(a) < std::filesystem::last_write_time(b);
    });
    return files;
  }

 private:
  bool Accepts() const {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port_);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool connected = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    close(fd);
    return connected;
  }

  std::filesystem::path dir_;
  uint16_t port_ = 0;
  pid_t pid_ = -1;
  std::string error_;
};

}  // namespace tremplin::integration
