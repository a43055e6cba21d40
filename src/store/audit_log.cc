#include "store/audit_log.h"

#include <sodium.h>
#include <soci/soci.h>

#include <string_view>

#include "core/text_rules.h"
#include "store/rows.h"

namespace tremplin::store {
namespace {

using rows::AuditRow;
using rows::PrepareInsert;
using rows::PrepareSelect;

// The advisory lock key that serialises appends on PostgreSQL ("audit" in ASCII).
constexpr int64_t kAuditLockKey = 0x6175646974;

AuditRow ToRow(const AuditEntry& e) {
  return {e.id, e.at, e.actor, e.action, e.entity, e.before_state, e.after_state,
          e.previous_hash, e.hash};
}

AuditEntry FromRow(const AuditRow& r) {
  return {r.id, r.at, r.actor, r.action, r.entity, r.before_state, r.after_state,
          r.previous_hash, r.hash};
}

constexpr std::string_view kUserPrefix = "user:";

}  // namespace

std::string UserRef(int64_t user_id) { return std::string(kUserPrefix) + std::to_string(user_id); }

std::optional<int64_t> UserIdOf(std::string_view ref) {
  if (!ref.starts_with(kUserPrefix)) return std::nullopt;
  return core::ParsePositiveId(ref.substr(kUserPrefix.size()));
}

std::string EntryHash(const AuditEntry& entry) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  // Each field with its length first, so that moving text from one field to the next changes
  // the hash.
  auto add = [&](std::string_view field) {
    std::string length = std::to_string(field.size()) + ":";
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(length.data()), length.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(field.data()), field.size());
  };
  add(std::to_string(entry.id));
  add(entry.at);
  add(entry.actor);
  add(entry.action);
  add(entry.entity);
  add(entry.before_state);
  add(entry.after_state);
  add(entry.previous_hash);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

core::Result<int64_t> AppendAudit(Database& db, AuditEntry entry) {
  return db.Transaction([&](soci::session& sql) -> core::Result<int64_t> {
    if (db.backend() == Backend::kPostgresql) {
      // One chain: an append waits for the one before it to commit or roll back.
      int locked = 0;
      sql << "SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) AS taken", soci::use(kAuditLockKey),
          soci::into(locked);
    }
    int64_t last_id = 0;
    std::string last_hash;
    soci::indicator none = soci::i_ok;
    sql << "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", soci::into(last_id),
        soci::into(last_hash, none);
    if (!sql.got_data()) {
      last_id = 0;
      last_hash.clear();
    }
    entry.id = last_id + 1;
    entry.at = UtcTimestamp();
    entry.previous_hash = last_hash;
    entry.hash = EntryHash(entry);
    AuditRow row = ToRow(entry);
    PrepareInsert(sql, "audit_log", row, /*with_id=*/true).execute(true);
    return entry.id;
  });
}

core::Result<std::vector<AuditEntry>> ReadAudit(Database& db) {
  return db.ReadTransaction([&](soci::session& sql) -> core::Result<std::vector<AuditEntry>> {
    std::vector<AuditEntry> entries;
    AuditRow row;
    soci::statement select = PrepareSelect(sql, "audit_log", row, "ORDER BY id", nullptr);
    select.execute();
    while (select.fetch()) entries.push_back(FromRow(row));
    return entries;
  });
}

core::Result<AuditVerification> VerifyAudit(Database& db) {
  core::Result<std::vector<AuditEntry>> entries = ReadAudit(db);
  if (!entries.ok()) return entries.error();
  AuditVerification result;
  result.entries = static_cast<int64_t>(entries->size());
  std::string previous;
  int64_t expected_id = 1;
  for (const AuditEntry& e : *entries) {
    if (e.id != expected_id) {
      result.reason = "entry " + std::to_string(expected_id) + " is missing (next found: " +
                      std::to_string(e.id) + ")";
    } else if (e.previous_hash != previous) {
      result.reason = "its previous_hash is not the hash of the entry before it";
    } else if (EntryHash(e) != e.hash) {
      result.reason = "its content does not match its hash (edited after it was written)";
    }
    if (!result.reason.empty()) {
      result.first_broken = e.id;
      return result;
    }
    previous = e.hash;
    ++expected_id;
  }
  return result;
}

}  // namespace tremplin::store
