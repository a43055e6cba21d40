// The audit log: an append-only, hash-chained record of every change — who (the actor), what
// (an action on an entity, with its state before and after as JSON), when. Entries are
// appended inside the transaction of the change they record, so both are kept or neither.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace tremplin::store {

struct AuditEntry {
  int64_t id = 0;                  // 1, 2, 3… in order of appending
  std::string at = {};             // UTC timestamp, as UtcTimestamp()
  std::string actor = {};          // "api-token", "cli", UserRef(42) = "user:42"
  std::string action = {};         // "course.edit", "catalogue.seed"…
  std::string entity = {};         // "course:42", "catalogue"
  std::string before_state = {};   // JSON; "" when the entity did not exist
  std::string after_state = {};    // JSON; "" when it no longer exists
  std::string previous_hash = {};  // the hash of entry id - 1 ("" for the first)
  std::string hash = {};           // EntryHash of this entry, hex
};

// How the audit log names a person, as the actor or the entity of an entry: "user:42".
std::string UserRef(int64_t user_id);
// The id of the person `ref` names ("user:42" → 42); nullopt for any other actor.
std::optional<int64_t> UserIdOf(std::string_view ref);

// SHA-256 (hex) of the entry's fields, each with its length, and of previous_hash.
std::string EntryHash(const AuditEntry& entry);

// Appends an entry (id, at, previous_hash and hash are filled in here), in the caller's
// transaction when there is one. Returns its id.
core::Result<int64_t> AppendAudit(Database& db, AuditEntry entry);

// Every entry, in order.
core::Result<std::vector<AuditEntry>> ReadAudit(Database& db);

// What `tremplin audit verify` finds: the number of entries, and the first one that breaks the
// chain (its hash is not that of its content, or its previous_hash is not the hash of the
// entry before, or an id is missing) with why, if any.
struct AuditVerification {
  int64_t entries = 0;
  std::optional<int64_t> first_broken;
  std::string reason;  // English, for the operator
};
core::Result<AuditVerification> VerifyAudit(Database& db);

}  // namespace tremplin::store
