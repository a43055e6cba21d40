#include "store/outbox.h"

#include <soci/soci.h>

namespace tremplin::store {
namespace {

// Unsent mails, oldest first: those due at `now_unix`, or (when it is negative) all of them.
core::Result<std::vector<OutgoingMail>> SelectMails(Database& db, int64_t now_unix, int limit) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<std::vector<OutgoingMail>> {
    std::vector<OutgoingMail> mails;
    OutgoingMail m;
    soci::statement select =
        (sql.prepare << "SELECT id, to_address, subject, body, created_at, attempts, "
                        "next_attempt_unix, sent_at, last_error FROM outbox WHERE sent_at = '' "
                        "AND (:now < 0 OR next_attempt_unix <= :due) ORDER BY id LIMIT :limit",
         soci::into(m.id), soci::into(m.to_address), soci::into(m.subject), soci::into(m.body),
         soci::into(m.created_at), soci::into(m.attempts), soci::into(m.next_attempt_unix),
         soci::into(m.sent_at), soci::into(m.last_error), soci::use(now_unix), soci::use(now_unix),
         soci::use(limit));
    select.execute();
    while (select.fetch()) mails.push_back(m);
    return mails;
  });
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
    sql << "UPDATE outbox SET sent_at = :at, attempts = attempts + 1 WHERE id = :id", soci::use(now),
        soci::use(id);
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

}  // namespace tremplin::store
