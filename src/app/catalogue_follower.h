// Keeps the catalogue a node serves in step with the database. A thread reads the change log
// (store::ChangesSince) after the last change it applied — at once when a PostgreSQL
// notification or a local write wakes it, and at least every second anyway — loads the
// courses that changed and swaps in a new catalogue snapshot (search::Catalogue::WithChanges).
// When the database is unreachable it keeps the catalogue it has, logs once, and retries
// every second; back in touch, the log tells it everything it missed. A database whose last
// change number is below the node's (a backup restored, a lagging replica promoted) makes it
// reload everything; a promoted replica that has already given out numbers past the node's
// cannot be told apart, hence "restart the nodes after a failover" in docs/operations.md.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"
#include "search/catalogue.h"
#include "store/database.h"

namespace tremplin::app {

class CatalogueFollower {
 public:
  // Follows the database at `url`; `catalogue` holds the snapshot made from the database as
  // it was at change number `applied` (read before loading it).
  CatalogueFollower(std::string url, search::CatalogueHolder& catalogue, int64_t applied);
  ~CatalogueFollower();  // stops the thread
  CatalogueFollower(const CatalogueFollower&) = delete;
  CatalogueFollower& operator=(const CatalogueFollower&) = delete;

  void Start();
  void Stop();

  // Wakes the thread and waits until change `version` is applied or `timeout` passes; whether
  // it is applied.
  bool WaitUntilApplied(int64_t version, std::chrono::milliseconds timeout);

  int64_t applied() const { return applied_.load(); }

  // More courses than this changed since the last look (after a long disconnection, a bulk
  // import): reloading everything is quicker than one course at a time.
  static constexpr size_t kFullReloadCourses = 5000;

 private:
  void Run();
  // Applies the changes after applied_. Fails when the database cannot be read.
  core::Status CatchUp(store::Database& db);
  // Replaces the catalogue by the database's whole catalogue.
  core::Status Reload(store::Database& db);
  // Serves `catalogue`, made at change `version`, and tells the waiters.
  void Publish(std::shared_ptr<const search::Catalogue> catalogue, int64_t version);
  void Wake();

  const std::string url_;
  search::CatalogueHolder& catalogue_;
  std::atomic<int64_t> applied_;
  std::atomic<bool> stopping_{false};
  int wake_pipe_[2] = {-1, -1};  // a byte written to [1] wakes the thread polling [0]
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable applied_changed_;
};

}  // namespace tremplin::app
