#include "store/migrations.h"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "store/sql_script.h"

namespace tremplin::store {
namespace {

constexpr std::string_view kMigrationsRoot = "src/store/migrations/";

core::Error Invalid(std::string_view path, std::string reason) {
  core::Error error = core::MakeError(core::ErrorCode::kInternal, "migration_invalid");
  error.With("path", std::string(path)).With("reason", std::move(reason));
  return error;
}

// Parses "0001_initial.sql" into version 1 and name "initial".
bool ParseFileName(std::string_view file_name, Migration& migration) {
  constexpr std::string_view kSuffix = ".sql";
  if (file_name.size() < 4 + 1 + 1 + kSuffix.size() || !file_name.ends_with(kSuffix) ||
      file_name[4] != '_')
    return false;
  int version = 0;
  for (char c : file_name.substr(0, 4)) {
    if (c < '0' || c > '9') return false;
    version = version * 10 + (c - '0');
  }
  std::string_view name = file_name.substr(5, file_name.size() - 5 - kSuffix.size());
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  migration.version = version;
  migration.name = std::string(name);
  return true;
}

bool TableExists(Database& db, soci::session& sql, const std::string& table) {
  int count = 0;
  if (db.backend() == Backend::kSqlite)
    sql << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = :name",
        soci::use(table), soci::into(count);
  else
    sql << "SELECT COUNT(*) FROM information_schema.tables "
           "WHERE table_schema = current_schema() AND table_name = :name",
        soci::use(table), soci::into(count);
  return count > 0;
}

// Makes processes that migrate the same database at once take turns, until the end of the
// transaction. SQLite's write transactions already do (BEGIN IMMEDIATE); on PostgreSQL a
// transaction-level advisory lock does (CREATE TABLE IF NOT EXISTS alone may fail in a race).
void LockMigrations(Database& db, soci::session& sql) {
  constexpr int64_t kMigrationLock = 0x7472656d706c696e;  // "tremplin"
  if (db.backend() == Backend::kPostgresql)
    sql << "SELECT pg_advisory_xact_lock(CAST(:key AS BIGINT))", soci::use(kMigrationLock);
}

int MaxVersion(soci::session& sql) {
  int version = 0;
  soci::indicator indicator = soci::i_ok;
  sql << "SELECT MAX(version) FROM schema_migrations", soci::into(version, indicator);
  return indicator == soci::i_null ? 0 : version;
}

core::Error TooNew(int version, int known) {
  core::Error error = core::MakeError(core::ErrorCode::kConflict, "database_too_new");
  error.With("version", std::to_string(version)).With("known", std::to_string(known));
  return error;
}

}  // namespace

core::Result<std::vector<Migration>> MigrationsFor(Backend backend,
                                                   std::span<const core::EmbeddedFile> files) {
  const std::string folder = std::string(kMigrationsRoot) + std::string(BackendName(backend)) + "/";
  std::vector<Migration> migrations;
  for (const core::EmbeddedFile& file : files) {
    if (!file.path.starts_with(folder) || !file.path.ends_with(".sql")) continue;
    std::string_view file_name = file.path.substr(folder.size());
    Migration migration;
    if (file_name.find('/') != std::string_view::npos || !ParseFileName(file_name, migration))
      return Invalid(file.path, "not named NNNN_name.sql");
    migration.sql = file.data;
    migrations.push_back(std::move(migration));
  }
  std::sort(migrations.begin(), migrations.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1)
      return Invalid(folder, "version " + std::to_string(i + 1) + " is missing or repeated");
  }
  return migrations;
}

int SchemaVersion(Database& db) {
  core::Result<int> version = db.ReadTransaction([&](soci::session& sql) -> core::Result<int> {
    if (!TableExists(db, sql, "schema_migrations")) return 0;
    return MaxVersion(sql);
  });
  if (!version.ok()) {
    const std::string* detail = version.error().Arg("detail");
    spdlog::error("database {}: cannot read the schema version: {}", db.name(),
                  detail ? *detail : version.error().id);
    return 0;
  }
  return *version;
}

core::Result<int> Migrate(Database& db) {
  core::Result<std::vector<Migration>> migrations = MigrationsFor(db.backend());
  if (!migrations.ok()) return migrations.error();
  return Migrate(db, *migrations);
}

core::Result<int> Migrate(Database& db, const std::vector<Migration>& migrations) {
  const int known = migrations.empty() ? 0 : migrations.back().version;
  core::Result<int> current = db.Transaction([&](soci::session& sql) -> core::Result<int> {
    LockMigrations(db, sql);
    sql << "CREATE TABLE IF NOT EXISTS schema_migrations ("
           "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
    return MaxVersion(sql);
  });
  if (!current.ok()) return current.error();
  if (*current > known) return TooNew(*current, known);

  int applied = 0;
  for (const Migration& migration : migrations) {
    if (migration.version <= *current) continue;
    core::Result<bool> ran = db.Transaction([&](soci::session& sql) -> core::Result<bool> {
      // Another process may have migrated since the first look: the lock is ours now.
      LockMigrations(db, sql);
      const int now_current = MaxVersion(sql);
      if (now_current > known) return TooNew(now_current, known);
      if (migration.version <= now_current) return false;
      for (const std::string& statement : SplitSqlScript(migration.sql)) sql << statement;
      const std::string applied_at = UtcTimestamp();
      sql << "INSERT INTO schema_migrations (version, name, applied_at) "
             "VALUES (:version, :name, :applied_at)",
          soci::use(migration.version), soci::use(migration.name), soci::use(applied_at);
      return true;
    });
    if (!ran.ok()) {
      core::Error error = ran.error();
      error.With("migration", std::to_string(migration.version) + "_" + migration.name);
      return error;
    }
    if (*ran) ++applied;
  }
  return applied;
}

}  // namespace tremplin::store
