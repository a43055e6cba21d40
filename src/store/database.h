// A connection to the catalogue database (an SQLite file or a PostgreSQL server) and the
// transactions run on it. Every database failure comes back as a core::Error, never an exception.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/result.h"

namespace soci {
class session;
}

namespace tremplin::store {

enum class Backend { kSqlite, kPostgresql };

// "sqlite" or "postgresql": also the folder of the backend's scripts under migrations/.
std::string_view BackendName(Backend backend);

// Current UTC time as stored in the *_at columns: "2024-05-01T08:30:00Z".
std::string UtcTimestamp();

// One open connection. Not thread-safe: a thread that needs the database uses its own Database,
// made with Connect() (the server opens one per worker thread at start-up; SQLite in WAL mode
// lets those connections read concurrently while one writes).
//
// SQLite connections are set up with:
//  - journal_mode=WAL: readers never block the writer nor the writer the readers;
//  - synchronous=NORMAL: a committed transaction survives a crash of the process, and the
//    database never gets corrupted, but the last transactions before a power loss or an
//    operating-system crash may be rolled back (fsync happens at WAL checkpoints, not at
//    each commit);
//  - foreign_keys=ON (SQLite leaves them off by default);
//  - busy_timeout=5000 ms: a writer waits up to 5 s for another writer before "database_busy".
class Database {
 public:
  // Opens `url`: "sqlite:PATH", "sqlite://PATH" or a plain file path (SQLite), creating the
  // file and its parent folders if missing; or "postgresql://USER[:PASSWORD]@HOST[:PORT]/DB"
  // (libpq's URL form, "postgres://" too) for PostgreSQL, whose database must exist. Fails
  // with "database_open_failed" (args: path — the file, or the URL without its password —
  // and reason) when the file cannot be created or read as a database, or the server cannot
  // be reached or refuses the connection.
  static core::Result<Database> Open(std::string_view url);

  // A new connection to the same database, for another thread.
  core::Result<Database> Connect() const { return Open(url_); }

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  Backend backend() const { return backend_; }
  const std::string& url() const { return url_; }
  // The file for SQLite (empty for PostgreSQL).
  const std::string& path() const { return path_; }
  // How messages name the database: its file, or its URL without the password.
  const std::string& name() const { return name_; }

  // The underlying SOCI session, for statements. Bind every value with use()/into().
  soci::session& session() { return *session_; }

  // Runs `work` in a write transaction: committed when it returns an ok Result, rolled back
  // when it returns an error or throws (the exception becomes the returned error). Nested
  // calls use a savepoint, so an inner failure undoes only the inner work — unless the outer
  // work passes the error on, which rolls everything back. On SQLite the write lock is taken
  // at the start (BEGIN IMMEDIATE) so that busy_timeout applies rather than a failure midway.
  // `work` takes a soci::session& and returns a core::Result<T> (or core::Status).
  template <typename Work>
  auto Transaction(Work&& work) {
    return RunTyped(/*write=*/true, std::forward<Work>(work));
  }

  // Same as Transaction() for reads that must see one consistent snapshot across statements.
  template <typename Work>
  auto ReadTransaction(Work&& work) {
    return RunTyped(/*write=*/false, std::forward<Work>(work));
  }

 private:
  Database(Backend backend, std::string url, std::string path, std::string name,
           std::unique_ptr<soci::session> session);

  template <typename Work>
  auto RunTyped(bool write, Work&& work) {
    using R = std::invoke_result_t<Work, soci::session&>;
    std::optional<R> result;
    core::Status status = Run(write, [&](soci::session& sql) -> core::Status {
      result.emplace(work(sql));
      if (!result->ok()) return result->error();
      return core::Ok{};
    });
    if (!status.ok()) return R(status.error());
    return std::move(*result);
  }

  core::Status Run(bool write, const std::function<core::Status(soci::session&)>& work);
  // PostgreSQL only: whether libpq knows the connection is broken, and opening it again.
  bool ConnectionLost() const;
  core::Status Reconnect();

  Backend backend_;
  std::string url_;
  std::string path_;
  std::string name_;
  std::unique_ptr<soci::session> session_;
  int depth_ = 0;  // transactions open on this connection (the outer one plus savepoints)
};

}  // namespace tremplin::store
