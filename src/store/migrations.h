// Versioned schema migrations: the SQL scripts under src/store/migrations/BACKEND/, compiled
// into the binary, applied in order and recorded in the schema_migrations table.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/embedded_files.h"
#include "core/result.h"
#include "store/database.h"

namespace tremplin::store {

struct Migration {
  int version = 0;       // 1 for "0001_initial.sql"
  std::string name;      // "initial"
  std::string_view sql;  // the script, embedded in the binary
};

// The migrations of `backend` among `files` (by default every embedded file), ordered by
// version: the .sql files directly under src/store/migrations/BACKEND/. Fails with kInternal
// "migration_invalid" (args "path", "reason") when one is not named NNNN_name.sql (name in
// lower case, digits and '_'), or when versions repeat or skip a number (they run 1, 2, 3…).
core::Result<std::vector<Migration>> MigrationsFor(
    Backend backend, std::span<const core::EmbeddedFile> files = core::EmbeddedFiles());

// The version of the last migration applied to `db`; 0 when none has been (and when the
// database cannot be read, which is logged: every later statement will report the reason).
int SchemaVersion(Database& db);

// Brings the schema of `db` to the latest embedded version: applies each missing migration
// in its own transaction, recording version, name and applied_at. Returns how many were
// applied (0 when already up to date, so running it twice is harmless). Refuses to touch a
// database migrated by a newer binary: kConflict "database_too_new" (args "version", "known").
core::Result<int> Migrate(Database& db);

// Same with an explicit list of migrations, for tests.
core::Result<int> Migrate(Database& db, const std::vector<Migration>& migrations);

}  // namespace tremplin::store
