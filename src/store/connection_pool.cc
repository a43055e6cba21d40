#include "store/connection_pool.h"

namespace tremplin::store {

ConnectionPool::ConnectionPool(std::string url, size_t size)
    : url_(std::move(url)), size_(std::max<size_t>(size, 1)) {}

ConnectionPool::Lease::~Lease() {
  if (db_) pool_->GiveBack(std::move(db_));
}

core::Result<ConnectionPool::Lease> ConnectionPool::Acquire(std::chrono::milliseconds wait) {
  std::unique_lock<std::mutex> lock(mutex_);
  bool available = given_back_.wait_for(lock, wait, [&] { return !idle_.empty() || open_ < size_; });
  if (!available) return core::MakeError(core::ErrorCode::kUnavailable, "database_busy");
  if (!idle_.empty()) {
    std::unique_ptr<Database> db = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(db));
  }
  ++open_;
  lock.unlock();  // opening may take a while (a server to reach): others need not wait
  core::Result<Database> opened = Database::Open(url_);
  if (!opened.ok()) {
    {
      std::lock_guard<std::mutex> relock(mutex_);
      --open_;
    }
    given_back_.notify_one();
    // For a request the database is out of reach, as when a connection it had was lost.
    core::Error error = opened.error();
    error.code = core::ErrorCode::kUnavailable;
    error.id = "database_unavailable";
    return error;
  }
  return Lease(this, std::make_unique<Database>(std::move(*opened)));
}

void ConnectionPool::GiveBack(std::unique_ptr<Database> db) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(db));
  }
  given_back_.notify_one();
}

}  // namespace tremplin::store
