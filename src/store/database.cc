#include "store/database.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <ctime>
#include <filesystem>
#include <optional>
#include <system_error>

#include "core/metrics.h"
#include "store/database_error.h"

namespace tremplin::store {
namespace {

core::Error OpenFailed(std::string path, std::string reason) {
  core::Error error = core::MakeError(core::ErrorCode::kUnavailable, "database_open_failed");
  error.With("path", std::move(path)).With("reason", std::move(reason));
  return error;
}

std::string ExceptionReason(const std::exception& e) {
  if (const auto* soci_error = dynamic_cast<const soci::soci_error*>(&e))
    return soci_error->get_error_message();
  return e.what();
}

// The statement that opens an outermost transaction.
const char* BeginStatement(Backend backend, bool write) {
  if (backend == Backend::kSqlite) return write ? "BEGIN IMMEDIATE" : "BEGIN";
  return write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
}

bool IsPostgresUrl(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

// A PostgreSQL URL as libpq's "keyword=value" list (SOCI does not read URLs), and as shown in
// messages: "postgresql://user@host:port/dbname", never the password.
struct PostgresTarget {
  std::string conninfo;
  std::string shown;
};

core::Result<PostgresTarget> ParsePostgresUrl(std::string_view url) {
  char* message = nullptr;
  PQconninfoOption* options = PQconninfoParse(std::string(url).c_str(), &message);
  if (!options) {
    std::string reason = message ? message : "out of memory";
    if (message) PQfreemem(message);
    while (!reason.empty() && reason.back() == '\n') reason.pop_back();
    return OpenFailed("postgresql://…", "the URL cannot be read: " + reason);
  }
  PostgresTarget target;
  std::string user, host, port, dbname;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    std::string keyword = o->keyword, value = o->val;
    if (keyword == "user") user = value;
    if (keyword == "host" || keyword == "hostaddr") host = value;
    if (keyword == "port") port = value;
    if (keyword == "dbname") dbname = value;
    std::string quoted;
    for (char c : value) {
      if (c == '\\' || c == '\'') quoted += '\\';
      quoted += c;
    }
    target.conninfo += keyword + "='" + quoted + "' ";
  }
  PQconninfoFree(options);
  target.shown = "postgresql://" + (user.empty() ? "" : user + "@") + host +
                 (port.empty() ? "" : ":" + port) + "/" + dbname;
  return target;
}

// Dates come back as 'YYYY-MM-DD' and the session's clock is UTC, whatever the server's
// defaults; notices (e.g. "already exists, skipping") stay out of the logs.
void SetUpPostgresSession(soci::session& session) {
  session << "SET DateStyle = 'ISO, YMD'";
  session << "SET TimeZone = 'UTC'";
  session << "SET client_min_messages = warning";
}

core::Result<std::unique_ptr<soci::session>> OpenPostgres(const PostgresTarget& target) {
  try {
    auto session = std::make_unique<soci::session>(soci::postgresql, target.conninfo);
    SetUpPostgresSession(*session);
    return session;
  } catch (const std::exception& e) {
    std::string reason = ExceptionReason(e);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
    return OpenFailed(target.shown, reason);
  }
}

}  // namespace

std::string_view BackendName(Backend backend) {
  return backend == Backend::kSqlite ? "sqlite" : "postgresql";
}

std::string UtcTimestamp() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

core::Result<Database> Database::Open(std::string_view url) {
  if (IsPostgresUrl(url)) {
    core::Result<PostgresTarget> target = ParsePostgresUrl(url);
    if (!target.ok()) return target.error();
    core::Result<std::unique_ptr<soci::session>> session = OpenPostgres(*target);
    if (!session.ok()) return session.error();
    return Database(Backend::kPostgresql, std::string(url), "", target->shown,
                    std::move(*session));
  }
  std::string path(url);
  if (url.starts_with("sqlite://"))
    path = url.substr(9);
  else if (url.starts_with("sqlite:"))
    path = url.substr(7);
  if (path.empty()) return OpenFailed(path, "the database path is empty");
  // The SOCI connection string quotes the path with double quotes and cannot escape them.
  if (path.find('"') != std::string::npos)
    return OpenFailed(path, "the database path contains a double quote");

  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return OpenFailed(path, "cannot create folder " + parent.string() + ": " + ec.message());

  try {
    auto session = std::make_unique<soci::session>(soci::sqlite3, "db=\"" + path + "\" timeout=5");
    // The first statement reads the file: a folder or a file that is not a database fails here.
    std::string journal_mode;
    *session << "PRAGMA journal_mode=WAL", soci::into(journal_mode);
    *session << "PRAGMA synchronous=NORMAL";
    *session << "PRAGMA foreign_keys=ON";
    *session << "PRAGMA busy_timeout=5000";
    if (journal_mode != "wal")
      spdlog::warn("database {}: journal mode is {}, not wal", path, journal_mode);
    return Database(Backend::kSqlite, std::string(url), path, path, std::move(session));
  } catch (const std::exception& e) {
    return OpenFailed(path, ExceptionReason(e));
  }
}

Database::Database(Backend backend, std::string url, std::string path, std::string name,
                   std::unique_ptr<soci::session> session)
    : backend_(backend),
      url_(std::move(url)),
      path_(std::move(path)),
      name_(std::move(name)),
      session_(std::move(session)) {}

bool Database::ConnectionLost() const {
  if (backend_ != Backend::kPostgresql) return false;
  auto* backend = static_cast<soci::postgresql_session_backend*>(session_->get_backend());
  return backend == nullptr || PQstatus(backend->conn_) != CONNECTION_OK;
}

core::Status Database::Reconnect() {
  try {
    session_->reconnect();
    SetUpPostgresSession(*session_);
    spdlog::info("database {}: connected again", name_);
    return core::Ok{};
  } catch (const std::exception& e) {
    core::Error error = core::MakeError(core::ErrorCode::kUnavailable, "database_unavailable");
    error.With("detail", ExceptionReason(e));
    return error;
  }
}

Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

core::Status Database::Run(bool write, const std::function<core::Status(soci::session&)>& work) {
  soci::session& sql = *session_;
  const bool nested = depth_ > 0;
  // Outermost transactions only: a nested one is part of its parent's time.
  std::optional<core::ScopedTimer> timer;
  if (!nested) timer.emplace(core::DatabaseSeconds());
  // A PostgreSQL connection known to be broken (a server that restarted, a network cut) is
  // opened again before a transaction starts. A transaction that was running when it broke
  // has failed and was reported.
  if (!nested && ConnectionLost()) {
    core::Status reconnected = Reconnect();
    if (!reconnected.ok()) return reconnected;
  }
  // Savepoint names are ours, never user input.
  const std::string savepoint = "tremplin_savepoint_" + std::to_string(depth_);
  try {
    if (nested) {
      sql << "SAVEPOINT " + savepoint;
    } else {
      try {
        sql << BeginStatement(backend_, write);
      } catch (const std::exception&) {
        // The break may only show now (libpq learns of it when it next talks to the server):
        // nothing ran yet, so connect again and begin once more.
        if (!ConnectionLost()) throw;
        core::Status reconnected = Reconnect();
        if (!reconnected.ok()) return reconnected;
        sql << BeginStatement(backend_, write);
      }
    }
  } catch (const std::exception& e) {
    return DatabaseError(e);
  }

  ++depth_;
  core::Status status = core::Ok{};
  try {
    status = work(sql);
  } catch (const std::exception& e) {
    status = DatabaseError(e);
  } catch (...) {
    status = core::MakeError(core::ErrorCode::kInternal, "database_error");
  }
  --depth_;

  try {
    if (status.ok()) {
      sql << (nested ? "RELEASE SAVEPOINT " + savepoint : std::string("COMMIT"));
      return status;
    }
  } catch (const std::exception& e) {
    status = DatabaseError(e);  // the commit failed: undo below
  }
  try {
    if (nested) {
      sql << "ROLLBACK TO SAVEPOINT " + savepoint;
      sql << "RELEASE SAVEPOINT " + savepoint;
    } else {
      sql << "ROLLBACK";
    }
  } catch (const std::exception& e) {
    // SQLite may already have rolled back by itself (e.g. after a full disk): nothing is left
    // half-written, so the original error is the one to report.
    spdlog::warn("database {}: rollback failed: {}", name_, ExceptionReason(e));
  }
  return status;
}

}  // namespace tremplin::store
