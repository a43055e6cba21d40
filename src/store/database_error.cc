#include "store/database_error.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace tremplin::store {
namespace {

constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

core::Error Make(core::ErrorCode code, std::string id, std::string field, std::string detail) {
  core::Error error = core::MakeError(code, std::move(id), std::move(field));
  error.With("detail", std::move(detail));
  return error;
}

}  // namespace

core::Error DatabaseError(const std::exception& e) {
  // The message without SOCI's context, which quotes the statement: its column names would
  // otherwise be mistaken for the constraint that failed.
  std::string detail = e.what();
  if (const auto* soci_error = dynamic_cast<const soci::soci_error*>(&e))
    detail = soci_error->get_error_message();
  // Both backends' wordings: SQLite says "UNIQUE constraint failed: organisations.siret",
  // PostgreSQL "duplicate key value violates unique constraint \"organisations_siret_key\"".
  const std::string message = Lower(detail);
  using core::ErrorCode;
  if (Contains(message, "unique constraint") || Contains(message, "duplicate key")) {
    if (Contains(message, "siret"))
      return Make(ErrorCode::kConflict, "conflict_duplicate_siret", "siret", detail);
    if (Contains(message, "users.email") || Contains(message, "users_email_key"))
      return Make(ErrorCode::kConflict, "conflict_duplicate_email", "email", detail);
    if (Contains(message, "course_professions"))
      return Make(ErrorCode::kConflict, "conflict_duplicate_profession", "profession_ids", detail);
    return Make(ErrorCode::kConflict, "conflict_duplicate_id", "", detail);
  }
  if (Contains(message, "foreign key constraint"))
    return Make(ErrorCode::kConflict, "conflict_unknown_reference", "", detail);
  if (Contains(message, "check constraint") || Contains(message, "not null constraint") ||
      Contains(message, "not-null constraint"))
    return Make(ErrorCode::kConflict, "conflict_constraint_violated", "", detail);

  bool busy = Contains(message, "database is locked");
  if (const auto* sqlite_error = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    int primary = sqlite_error->result() & 0xff;
    busy = busy || primary == kSqliteBusy || primary == kSqliteLocked;
  }
  // PostgreSQL: a transaction that lost a race (serialization failure, deadlock) may be
  // retried; a lost server (connection class 08, shutting down 57P0x, or libpq's own words,
  // without a SQLSTATE) is unavailable until it comes back.
  if (const auto* pg_error = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    std::string state = pg_error->sqlstate();
    busy = busy || state == "40001" || state == "40P01" || state == "55P03";
    if (state.starts_with("08") || state.starts_with("57P0"))
      return Make(ErrorCode::kUnavailable, "database_unavailable", "", detail);
  }
  if (Contains(message, "server closed the connection") ||
      Contains(message, "no connection to the server") ||
      Contains(message, "connection to server") || Contains(message, "terminating connection"))
    return Make(ErrorCode::kUnavailable, "database_unavailable", "", detail);
  if (busy) return Make(ErrorCode::kUnavailable, "database_busy", "", detail);
  return Make(ErrorCode::kInternal, "database_error", "", detail);
}

}  // namespace tremplin::store
