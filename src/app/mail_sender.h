// Sends the outbox over SMTP (libcurl: STARTTLS, authentication): a thread of the server looks
// for due mails every five seconds, sends them, and reschedules a failure —
// after 1, 2, 4… minutes, at most 6 hours apart, 10 attempts in all, the last error kept for
// administrators (tremplin mail list). A mail sent, or given up on, loses its text in the outbox
// (store::MarkMailSent, store::AbandonMail): it may hold a single-use link.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/result.h"
#include "store/outbox.h"

namespace tremplin::app {

struct SmtpSettings {
  std::string url;       // "smtp://host:587" (STARTTLS when `starttls`) or "smtps://host:465"; "" = off
  std::string from;      // the sender's address
  std::string username;  // "" = no authentication
  std::string password;
  bool starttls = true;  // require STARTTLS on smtp:// (turn off only for a local relay)
};

// Sends one mail now. Fails with "mail_send_failed" (arg reason, English) when the server
// refuses it or cannot be reached.
core::Status SendMail(const SmtpSettings& smtp, const store::OutgoingMail& mail);

// The whole message as sent: headers (UTF-8 subject encoded per RFC 2047) and the body with
// CRLF line ends.
std::string FormatMessage(const SmtpSettings& smtp, const store::OutgoingMail& mail);

struct Config;
SmtpSettings SmtpFromConfig(const Config& config);

inline constexpr int kMaxMailAttempts = 10;
// When to try again after `attempts` failed attempts (0 after the last).
int64_t RetryDelaySeconds(int64_t attempts);

class MailSender {
 public:
  MailSender(std::string database_url, SmtpSettings smtp);
  ~MailSender();
  void Start();
  void Stop();

 private:
  void Run();
  // Sends what is due now. Returns how many mails were sent; fails when the database cannot be
  // read.
  core::Result<int> SendDue();

  const std::string database_url_;
  const SmtpSettings smtp_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<store::Database> db_;  // the thread's own connection, opened when first needed
  std::thread thread_;
};

}  // namespace tremplin::app
