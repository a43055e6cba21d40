#include "app/mail_sender.h"

#include <curl/curl.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>

#include "app/config.h"
#include "auth/sign_in.h"
#include "auth/tokens.h"

namespace tremplin::app {
namespace {

constexpr auto kLookEvery = std::chrono::seconds(5);

// "=?UTF-8?B?…?=" when `text` is not plain ASCII (RFC 2047), else `text`.
std::string EncodedHeader(const std::string& text) {
  bool ascii = true;
  for (unsigned char c : text) ascii = ascii && c >= 0x20 && c < 0x7f;
  if (ascii) return text;
  std::string encoded(sodium_base64_encoded_len(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), reinterpret_cast<const unsigned char*>(text.data()),
                    text.size(), sodium_base64_VARIANT_ORIGINAL);
  encoded.resize(encoded.size() - 1);  // the terminating NUL
  return "=?UTF-8?B?" + encoded + "?=";
}

// A header value without line breaks (no header injection through an address or a subject).
std::string OneLine(std::string text) {
  for (char& c : text)
    if (c == '\r' || c == '\n') c = ' ';
  return text;
}

struct Upload {
  std::string data;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

}  // namespace

std::string FormatMessage(const SmtpSettings& smtp, const store::OutgoingMail& mail) {
  char date[64];
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  std::string domain = smtp.from.substr(smtp.from.find('@') + 1);
  std::string message = "Date: " + std::string(date) + "\r\n" + "From: " + OneLine(smtp.from) +
                        "\r\nTo: " + OneLine(mail.to_address) + "\r\nSubject: " +
                        EncodedHeader(OneLine(mail.subject)) + "\r\nMessage-ID: <" +
                        auth::RandomToken().substr(0, 32) + "@" + OneLine(domain) +
                        ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                        "Content-Transfer-Encoding: 8bit\r\n\r\n";
  for (size_t i = 0; i < mail.body.size(); ++i) {
    if (mail.body[i] == '\r') continue;
    if (mail.body[i] == '\n') message += "\r\n";
    else message += mail.body[i];
  }
  if (!message.ends_with("\r\n")) message += "\r\n";
  return message;
}

core::Status SendMail(const SmtpSettings& smtp, const store::OutgoingMail& mail) {
  CURL* curl = curl_easy_init();
  if (!curl) return core::MakeError(core::ErrorCode::kUnavailable, "mail_send_failed").With("reason", "libcurl");
  Upload upload{FormatMessage(smtp, mail)};
  std::string from = "<" + smtp.from + ">", to = "<" + mail.to_address + ">";
  curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
  char error[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_URL, smtp.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (smtp.starttls) curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!smtp.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, smtp.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, smtp.password.c_str());
  }
  CURLcode result = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (result == CURLE_OK) return core::Ok{};
  return core::MakeError(core::ErrorCode::kUnavailable, "mail_send_failed")
      .With("reason", *error ? std::string(error) : curl_easy_strerror(result));
}

SmtpSettings SmtpFromConfig(const Config& config) {
  return {config.mail_url, config.mail_from, config.mail_username, config.mail_password,
          config.mail_starttls};
}

int64_t RetryDelaySeconds(int64_t attempts) {
  if (attempts >= kMaxMailAttempts) return 0;
  return std::min<int64_t>(60LL << std::min<int64_t>(attempts - 1, 20), 6 * 3600);
}

MailSender::MailSender(std::string database_url, SmtpSettings smtp)
    : database_url_(std::move(database_url)), smtp_(std::move(smtp)) {}

MailSender::~MailSender() { Stop(); }

void MailSender::Start() {
  if (smtp_.url.empty()) {
    spdlog::warn("mail: no SMTP server configured ([mail] url): mails stay in the outbox");
    return;
  }
  if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
}

void MailSender::Stop() {
  stopping_ = true;
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

core::Result<int> MailSender::SendDue() {
  if (!db_) {
    core::Result<store::Database> opened = store::Database::Open(database_url_);
    if (!opened.ok()) return opened.error();
    db_.emplace(std::move(*opened));
  }
  store::Database* db = &*db_;  // a lost connection is reopened by Database itself
  core::Result<std::vector<store::OutgoingMail>> due = store::DueMails(*db, auth::NowUnix(), 50);
  if (!due.ok()) return due.error();
  int sent = 0;
  for (const store::OutgoingMail& mail : *due) {
    core::Result<bool> mine = store::ClaimMail(*db, mail.id, mail.next_attempt_unix, auth::NowUnix() + 600);
    if (!mine.ok()) return mine.error();
    if (!*mine) continue;  // another node is sending it
    core::Status status = SendMail(smtp_, mail);
    if (status.ok()) {
      if (core::Status marked = store::MarkMailSent(*db, mail.id); !marked.ok()) return marked.error();
      ++sent;
      continue;
    }
    const std::string reason = core::ToLogString(status.error());
    int64_t delay = RetryDelaySeconds(mail.attempts + 1);
    spdlog::warn("mail {} to {} not sent (attempt {}): {}{}", mail.id, mail.to_address,
                 mail.attempts + 1, reason, delay > 0 ? "" : "; giving up");
    core::Status marked = delay > 0
                              ? store::MarkMailFailed(*db, mail.id, reason, auth::NowUnix() + delay)
                              : store::AbandonMail(*db, mail.id, reason);
    if (!marked.ok()) return marked.error();
  }
  return sent;
}

void MailSender::Run() {
  while (!stopping_) {
    core::Result<int> sent = SendDue();
    if (!sent.ok()) spdlog::warn("mail: cannot read the outbox: {}", core::ToLogString(sent.error()));
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, kLookEvery, [&] { return stopping_.load(); });
  }
}

}  // namespace tremplin::app
