// Waiting for news of catalogue changes. On PostgreSQL a connection of its own LISTENs on
// kCatalogueChannel and wakes up when a write commits anywhere; SQLite has no such signal (one
// node only), so waiting there is just a timeout. Either way the news is only a hint: what
// changed is read from the change log (ChangesSince), which is how a node also catches up
// after missing notifications while disconnected.
#pragma once

#include <chrono>
#include <memory>
#include <string_view>

#include "core/result.h"
#include "store/database.h"

typedef struct pg_conn PGconn;

namespace tremplin::store {

class ChangeListener {
 public:
  // Listens on the database at `url` (Database::Open's forms). For PostgreSQL, fails with
  // "database_unavailable" (arg reason) when the server cannot be reached.
  static core::Result<ChangeListener> Open(Backend backend, std::string_view url);

  ChangeListener(ChangeListener&&) noexcept;
  ChangeListener& operator=(ChangeListener&&) noexcept;
  ~ChangeListener();

  // Returns when a notification has arrived (true), when `wake_fd` (a file descriptor, or -1)
  // becomes readable or `timeout` passes (false). Fails with "database_unavailable" when the
  // listening connection is lost: open a new listener, then catch up from the log.
  core::Result<bool> Wait(std::chrono::milliseconds timeout, int wake_fd);

 private:
  explicit ChangeListener(PGconn* conn) : conn_(conn) {}
  PGconn* conn_ = nullptr;  // null for SQLite
};

}  // namespace tremplin::store
