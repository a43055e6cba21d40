// The mail outbox: mails queued by the application (in the transaction of what they announce)
// and their delivery state, for the sender (app/mail_sender) and for administrators. A mail's
// text may hold a single-use link (invitation, password reset): it is kept only until the mail
// is sent or given up on, and only the sender ever reads it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace tremplin::store {

struct OutgoingMail {
  int64_t id = 0;
  std::string to_address;
  std::string subject;
  std::string body;  // plain text, UTF-8; read by DueMails only ("" elsewhere)
  std::string created_at;
  int64_t attempts = 0;
  int64_t next_attempt_unix = 0;
  std::string sent_at;  // "" until sent
  std::string last_error;
};

// The next attempt of a mail the sender gave up on: never (in year 70 000 or so).
inline constexpr int64_t kMailAbandonedUnix = 2147483647000;

// Queues a mail to be sent from `now_unix` on; returns its id.
core::Result<int64_t> QueueMail(Database& db, const OutgoingMail& mail, int64_t now_unix);

// Unsent mails due at `now_unix`, oldest first, at most `limit`, with their text (for the
// sender).
core::Result<std::vector<OutgoingMail>> DueMails(Database& db, int64_t now_unix, int limit);

// Takes mail `id` for sending: succeeds (true) for one caller only — the one that finds it still
// due at `next_attempt_unix` — and holds it until `lease_until_unix`, so that two nodes never
// send the same mail (a sender that dies leaves it to be retried after the lease).
core::Result<bool> ClaimMail(Database& db, int64_t id, int64_t next_attempt_unix, int64_t lease_until_unix);

// Marks mail `id` sent, and erases its text.
core::Status MarkMailSent(Database& db, int64_t id);
// Counts the attempt, keeps `error` and sets when to try again.
core::Status MarkMailFailed(Database& db, int64_t id, std::string_view error, int64_t next_attempt_unix);
// Counts the last attempt, keeps `error`, erases the mail's text and never tries again
// (next attempt kMailAbandonedUnix).
core::Status AbandonMail(Database& db, int64_t id, std::string_view error);

// For the administrators (the outbox page /espace/courriels, `tremplin mail list`): mails
// without their text (`body` is "").

// Every mail not sent yet (due, waiting to be retried or abandoned), oldest first.
core::Result<std::vector<OutgoingMail>> UnsentMails(Database& db);

// Mail `id`, sent or not; nullopt when there is none.
core::Result<std::optional<OutgoingMail>> FindMail(Database& db, int64_t id);

// Mails sent at `since_unix` or later, the most recent first, at most `limit`; and how many
// there are in all.
core::Result<std::vector<OutgoingMail>> SentMailsSince(Database& db, int64_t since_unix, int limit);
core::Result<int64_t> CountSentMailsSince(Database& db, int64_t since_unix);

// Puts unsent mail `id` back to be tried at `now_unix`, its attempts counted afresh (the last
// error stays until the next attempt replaces it), and appends "mail.retry" by `actor` to the
// audit log in the same transaction. Returns false, changing nothing, when there is no such
// mail or it has been sent; fails with kConflict "mail_abandoned" when the sender gave up on it
// (its text is erased: what it announced must be sent anew).
core::Result<bool> RetryMail(Database& db, int64_t id, int64_t now_unix, std::string_view actor);

}  // namespace tremplin::store
