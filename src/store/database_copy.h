// A whole database copied to another one — SQLite to PostgreSQL or back (tremplin db copy) —
// and the check that both hold the same rows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace tremplin::store {

// One table's row count and checksum: a 64-bit FNV-1a hash of every column of every row, in
// key order, each value in a canonical form (numbers in decimal, texts with their length,
// doubles by their bits, NULL apart), so that the same rows give the same checksum on SQLite
// and on PostgreSQL. It detects accidental differences, not deliberate tampering.
struct TableCheck {
  std::string table;
  int64_t rows = 0;
  uint64_t checksum = 0;
  friend bool operator==(const TableCheck&, const TableCheck&) = default;
};

// Row counts and checksums of the catalogue tables (organisations, courses,
// course_professions, course_sessions, change_counters, catalogue_changes, audit_log, users,
// user_organisations), read in one snapshot. Sessions and failed sign-ins are not copied:
// people sign in again on the copy.
core::Result<std::vector<TableCheck>> CheckTables(Database& db);

// Copies every row of `from` to `to`, with its ids, timestamps and change numbers, in one
// transaction on `to`, checks both (the source in the snapshot it was copied from, the target
// before committing) and returns the checks of `to`. `to` is first migrated to the latest
// schema and must hold no organisation, course or user ("database_not_empty"); `from` must be
// at the latest schema too ("database_schema_differs", args "source", "expected": migrate it
// first). Fails with "copy_verification_failed" (args "table", "source", "target") when a
// table differs after the copy. Nothing is written when anything fails, the check included
// (only the migration of `to` stays).
core::Result<std::vector<TableCheck>> CopyDatabase(Database& from, Database& to);

}  // namespace tremplin::store
