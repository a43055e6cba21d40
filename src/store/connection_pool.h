// The database connections of the request threads: a handler borrows one for its work and
// gives it back when the lease ends. Connections are opened when first needed and kept; one
// found broken is reopened by Database before its next transaction.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace tremplin::store {

class ConnectionPool {
 public:
  // At most `size` connections to `url` (Database::Open's forms).
  ConnectionPool(std::string url, size_t size);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // A borrowed connection, given back when destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept : pool_(other.pool_), db_(std::move(other.db_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Database& operator*() { return *db_; }
    Database* operator->() { return db_.get(); }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<Database> db) : pool_(pool), db_(std::move(db)) {}
    ConnectionPool* pool_;
    std::unique_ptr<Database> db_;
  };

  // A connection: an idle one, a new one while fewer than `size` exist, or the first given
  // back within `wait`. Fails with "database_busy" when none comes in time, or with
  // "database_unavailable" (Open's arguments) when a new connection cannot be opened.
  core::Result<Lease> Acquire(std::chrono::milliseconds wait = std::chrono::seconds(10));

 private:
  void GiveBack(std::unique_ptr<Database> db);

  const std::string url_;
  const size_t size_;
  std::mutex mutex_;
  std::condition_variable given_back_;
  std::vector<std::unique_ptr<Database>> idle_;
  size_t open_ = 0;  // connections in existence, idle or lent
};

}  // namespace tremplin::store
