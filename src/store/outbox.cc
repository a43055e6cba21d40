#include "store/outbox.h"

#include <soci/soci.h>

#include <boost/json.hpp>
#include <ctime>

#include "store/audit_log.h"

namespace tremplin::store {
namespace {

// A mail's columns, its text only when `with_text` (for the sender): administrators' queries
// never read it, not even into memory.
std::string SelectMailColumns(bool with_text) {
  return std::string("SELECT id, to_address, subject, ") + (with_text ? "body" : "CAST('' AS TEXT)") +
         ", created_at, attempts, next_attempt_unix, sent_at, last_error FROM outbox ";
}

// The mails of `select` (a statement over SelectMailColumns, its values bound to `m`).
std::vector<OutgoingMail> FetchMails(soci::statement& select, OutgoingMail& m) {
  std::vector<OutgoingMail> mails;
  select.execute();
  while (select.fetch()) mails.push_back(m);
  return mails;
}

// Unsent mails, oldest first: those due at `now_unix` with their text, or (when it is negative)
// all of them without.
core::Result<std::vector<OutgoingMail>> SelectMails(Database& db, int64_t now_unix, int limit) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<std::vector<OutgoingMail>> {
    OutgoingMail m;
    soci::statement select =
        (sql.prepare << SelectMailColumns(now_unix >= 0) +
                            "WHERE sent_at = '' AND (CAST(:now AS BIGINT) < 0 OR next_attempt_unix <= :due) "
                            "ORDER BY id LIMIT :limit",
         soci::into(m.id), soci::into(m.to_address), soci::into(m.subject), soci::into(m.body),
         soci::into(m.created_at), soci::into(m.attempts), soci::into(m.next_attempt_unix),
         soci::into(m.sent_at), soci::into(m.last_error), soci::use(now_unix), soci::use(now_unix),
         soci::use(limit));
    return FetchMails(select, m);
  });
}

// What the audit log keeps of a mail: its delivery state, not its text (which may hold a
// single-use link).
std::string MailAuditState(const OutgoingMail& mail) {
  return boost::json::serialize(boost::json::object{{"to_address", mail.to_address},
                                                    {"attempts", mail.attempts},
                                                    {"next_attempt_unix", mail.next_attempt_unix},
                                                    {"last_error", mail.last_error}});
}

// `unix` written as the *_at columns are (UtcTimestamp()): such texts sort as their times.
std::string TimestampOf(int64_t unix) {
  std::time_t time = static_cast<std::time_t>(unix);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace

core::Result<int64_t> QueueMail(Database& db, const OutgoingMail& mail, int64_t now_unix) {
  return db.Transaction([&](soci::session& sql) -> core::Result<int64_t> {
    int64_t id = 0;
    std::string now = UtcTimestamp();
    sql << "INSERT INTO outbox (to_address, subject, body, created_at, next_attempt_unix) "
           "VALUES (:to, :subject, :body, :created, :next) RETURNING id",
        soci::use(mail.to_address), soci::use(mail.subject), soci::use(mail.body), soci::use(now),
        soci::use(now_unix), soci::into(id);
    return id;
  });
}

core::Result<std::vector<OutgoingMail>> DueMails(Database& db, int64_t now_unix, int limit) {
  return SelectMails(db, now_unix, limit);
}

core::Result<std::vector<OutgoingMail>> UnsentMails(Database& db) {
  return SelectMails(db, -1, 1000000);
}

core::Result<bool> ClaimMail(Database& db, int64_t id, int64_t next_attempt_unix, int64_t lease_until_unix) {
  return db.Transaction([&](soci::session& sql) -> core::Result<bool> {
    soci::statement claim =
        (sql.prepare << "UPDATE outbox SET next_attempt_unix = :lease WHERE id = :id "
                        "AND sent_at = '' AND next_attempt_unix = :expected",
         soci::use(lease_until_unix), soci::use(id), soci::use(next_attempt_unix));
    claim.execute(true);
    return claim.get_affected_rows() == 1;
  });
}

core::Status MarkMailSent(Database& db, int64_t id) {
  return db.Transaction([&](soci::session& sql) -> core::Status {
    std::string now = UtcTimestamp();
    sql << "UPDATE outbox SET sent_at = :at, attempts = attempts + 1, body = '' WHERE id = :id",
        soci::use(now), soci::use(id);
    return core::Ok{};
  });
}

core::Status MarkMailFailed(Database& db, int64_t id, std::string_view error, int64_t next_attempt_unix) {
  return db.Transaction([&](soci::session& sql) -> core::Status {
    std::string reason(error.substr(0, 2000));
    sql << "UPDATE outbox SET attempts = attempts + 1, last_error = :error, "
           "next_attempt_unix = :next WHERE id = :id",
        soci::use(reason), soci::use(next_attempt_unix), soci::use(id);
    return core::Ok{};
  });
}

core::Status AbandonMail(Database& db, int64_t id, std::string_view error) {
  return db.Transaction([&](soci::session& sql) -> core::Status {
    std::string reason(error.substr(0, 2000));
    sql << "UPDATE outbox SET attempts = attempts + 1, last_error = :error, "
           "next_attempt_unix = :never, body = '' WHERE id = :id",
        soci::use(reason), soci::use(kMailAbandonedUnix), soci::use(id);
    return core::Ok{};
  });
}

core::Result<std::optional<OutgoingMail>> FindMail(Database& db, int64_t id) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<std::optional<OutgoingMail>> {
    OutgoingMail m;
    soci::statement select =
        (sql.prepare << SelectMailColumns(false) + "WHERE id = :id", soci::into(m.id),
         soci::into(m.to_address), soci::into(m.subject), soci::into(m.body),
         soci::into(m.created_at), soci::into(m.attempts), soci::into(m.next_attempt_unix),
         soci::into(m.sent_at), soci::into(m.last_error), soci::use(id));
    if (!select.execute(true)) return std::optional<OutgoingMail>();
    return std::optional<OutgoingMail>(std::move(m));
  });
}

core::Result<std::vector<OutgoingMail>> SentMailsSince(Database& db, int64_t since_unix,
                                                       int limit) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<std::vector<OutgoingMail>> {
    OutgoingMail m;
    std::string since = TimestampOf(since_unix);
    soci::statement select =
        (sql.prepare
             << SelectMailColumns(false) +
                    "WHERE sent_at <> '' AND sent_at >= :since ORDER BY sent_at DESC, id DESC "
                    "LIMIT :limit",
         soci::into(m.id), soci::into(m.to_address), soci::into(m.subject), soci::into(m.body),
         soci::into(m.created_at), soci::into(m.attempts), soci::into(m.next_attempt_unix),
         soci::into(m.sent_at), soci::into(m.last_error), soci::use(since), soci::use(limit));
    return FetchMails(select, m);
  });
}

core::Result<int64_t> CountSentMailsSince(Database& db, int64_t since_unix) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<int64_t> {
    std::string since = TimestampOf(since_unix);
    int64_t count = 0;
    sql << "SELECT COUNT(*) FROM outbox WHERE sent_at <> '' AND sent_at >= :since",
        soci::use(since), soci::into(count);
    return count;
  });
}

core::Result<bool> RetryMail(Database& db, int64_t id, int64_t now_unix, std::string_view actor) {
  return db.Transaction([&](soci::session& sql) -> core::Result<bool> {
    core::Result<std::optional<OutgoingMail>> found = FindMail(db, id);
    if (!found.ok()) return found.error();
    if (!*found || !(*found)->sent_at.empty()) return false;
    if ((*found)->next_attempt_unix == kMailAbandonedUnix)
      return core::MakeError(core::ErrorCode::kConflict, "mail_abandoned");
    OutgoingMail mail = **found;
    AuditEntry entry;
    entry.actor = std::string(actor);
    entry.action = "mail.retry";
    entry.entity = "mail:" + std::to_string(id);
    entry.before_state = MailAuditState(mail);
    soci::statement retry =  // still unsent and kept: the sender may have just delivered it
        (sql.prepare << "UPDATE outbox SET attempts = 0, next_attempt_unix = :now "
                        "WHERE id = :id AND sent_at = '' AND next_attempt_unix <> :never",
         soci::use(now_unix), soci::use(id), soci::use(kMailAbandonedUnix));
    retry.execute(true);
    if (retry.get_affected_rows() != 1) return false;
    mail.attempts = 0;
    mail.next_attempt_unix = now_unix;
    entry.after_state = MailAuditState(mail);
    if (core::Result<int64_t> audited = AppendAudit(db, std::move(entry)); !audited.ok())
      return audited.error();
    return true;
  });
}

}  // namespace tremplin::store
